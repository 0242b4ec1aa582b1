// Notices to the citizens behind 列席 and 开放日 sign-ups (they are not users): an e-mail through the notify
// module's outbox when their contact holds an address, otherwise a 请电话通知 task for staff with the text
// to read out. Exactly once per person and event (a unique key here, and the outbox's once-key).
import { writeAudit } from '../audit/public.js';
import type { Db } from '../db/schema.js';
import type { ParticipantNoticesTable } from '../db/decisions.tables.js';
import { actorLabel, type Ctx } from '../lib/context.js';
import { fail, notFound } from '../lib/errors.js';
import { nowIso } from '../lib/time.js';
import { mailStatus, queueMailOnce } from '../notify/public.js';
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
  /** Appended to the e-mail only (e.g. a cancellation link with its token), never to the stored notice text. */
  mailOnly?: string;
}): Promise<'email' | 'phone' | null> {
  const key = `${n.target}:${n.targetId}:${n.event}${n.version ? `:${n.version}` : ''}:${n.signup.id}`;
  const email = emailOf(n.signup.contact);
  const channel = email ? 'email' as const : 'phone' as const;
  const r = await tx.insertInto('decisions_notices').values({
    area_id: n.areaId, key, target: n.target, target_id: n.targetId, signup_id: n.signup.id, event: n.event, channel,
    message: `${n.text.subject}\n\n${n.text.body}`, created_at: nowIso(), done_at: null, done_by: null, outbox_id: null,
  }).onConflict((oc) => oc.column('key').doNothing()).returning('id').executeTakeFirst();
  if (!r) return null;
  if (email) {
    const outboxId = await queueMailOnce(tx, `decisions.participant:${key}`, {
      areaId: n.areaId, to: email, subject: `【政务公开】${n.text.subject}`, body: `${n.text.body}${n.mailOnly ? `\n\n${n.mailOnly}` : ''}\n\n（本邮件由政务公开工作平台自动发送，请勿直接回复）`,
    });
    if (outboxId !== null) await tx.updateTable('decisions_notices').set({ outbox_id: outboxId }).where('id', '=', r.id).execute();
  }
  return channel;
}

/** Notices of a meeting or open day for its staff page, with each person's name and contact (staff only). */
export async function noticesFor(db: Db, target: NoticeTarget, targetId: number) {
  const cols = ['n.id', 'n.signup_id', 'n.event', 'n.channel', 'n.message', 'n.created_at', 'n.done_at', 'n.done_by', 'n.outbox_id', 's.name', 's.contact'] as const;
  const q = target === 'meeting'
    ? db.selectFrom('decisions_notices as n').innerJoin('meeting_signups as s', 's.id', 'n.signup_id').select(cols)
    : db.selectFrom('decisions_notices as n').innerJoin('open_day_signups as s', 's.id', 'n.signup_id').select(cols);
  const rows = await q.where('n.target', '=', target).where('n.target_id', '=', targetId).orderBy('n.id').execute();
  const mail = await mailStatus(db, rows.map((r) => r.outbox_id).filter((x): x is number => x !== null));
  return rows.map((r) => {
    const mailState = r.outbox_id === null ? null : mail.get(r.outbox_id) ?? 'pending';
    return { ...r, mailState, needsCall: r.channel === 'phone' || mailState === 'failed' };
  });
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
  const failed = n.outbox_id !== null && (await mailStatus(ctx.db, [n.outbox_id])).get(n.outbox_id) === 'failed';
  if (n.channel !== 'phone' && !failed) throw fail('wrong_status', '该通知已通过电子邮件发送');
  if (n.done_at) throw fail('wrong_status', '该通知已登记为电话通知');
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('decisions_notices').set({ done_at: nowIso(), done_by: actorLabel(ctx.actor) }).where('id', '=', n.id).where('done_at', 'is', null).execute();
    await writeAudit(tx, ctx, { action: 'participant_notice.phoned', entity: 'participant_notice', entityId: n.id, after: { target: n.target, targetId: n.target_id, signupId: n.signup_id, event: n.event }, areaId: n.area_id });
  });
  return { target: n.target, targetId: n.target_id };
}

/** Calls still to make (phone notices, and e-mails that failed after their retries) not yet given. */
async function openCalls(db: Db, areaId: number, unitId: number | null) {
  let q = db.selectFrom('decisions_notices as n').select(['n.target', 'n.target_id', 'n.channel', 'n.outbox_id'])
    .where('n.area_id', '=', areaId).where('n.done_at', 'is', null);
  if (unitId !== null) q = q.where('n.target', '=', 'open_day').where('n.target_id', 'in', (eb) => eb.selectFrom('open_days').select('id').where('unit_id', '=', unitId));
  const rows = await q.execute();
  const mail = await mailStatus(db, rows.map((r) => r.outbox_id).filter((x): x is number => x !== null));
  return rows.filter((r) => r.channel === 'phone' || (r.outbox_id !== null && mail.get(r.outbox_id) === 'failed'));
}

/** Phone notices not yet given, for the 工作台 (the area's for admins, the unit's open days for unit roles). */
export async function pendingPhoneNotices(ctx: Ctx, areaId: number): Promise<number> {
  return (await openCalls(ctx.db, areaId, unitScope(ctx.actor))).length;
}

/** Meetings and open days of the area with phone notices not yet given, and how many. */
export async function pendingPhoneTargets(db: Db, areaId: number): Promise<{ target: NoticeTarget; targetId: number; n: number }[]> {
  const counts = new Map<string, { target: NoticeTarget; targetId: number; n: number }>();
  for (const r of await openCalls(db, areaId, null)) {
    const k = `${r.target}:${r.target_id}`;
    const c = counts.get(k) ?? { target: r.target, targetId: r.target_id, n: 0 };
    c.n++;
    counts.set(k, c);
  }
  return [...counts.values()];
}
