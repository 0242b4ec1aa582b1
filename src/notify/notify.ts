// In-app notifications (always) and e-mail (an outbox row per message; delivered by SMTP when
// configured, otherwise kept in the outbox for the admin to see on /console/outbox).
import type { Db } from '../db/schema.js';
import { nowIso } from '../lib/time.js';
import { sendMail, type SmtpConfig } from './smtp.js';
import { withLock } from '../jobs/jobs.js';
import { randomUUID } from 'node:crypto';

export type Notice = { kind: string; title: string; body: string; link: string | null; areaId: number | null };

let smtp: SmtpConfig | null = null;
/** Set once at start-up from config.smtp (null: mail stays in the outbox). */
export const configureMail = (cfg: SmtpConfig | null): void => {
  smtp = cfg;
};
export const mailConfigured = (): boolean => smtp !== null;

/** Active users of a unit with the given roles. */
export async function unitUsers(db: Db, unitId: number, roles: string[]): Promise<number[]> {
  const rows = await db.selectFrom('users').select('id').where('unit_id', '=', unitId).where('role', 'in', roles as never[]).where('disabled', '=', 0).orderBy('id').execute();
  return rows.map((r) => r.id);
}

export async function areaAdmins(db: Db, areaId: number): Promise<number[]> {
  return unitUsers(db, areaId, ['admin']);
}

/** Writes one notification per user and, for users with an e-mail address, one outbox row. */
export async function notifyUsers(tx: Db, userIds: readonly number[], n: Notice): Promise<number> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return 0;
  const at = nowIso();
  await tx.insertInto('notifications').values(ids.map((user_id) => ({
    user_id, area_id: n.areaId, kind: n.kind, title: n.title, body: n.body, link: n.link, read_at: null, created_at: at,
  }))).execute();
  const contacts = await tx.selectFrom('user_contacts').select(['user_id', 'email']).where('user_id', 'in', ids).execute();
  if (contacts.length) {
    await tx.insertInto('outbox').values(contacts.map((c) => ({
      area_id: n.areaId, user_id: c.user_id, to_addr: c.email, subject: `【政务公开平台】${n.title}`,
      body: `${n.body}${n.link ? `\n\n查看：${n.link}` : ''}\n\n（本邮件由政务公开工作平台自动发送）`,
      status: 'pending' as const, attempts: 0, last_error: null, created_at: at, sent_at: null,
    }))).execute();
  }
  return ids.length;
}

/** Queues one e-mail to an outside address (e.g. an applicant), sent by deliverOutbox when SMTP is configured. */
export async function queueMail(tx: Db, m: { areaId: number | null; to: string; subject: string; body: string }): Promise<void> {
  await tx.insertInto('outbox').values({
    area_id: m.areaId, user_id: null, to_addr: m.to, subject: m.subject, body: m.body, status: 'pending', attempts: 0, last_error: null, created_at: nowIso(), sent_at: null,
  }).execute();
}

/**
 * Queues one e-mail to an outside address (a citizen who is not a user: 列席 attendees, 开放日 sign-ups) at most
 * once per `key`, ever, with the same bookkeeping as notifyOnce (`notify_once`, same transaction). Returns the
 * outbox id (for mailStatus), or null when the key was already used.
 */
export async function queueMailOnce(tx: Db, key: string, m: { areaId: number | null; to: string; subject: string; body: string }): Promise<number | null> {
  if (!(await claimOnce(tx, key))) return null;
  const r = await tx.insertInto('outbox').values({
    area_id: m.areaId, user_id: null, to_addr: m.to, subject: m.subject, body: m.body, status: 'pending', attempts: 0, last_error: null, created_at: nowIso(), sent_at: null,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Delivery state of queued mails by outbox id: pending (also: no SMTP configured), sent, or failed after retries. */
export async function mailStatus(db: Db, ids: readonly number[]): Promise<Map<number, 'pending' | 'sent' | 'failed'>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('outbox').select(['id', 'status']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.status === 'sending' ? 'pending' : r.status]));
}

/** Records `key` in `notify_once`; true the first time, false ever after (the exactly-once primitive). */
async function claimOnce(tx: Db, key: string): Promise<boolean> {
  const r = await tx.insertInto('notify_once').values({ key, created_at: nowIso() }).onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/**
 * Sends a notice at most once per `key`, ever: the key is recorded in `notify_once` in the same
 * transaction, so reruns (hourly jobs, several nodes, a crash and retry) never notify twice.
 * Returns the number of users notified (0 when the key was already used).
 */
export async function notifyOnce(tx: Db, key: string, userIds: readonly number[], n: Notice): Promise<number> {
  const r = await tx.insertInto('notify_once').values({ key, created_at: nowIso() }).onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst();
  if (Number(r.numInsertedOrUpdatedRows ?? 0n) !== 1) return 0;
  return notifyUsers(tx, userIds, n);
}

/** How long a deliverer's claim on a message lasts: far longer than one SMTP conversation (15 s timeout). */
export const OUTBOX_LEASE_MS = 2 * 60_000;
const MAX_ATTEMPTS = 3;

/** The Message-ID of an outbox row: derived from the row, so every attempt at it carries the same one. */
export function outboxMessageId(m: { id: number; created_at: string }, from: string): string {
  const domain = /@([^\s>]+)/.exec(from)?.[1] ?? 'gongkai.local';
  return `outbox-${m.id}-${m.created_at.replace(/[^0-9]/g, '')}@${domain}`;
}

/**
 * Sends pending outbox mail when SMTP is configured; up to 3 attempts per message. One deliverer at
 * a time across processes (the server's job, a CLI run): a message is never sent twice by two of them.
 *
 * Across a crash (issue 18): each message is first claimed in its own committed transaction (status
 * `sending`, a fresh attempt id, a lease of OUTBOX_LEASE_MS, the attempt counted), then sent with a
 * Message-ID derived from the row, then marked sent by that attempt. A process killed after the relay
 * accepted but before the mark leaves the row in `sending`; once the lease has run out the next
 * deliverer sends it again with the SAME Message-ID (receivers and relays drop the duplicate by it) and
 * notes the interruption in last_error. Chosen over holding such mail for staff: these are deadline
 * reminders and replies to applicants, where a late or lost message costs more than a duplicate that
 * carries the same Message-ID; the 3-attempt limit still applies.
 */
export async function deliverOutbox(db: Db, limit = 50, send = sendMail): Promise<{ sent: number; failed: number }> {
  if (!smtp) return { sent: 0, failed: 0 };
  const r = await withLock(db, 'outbox:deliver', () => deliverNow(db, smtp!, limit, send), { waitMs: 30_000 });
  return r.ran ? r.value : { sent: 0, failed: 0 };
}

const INTERRUPTED = '上次发送在确认前中断（进程退出），已以相同 Message-ID 重发';

async function deliverNow(db: Db, cfg: SmtpConfig, limit: number, send: typeof sendMail): Promise<{ sent: number; failed: number }> {
  const now = nowIso();
  const rows = await db.selectFrom('outbox').selectAll()
    .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', now)])]))
    .orderBy('id').limit(limit).execute();
  let sent = 0;
  let failed = 0;
  for (const m of rows) {
    const attempt = randomUUID();
    const attempts = m.attempts + 1;
    const resend = m.status === 'sending';
    // The claim, committed before SMTP is spoken to: only a row still pending (or a claim whose lease ran out) is taken.
    const claimed = await db.transaction().execute((tx) => tx.updateTable('outbox')
      .set({ status: 'sending', attempt_id: attempt, claimed_until: new Date(Date.parse(nowIso()) + OUTBOX_LEASE_MS).toISOString(), attempts })
      .where('id', '=', m.id)
      .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', nowIso())])]))
      .executeTakeFirst());
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    try {
      await send(cfg, { to: m.to_addr, subject: m.subject, text: m.body, messageId: outboxMessageId(m, cfg.from) });
    } catch (err) {
      await db.transaction().execute((tx) => tx.updateTable('outbox')
        .set({ status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', claimed_until: null, last_error: (err as Error).message.slice(0, 500) })
        .where('id', '=', m.id).where('attempt_id', '=', attempt).execute());
      failed++;
      continue;
    }
    await db.transaction().execute((tx) => tx.updateTable('outbox')
      .set({ status: 'sent', sent_at: nowIso(), claimed_until: null, last_error: resend ? INTERRUPTED : null })
      .where('id', '=', m.id).where('attempt_id', '=', attempt).execute());
    sent++;
  }
  return { sent, failed };
}

export async function unreadCount(db: Db, userId: number): Promise<number> {
  const r = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(r?.n ?? 0);
}

// ---------------------------------------------------------------- reads for the console (ledger settings pages)

/** Active users of an area (its units and the area itself) with their e-mail address, by unit order. */
export const contactsOfArea = (db: Db, areaId: number) =>
  db.selectFrom('users').innerJoin('units', 'units.id', 'users.unit_id').leftJoin('user_contacts', 'user_contacts.user_id', 'users.id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.role', 'units.name as unit_name', 'user_contacts.email'])
    .where((eb) => eb.or([eb('units.area_id', '=', areaId), eb('units.id', '=', areaId)])).where('users.disabled', '=', 0).orderBy('units.sort').orderBy('users.id').execute();

/** Sets (or, with null, removes) a user's e-mail address for notices. */
export async function setContact(tx: Db, userId: number, email: string | null): Promise<void> {
  await tx.deleteFrom('user_contacts').where('user_id', '=', userId).execute();
  if (email) await tx.insertInto('user_contacts').values({ user_id: userId, email, updated_at: nowIso() }).execute();
}

/** The area's latest outbox rows (and area-less ones) with counts by status. */
export async function outboxOfArea(db: Db, areaId: number, limit: number) {
  const rows = await db.selectFrom('outbox').selectAll().where((eb) => eb.or([eb('area_id', '=', areaId), eb('area_id', 'is', null)])).orderBy('id', 'desc').limit(limit).execute();
  const counts = await db.selectFrom('outbox').select(['status']).select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => eb.or([eb('area_id', '=', areaId), eb('area_id', 'is', null)])).groupBy('status').execute();
  return { rows, counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])) as Record<string, number> };
}

/** A user's latest notifications (optionally only unread ones) and the unread count. */
export async function notificationsOf(db: Db, userId: number, opts: { unreadOnly?: boolean; limit?: number } = {}) {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  const rows = await q.orderBy('id', 'desc').limit(opts.limit ?? 100).execute();
  const unread = Number((await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst())?.n ?? 0);
  return { rows, unread };
}

/** Marks a user's given notifications (or all) read; returns how many changed. */
export async function markNotificationsRead(db: Db, userId: number, ids: number[] | 'all'): Promise<number> {
  let q = db.updateTable('notifications').set({ read_at: nowIso() }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids !== 'all') {
    if (ids.length === 0) return 0;
    q = q.where('id', 'in', ids);
  }
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}
