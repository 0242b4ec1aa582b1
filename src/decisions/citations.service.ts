// Decision catalog items, consultations, 列席 meetings and 开放日 cited as evidence (佐证材料) by ledger
// measures of plan tasks 32–35: what may be cited (a record of the area with a public page), a one-line
// status for the citation, and a title search for the ledger's picker.
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { todayCst } from '../lib/time.js';
import { STAGE_LABELS, consultationStatus, type Stage } from './pure/rules.js';

export const PARTICIPATION_TARGETS = ['decision', 'consultation', 'meeting', 'open_day'] as const;
export type ParticipationTarget = (typeof PARTICIPATION_TARGETS)[number];
export const PARTICIPATION_TARGET_LABELS: Record<ParticipationTarget, string> = {
  decision: '重大行政决策事项', consultation: '征求意见', meeting: '列席会议', open_day: '政府开放日',
};

export type ParticipationRef = {
  target: ParticipationTarget;
  id: number;
  title: string;
  /** The record's public page. */
  href: string;
  /** One line: dates, counts and state, e.g. 征求意见 2022-05-01 至 2022-05-31，收到意见12条，已公布采纳情况. */
  status: string;
};

const num = (v: unknown) => Number(v ?? 0);

async function decisionRefs(db: Db, ids: number[], areaId?: number): Promise<ParticipationRef[]> {
  if (!ids.length) return [];
  let q = db.selectFrom('decisions').select(['id', 'name', 'year', 'status', 'status_since']).where('id', 'in', ids);
  if (areaId !== undefined) q = q.where('area_id', '=', areaId);
  return (await q.execute()).map((d) => ({
    target: 'decision', id: d.id, title: d.name, href: `/decisions/${d.id}`,
    status: `${d.year}年度重大行政决策事项目录，当前环节：${STAGE_LABELS[d.status as Stage] ?? d.status}（${d.status_since.slice(0, 10)}起）`,
  }));
}

async function consultationRefs(db: Db, ids: number[], areaId?: number): Promise<ParticipationRef[]> {
  if (!ids.length) return [];
  let q = db.selectFrom('consultations').select(['id', 'title', 'opens_on', 'closes_on', 'report_published_at', 'n_pending', 'n_published', 'n_withheld']).where('id', 'in', ids);
  if (areaId !== undefined) q = q.where('area_id', '=', areaId);
  const today = todayCst();
  return (await q.execute()).map((c) => {
    const received = num(c.n_pending) + num(c.n_published) + num(c.n_withheld);
    const state = consultationStatus(c, today);
    const tail = state === 'not_open' ? '尚未开始' : state === 'open' ? `正在征求意见，已收到意见${received}条` : `收到意见${received}条，${c.report_published_at ? '已公布采纳情况' : '采纳情况尚未公布'}`;
    return {
      target: 'consultation' as const, id: c.id, title: c.title, href: c.report_published_at ? `/consultations/${c.id}/feedback` : `/consultations/${c.id}`,
      status: `征求意见 ${c.opens_on} 至 ${c.closes_on}，${tail}`,
    };
  });
}

async function meetingRefs(db: Db, ids: number[], areaId?: number): Promise<ParticipationRef[]> {
  if (!ids.length) return [];
  let q = db.selectFrom('meetings').select(['id', 'title', 'meeting_on', 'method']).where('id', 'in', ids);
  if (areaId !== undefined) q = q.where('area_id', '=', areaId);
  const rows = await q.execute();
  if (!rows.length) return [];
  const counts = await db.selectFrom('meeting_signups').select(['meeting_id', sql<number>`count(*)`.as('n'), sql<number>`sum(selected)`.as('sel')])
    .where('meeting_id', 'in', rows.map((r) => r.id)).groupBy('meeting_id').execute();
  const by = new Map(counts.map((c) => [c.meeting_id, c]));
  return rows.map((m) => {
    const c = by.get(m.id);
    return {
      target: 'meeting' as const, id: m.id, title: m.title, href: `/meetings/${m.id}`,
      status: `列席会议 ${m.meeting_on}，报名${num(c?.n)}人，${m.method ? `列席${num(c?.sel)}人（${m.method === 'draw' ? '公开抽取' : '人工遴选'}）` : '尚未遴选'}`,
    };
  });
}

async function openDayRefs(db: Db, ids: number[], areaId?: number): Promise<ParticipationRef[]> {
  if (!ids.length) return [];
  let q = db.selectFrom('open_days').select(['id', 'title', 'held_on', 'capacity']).where('id', 'in', ids);
  if (areaId !== undefined) q = q.where('area_id', '=', areaId);
  const rows = await q.execute();
  if (!rows.length) return [];
  const counts = await db.selectFrom('open_day_signups')
    .select(['open_day_id', sql<number>`sum(attended)`.as('att'), sql<number>`sum(case when suggestion is not null then 1 else 0 end)`.as('sug'), sql<number>`sum(case when disposition is not null then 1 else 0 end)`.as('disp')])
    .where('open_day_id', 'in', rows.map((r) => r.id)).groupBy('open_day_id').execute();
  const by = new Map(counts.map((c) => [c.open_day_id, c]));
  return rows.map((d) => {
    const c = by.get(d.id);
    return {
      target: 'open_day' as const, id: d.id, title: d.title, href: `/open-days/${d.id}`,
      status: `政府开放日 ${d.held_on}，名额${d.capacity}人，参加${num(c?.att)}人，收到建议${num(c?.sug)}条，已答复${num(c?.disp)}条`,
    };
  });
}

const LOADERS: Record<ParticipationTarget, (db: Db, ids: number[], areaId?: number) => Promise<ParticipationRef[]>> = {
  decision: decisionRefs, consultation: consultationRefs, meeting: meetingRefs, open_day: openDayRefs,
};

/**
 * The record a ledger of `areaId` may cite, or null when it is missing, of another area or has no public
 * page — one answer for all, so a caller can refuse without telling which. Every record of the module
 * in the area has a public page today (/decisions/{id}, /consultations/{id}, /meetings/{id},
 * /open-days/{id}); a later rule hiding records must be added here too.
 */
export async function citableParticipation(db: Db, areaId: number, target: string, id: number): Promise<ParticipationRef | null> {
  if (!(PARTICIPATION_TARGETS as readonly string[]).includes(target) || !Number.isSafeInteger(id) || id <= 0) return null;
  return (await LOADERS[target as ParticipationTarget](db, [id], areaId))[0] ?? null;
}

/** Current title, link and status of cited records (for showing citations), keyed `${target}:${id}`. */
export async function participationRefs(db: Db, refs: readonly { target: string; id: number }[]): Promise<Map<string, ParticipationRef>> {
  const out = new Map<string, ParticipationRef>();
  for (const t of PARTICIPATION_TARGETS) {
    const ids = [...new Set(refs.filter((r) => r.target === t).map((r) => r.id))];
    for (const r of await LOADERS[t](db, ids)) out.set(`${t}:${r.id}`, r);
  }
  return out;
}

/** Records of the area whose title contains `q` (newest first, at most `limit` per kind), for the ledger's picker. */
export async function searchParticipation(db: Db, areaId: number, q: string, limit = 10): Promise<ParticipationRef[]> {
  const text = q.trim().slice(0, 100);
  if (!text) return [];
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const match = sql<boolean>`title like ${like} escape '\\'`;
  const [d, c, m, o] = await Promise.all([
    db.selectFrom('decisions').select('id').where('area_id', '=', areaId).where(sql<boolean>`name like ${like} escape '\\'`).orderBy('id', 'desc').limit(limit).execute(),
    db.selectFrom('consultations').select('id').where('area_id', '=', areaId).where(match).orderBy('opens_on', 'desc').limit(limit).execute(),
    db.selectFrom('meetings').select('id').where('area_id', '=', areaId).where(match).orderBy('meeting_on', 'desc').limit(limit).execute(),
    db.selectFrom('open_days').select('id').where('area_id', '=', areaId).where(match).orderBy('held_on', 'desc').limit(limit).execute(),
  ]);
  const lists = await Promise.all([
    decisionRefs(db, d.map((x) => x.id), areaId), consultationRefs(db, c.map((x) => x.id), areaId),
    meetingRefs(db, m.map((x) => x.id), areaId), openDayRefs(db, o.map((x) => x.id), areaId),
  ]);
  return lists.flatMap((l) => l.sort((a, b) => b.id - a.id));
}
