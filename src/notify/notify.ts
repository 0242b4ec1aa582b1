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
