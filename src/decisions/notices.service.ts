// Notices to the citizens behind 列席 and 开放日 sign-ups (they are not users): an e-mail through the notify
// module's outbox when their contact holds an address, otherwise a 请电话通知 task for staff with the text
// to read out. Exactly once per person and event (a unique key here, and the outbox's once-key).
import { writeAudit } from '../audit/public.js';
import type { Db } from '../db/schema.js';
import type { ParticipantNoticesTable } from '../db/decisions.tables.js';
import { actorLabel, type Ctx } from '../lib/context.js';
import { fail, notFound } from '../lib/errors.js';
import { nowIso } from '../lib/time.js';
import { queueMailOnce } from '../notify/public.js';
import { publicBaseUrl } from '../site/public.js';
import { requireMeetingManager, requireOpenDayStaff, unitScope } from './decisions-policy.js';
import { emailOf, type NoticeEvent, type NoticeText } from './pure/notices.js';

export type NoticeTarget = ParticipantNoticesTable['target'];
export const baseUrl = (): string | null => publicBaseUrl();

/**
 * Tells one person about one event, once: returns the channel used, or null when this person was already told
 * (same key). Call inside the transaction that made the change.
 */
export async function tellParticipant(tx: Db, n: {
  areaId: number; target: NoticeTarget; targetId: number; signup: { id: number; contact: string }; event: NoticeEvent; version?: number; text: NoticeText;
}): Promise<'email' | 'phone' | null> {
  const key = `${n.target}:${n.targetId}:${n.event}${n.version ? `:${n.version}` : ''}:${n.signup.id}`;
  const email = emailOf(n.signup.contact);
  const channel = email ? 'email' as const : 'phone' as const;
  const r = await tx.insertInto('decisions_notices').values({
    area_id: n.areaId, key, target: n.target, target_id: n.targetId, signup_id: n.signup.id, event: n.event, channel,
    message: `${n.text.subject}\n\n${n.text.body}`, created_at: nowIso(), done_at: null, done_by: null,
  }).onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0n) !== 1) return null;
  if (email) {
    await queueMailOnce(tx, `decisions.participant:${key}`, {
      areaId: n.areaId, to: email, subject: `【政务公开】${n.text.subject}`, body: `${n.text.body}\n\n（本邮件由政务公开工作平台自动发送，请勿直接回复）`,
    });
  }
  return channel;
}

/** Notices of a meeting or open day for its staff page, with each person's name and contact (staff only). */
export async function noticesFor(db: Db, target: NoticeTarget, targetId: number) {
  const cols = ['n.id', 'n.signup_id', 'n.event', 'n.channel', 'n.message', 'n.created_at', 'n.done_at', 'n.done_by', 's.name', 's.contact'] as const;
  const q = target === 'meeting'
    ? db.selectFrom('decisions_notices as n').innerJoin('meeting_signups as s', 's.id', 'n.signup_id').select(cols)
    : db.selectFrom('decisions_notices as n').innerJoin('open_day_signups as s', 's.id', 'n.signup_id').select(cols);
  return q.where('n.target', '=', target).where('n.target_id', '=', targetId).orderBy('n.id').execute();
}

/** Staff record that a 请电话通知 notice was given by phone. */
export async function markPhoned(ctx: Ctx, noticeId: number): Promise<{ target: NoticeTarget; targetId: number }> {
  const n = noticeId > 0 ? await ctx.db.selectFrom('decisions_notices').selectAll().where('id', '=', noticeId).executeTakeFirst() : undefined;
  if (!n) throw notFound('通知');
  if (n.target === 'meeting') {
    const m = await ctx.db.selectFrom('meetings').select(['area_id']).where('id', '=', n.target_id).executeTakeFirstOrThrow();
    requireMeetingManager(ctx.actor, m);
  } else {
    const d = await ctx.db.selectFrom('open_days').select(['area_id', 'unit_id']).where('id', '=', n.target_id).executeTakeFirstOrThrow();
    requireOpenDayStaff(ctx.actor, d);
  }
  if (n.channel !== 'phone') throw fail('wrong_status', '该通知已通过电子邮件发送');
  if (n.done_at) throw fail('wrong_status', '该通知已登记为电话通知');
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('decisions_notices').set({ done_at: nowIso(), done_by: actorLabel(ctx.actor) }).where('id', '=', n.id).where('done_at', 'is', null).execute();
    await writeAudit(tx, ctx, { action: 'participant_notice.phoned', entity: 'participant_notice', entityId: n.id, after: { target: n.target, targetId: n.target_id, signupId: n.signup_id, event: n.event }, areaId: n.area_id });
  });
  return { target: n.target, targetId: n.target_id };
}

/** Phone notices not yet given, for the 工作台 (the area's for admins and auditors, the unit's open days otherwise). */
export async function pendingPhoneNotices(ctx: Ctx, areaId: number): Promise<number> {
  let q = ctx.db.selectFrom('decisions_notices as n').select((eb) => eb.fn.countAll<number>().as('c'))
    .where('n.area_id', '=', areaId).where('n.channel', '=', 'phone').where('n.done_at', 'is', null);
  const scope = unitScope(ctx.actor);
  if (scope !== null) q = q.where('n.target', '=', 'open_day').where('n.target_id', 'in', (eb) => eb.selectFrom('open_days').select('id').where('unit_id', '=', scope));
  return Number((await q.executeTakeFirstOrThrow()).c);
}

/** Meetings and open days of the area with phone notices not yet given, and how many. */
export async function pendingPhoneTargets(db: Db, areaId: number): Promise<{ target: NoticeTarget; targetId: number; n: number }[]> {
  const rows = await db.selectFrom('decisions_notices').select(['target', 'target_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('area_id', '=', areaId).where('channel', '=', 'phone').where('done_at', 'is', null).groupBy(['target', 'target_id']).orderBy('target').orderBy('target_id').execute();
  return rows.map((r) => ({ target: r.target, targetId: r.target_id, n: Number(r.n) }));
}
