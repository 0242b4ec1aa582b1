// Evidence for ledger measures of plan tasks 32–35 (重大行政决策目录, 征求意见及采纳情况, 列席, 政府开放日):
// what was done in a year, with links to the public pages that prove it.
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';

export type ParticipationEvidence = {
  year: number;
  /** Task 32: the catalog of the year and how far its items are. */
  catalog: { items: number; published: number; href: string };
  /** Task 33: consultations closed in the year and those whose 采纳情况 is published. */
  consultations: { closed: number; withFeedback: number; comments: number; links: { title: string; href: string }[] };
  /** Task 34: meetings with public attendance and how many attended. */
  meetings: { held: number; attendees: number; links: { title: string; href: string }[] };
  /** Task 35: open days, attendance and suggestions with dispositions. */
  openDays: { held: number; attended: number; suggestions: number; links: { title: string; href: string }[] };
};

export async function participationEvidence(db: Db, areaId: number, year: number): Promise<ParticipationEvidence> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const [items, cons, meetings, openDays] = await Promise.all([
    db.selectFrom('decisions').select(['status']).where('area_id', '=', areaId).where('year', '=', year).execute(),
    db.selectFrom('consultations').select(['id', 'title', 'report_published_at']).where('area_id', '=', areaId).where('closes_on', '>=', from).where('closes_on', '<=', to).orderBy('closes_on').execute(),
    db.selectFrom('meetings').select(['id', 'title']).where('area_id', '=', areaId).where('meeting_on', '>=', from).where('meeting_on', '<=', to).where('method', 'is not', null).orderBy('meeting_on').execute(),
    db.selectFrom('open_days').select(['id', 'title']).where('area_id', '=', areaId).where('held_on', '>=', from).where('held_on', '<=', to).orderBy('held_on').execute(),
  ]);
  const n = async (q: Promise<{ n: number | string | bigint } | undefined>) => Number((await q)?.n ?? 0);
  const consIds = cons.map((c) => c.id);
  const meetingIds = meetings.map((m) => m.id);
  const dayIds = openDays.map((d) => d.id);
  const [comments, attendees, attended, suggestions] = await Promise.all([
    consIds.length ? n(db.selectFrom('consultation_comments').select(sql<number>`count(*)`.as('n')).where('consultation_id', 'in', consIds).executeTakeFirst()) : 0,
    meetingIds.length ? n(db.selectFrom('meeting_signups').select(sql<number>`count(*)`.as('n')).where('meeting_id', 'in', meetingIds).where('selected', '=', 1).executeTakeFirst()) : 0,
    dayIds.length ? n(db.selectFrom('open_day_signups').select(sql<number>`count(*)`.as('n')).where('open_day_id', 'in', dayIds).where('attended', '=', 1).executeTakeFirst()) : 0,
    dayIds.length ? n(db.selectFrom('open_day_signups').select(sql<number>`count(*)`.as('n')).where('open_day_id', 'in', dayIds).where('disposition', 'is not', null).executeTakeFirst()) : 0,
  ]);
  return {
    year,
    catalog: { items: items.length, published: items.filter((i) => ['published', 'implementing', 'evaluation'].includes(i.status)).length, href: `/decisions?year=${year}` },
    consultations: {
      closed: cons.length, withFeedback: cons.filter((c) => c.report_published_at).length, comments,
      links: cons.map((c) => ({ title: c.title, href: c.report_published_at ? `/consultations/${c.id}/feedback` : `/consultations/${c.id}` })),
    },
    meetings: { held: meetings.length, attendees, links: meetings.map((m) => ({ title: m.title, href: `/meetings/${m.id}` })) },
    openDays: { held: openDays.length, attended, suggestions, links: openDays.map((d) => ({ title: d.title, href: `/open-days/${d.id}` })) },
  };
}
