// Login, DB-backed sessions (any server node can check them), lockout and throttling, second factor,
// password changes. Settings (timeouts, limits) come from src/auth/security-settings.ts.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Role } from '../db/schema.js';
import { writeAudit } from '../audit/public.js';
import type { Actor, Ctx } from '../lib/context.js';
import { AppError, invalid, notFound } from '../lib/errors.js';
import { now, nowIso } from '../lib/time.js';
import { passwordProblem } from './password-policy.js';
import { roleNeedsTotp } from './policy.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { securitySettings } from './security-settings.js';
import { checkApiToken } from './tokens.js';
import { matchTotp } from './totp.js';

export { createApiToken } from './tokens.js';

/** Kept for callers that show a lifetime; the real limits are the idle timeout and absolute lifetime settings. */
export const SESSION_HOURS = 12;
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
/** How long a password-accepted, second-factor-pending login may wait for the code. */
export const MFA_PENDING_MINUTES = 5;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export type RequestMeta = { requestId?: string; ip?: string | null; userAgent?: string | null };

type UserRow = { id: number; username: string; display_name: string; role: Role; unit_id: number; disabled: number; area_id: number | null; must_change_password: number; password_changed_at: string | null; totp_enabled: number };

async function userRow(db: Db, userId: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.role', 'users.unit_id', 'users.disabled', 'units.area_id', 'users.must_change_password', 'users.password_changed_at', 'users.totp_enabled'])
    .where('users.id', '=', userId).executeTakeFirst();
}

function passwordExpired(changedAt: string | null): boolean {
  const days = securitySettings().passwordMaxAgeDays;
  if (!days || !changedAt) return false;
  return Date.parse(changedAt) + days * 86400_000 < now().getTime();
}

function actorOf(row: UserRow): Actor {
  const s = securitySettings();
  return {
    kind: 'user', userId: row.id, username: row.username, name: row.display_name, role: row.role,
    unitId: row.unit_id, areaId: row.area_id ?? row.unit_id,
    mustChangePassword: row.must_change_password === 1 || passwordExpired(row.password_changed_at),
    mustEnrolTotp: s.requireTotp && roleNeedsTotp(row.role) && row.totp_enabled !== 1,
  };
}

async function actorForUserId(db: Db, userId: number): Promise<Actor | null> {
  const row = await userRow(db, userId);
  if (!row || row.disabled) return null;
  return actorOf(row);
}

// One message for a wrong password and an unknown user, and one for a lock (known or unknown user alike),
// so neither the text nor the status tells whether an account exists.
const loginFailed = () => new AppError('unauthorized', 'login_failed', '用户名或密码错误', { password: '用户名或密码错误' });
const accountLocked = () => new AppError('rate_limited', 'account_locked', `登录失败次数过多，账号已临时锁定，请${LOCK_MINUTES}分钟后再试`, { password: '账号已临时锁定' });
const ipThrottled = () => new AppError('rate_limited', 'login_throttled', `本机登录失败次数过多，请${LOCK_MINUTES}分钟后再试`, { password: '登录失败次数过多' });

/**
 * Counts one failure for `key` in a 15-minute window and sets the lock at `max`, in one atomic
 * upsert (both engines evaluate the SET expressions against the old row). Returns whether this
 * failure set the lock.
 */
async function bumpThrottle(db: Db, key: string, max: number): Promise<boolean> {
  const at = nowIso();
  const cut = new Date(now().getTime() - LOCK_MINUTES * 60_000).toISOString();
  const lock = new Date(now().getTime() + LOCK_MINUTES * 60_000).toISOString();
  const r = await sql<{ locked_until: string | null }>`
    INSERT INTO login_throttle (key, failures, window_start, locked_until)
    VALUES (${key}, 1, ${at}, ${1 >= max ? lock : null})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN login_throttle.window_start < ${cut} THEN 1 ELSE login_throttle.failures + 1 END,
      window_start = CASE WHEN login_throttle.window_start < ${cut} THEN ${at} ELSE login_throttle.window_start END,
      locked_until = CASE WHEN (CASE WHEN login_throttle.window_start < ${cut} THEN 1 ELSE login_throttle.failures + 1 END) >= ${max}
        THEN ${lock} ELSE login_throttle.locked_until END
    RETURNING locked_until`.execute(db);
  return r.rows[0]?.locked_until === lock;
}

async function throttled(db: Db, key: string): Promise<boolean> {
  const row = await db.selectFrom('login_throttle').select('locked_until').where('key', '=', key).executeTakeFirst();
  return !!row?.locked_until && row.locked_until > nowIso();
}

const userKey = (username: string) => `user:${username.toLowerCase().slice(0, 40)}`;
const ipKey = (ip: string | null | undefined) => `ip:${ip ?? 'unknown'}`;

async function audit(db: Db, ctx: Ctx, entry: Parameters<typeof writeAudit>[2]): Promise<void> {
  await db.transaction().execute((tx) => writeAudit(tx, { ...ctx, db: tx }, entry));
}

export type LoginResult = { token: string; actor: Actor; mfaPending: boolean };

/**
 * Checks the password and opens a session; returns the cookie token. With a second factor enrolled the
 * session is only "pending" (mfaPending) until completeTotpLogin accepts a code.
 */
export async function login(db: Db, username: string, password: string, meta: RequestMeta | string = {}): Promise<LoginResult> {
  const m: RequestMeta = typeof meta === 'string' ? { requestId: meta } : meta;
  const s = securitySettings();
  const sysCtx: Ctx = { db, dialect: 'sqlite', actor: { kind: 'system', label: `登录：${username.slice(0, 40)}`, areaId: null }, requestId: m.requestId, ip: m.ip, userAgent: m.userAgent };
  if (await throttled(db, ipKey(m.ip))) {
    await audit(db, sysCtx, { action: 'auth.login_refused', entity: 'login', entityId: username.slice(0, 40), after: { reason: 'ip_throttled' } });
    throw ipThrottled();
  }
  const ipFailure = async () => {
    if (await bumpThrottle(db, ipKey(m.ip), s.loginIpMaxFailures)) {
      await audit(db, sysCtx, { action: 'auth.ip_throttled', entity: 'login', entityId: m.ip ?? 'unknown' });
    }
  };
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  if (!user || user.disabled) {
    // Spend the same effort as a real check so that timing does not reveal which usernames exist, and
    // lock unknown names after the same number of failures as real ones.
    if (await throttled(db, userKey(username))) {
      await audit(db, sysCtx, { action: 'auth.login_refused', entity: 'login', entityId: username.slice(0, 40), after: { reason: 'locked', knownUser: false } });
      throw accountLocked();
    }
    await verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$8ZFhxCzs0HtGhvQUjF1kaMvnSGaNETxaEv43R2yHQo0', password);
    const locked = await bumpThrottle(db, userKey(username), MAX_FAILED_LOGINS);
    await audit(db, sysCtx, { action: locked ? 'auth.locked' : 'auth.login_failed', entity: 'login', entityId: username.slice(0, 40), after: { knownUser: false, disabled: !!user } });
    await ipFailure();
    throw loginFailed();
  }
  if (user.locked_until && user.locked_until > nowIso()) {
    await audit(db, sysCtx, { action: 'auth.login_refused', entity: 'user', entityId: user.id, after: { reason: 'locked' } });
    throw accountLocked();
  }
  const ok = await verifyPassword(user.password_hash, password);
  if (!ok) {
    // One atomic statement increments the counter and sets the lock, so parallel guesses cannot
    // each read the same old count (both engines evaluate SET expressions against the old row).
    const lock = new Date(now().getTime() + LOCK_MINUTES * 60_000).toISOString();
    const row = await db.updateTable('users')
      .set({
        failed_logins: sql<number>`CASE WHEN failed_logins + 1 >= ${MAX_FAILED_LOGINS} THEN 0 ELSE failed_logins + 1 END`,
        locked_until: sql<string | null>`CASE WHEN failed_logins + 1 >= ${MAX_FAILED_LOGINS} THEN ${lock} ELSE locked_until END`,
      })
      .where('id', '=', user.id).returning(['locked_until']).executeTakeFirst();
    const locked = row?.locked_until === lock;
    await audit(db, sysCtx, { action: locked ? 'auth.locked' : 'auth.login_failed', entity: 'user', entityId: user.id });
    await ipFailure();
    throw loginFailed();
  }
  // The password was right, but a parallel attempt may have locked the account meanwhile:
  // clear the counter only if the account is still unlocked, in the same statement.
  const still = await db.updateTable('users').set({ failed_logins: 0, locked_until: null })
    .where('id', '=', user.id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', nowIso())]))
    .returning(['id']).executeTakeFirst();
  if (!still) throw accountLocked();
  const actor = await actorForUserId(db, user.id);
  if (!actor) throw loginFailed();
  const mfaPending = user.totp_enabled === 1;
  const token = await openSession(db, user.id, m, mfaPending);
  await audit(db, { ...sysCtx, actor }, { action: mfaPending ? 'auth.password_ok_totp_due' : 'auth.login', entity: 'user', entityId: user.id });
  return { token, actor, mfaPending };
}

/** Inserts a session and ends the oldest ones beyond the per-user limit. */
async function openSession(db: Db, userId: number, m: RequestMeta, mfaPending: boolean): Promise<string> {
  const s = securitySettings();
  const token = randomBytes(32).toString('base64url');
  const at = nowIso();
  const t = now().getTime();
  const expires = mfaPending ? t + MFA_PENDING_MINUTES * 60_000 : Math.min(t + s.sessionIdleMinutes * 60_000, t + s.sessionMaxHours * 3600_000);
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('sessions').values({
      id: sha256(token), user_id: userId, created_at: at, last_seen_at: at, expires_at: new Date(expires).toISOString(),
      ip: m.ip ?? null, user_agent: m.userAgent ? m.userAgent.slice(0, 300) : null, mfa_pending: mfaPending ? 1 : 0,
    }).execute();
    if (!mfaPending) {
      const live = await tx.selectFrom('sessions').select(['id']).where('user_id', '=', userId).where('mfa_pending', '=', 0)
        .orderBy('created_at', 'desc').orderBy('id').execute();
      const extra = live.slice(s.maxSessionsPerUser).map((x) => x.id);
      if (extra.length) await tx.deleteFrom('sessions').where('id', 'in', extra).execute();
    }
  });
  return token;
}

/** Whether a session row is past its idle timeout or absolute lifetime. */
function sessionExpired(row: { created_at: string; last_seen_at: string; expires_at: string; mfa_pending: number }): boolean {
  const s = securitySettings();
  const t = now().getTime();
  if (row.expires_at <= nowIso()) return true;
  if (row.mfa_pending) return false;
  return Date.parse(row.last_seen_at) + s.sessionIdleMinutes * 60_000 <= t || Date.parse(row.created_at) + s.sessionMaxHours * 3600_000 <= t;
}

export async function actorFromSession(db: Db, token: string): Promise<Actor | null> {
  if (!token || token.length > 100) return null;
  const s = await db.selectFrom('sessions').selectAll().where('id', '=', sha256(token)).executeTakeFirst();
  if (!s || s.mfa_pending) return null;
  if (sessionExpired(s)) {
    await db.deleteFrom('sessions').where('id', '=', s.id).execute();
    return null;
  }
  const actor = await actorForUserId(db, s.user_id);
  if (!actor) return null;
  // Sliding idle expiry (never past the absolute lifetime), written at most once a minute to keep reads cheap.
  const t = now().getTime();
  if (Date.parse(s.last_seen_at) < t - 60_000) {
    const set = securitySettings();
    const expires = Math.min(t + set.sessionIdleMinutes * 60_000, Date.parse(s.created_at) + set.sessionMaxHours * 3600_000);
    await db.updateTable('sessions').set({ last_seen_at: nowIso(), expires_at: new Date(expires).toISOString() }).where('id', '=', s.id).execute();
  }
  return actor;
}

/** The user of a second-factor-pending session (the /login/totp step), or null. */
export async function pendingTotpUser(db: Db, token: string): Promise<{ userId: number; username: string } | null> {
  if (!token || token.length > 100) return null;
  const s = await db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.user_id', 'sessions.expires_at', 'sessions.mfa_pending', 'users.username', 'users.disabled'])
    .where('sessions.id', '=', sha256(token)).executeTakeFirst();
  if (!s || !s.mfa_pending || s.disabled || s.expires_at <= nowIso()) return null;
  return { userId: s.user_id, username: s.username };
}

/**
 * Second step of a login: a TOTP code (each time step once) or an unused recovery code. On success the
 * pending session is replaced by a new full one (a fresh token, so the pending one cannot be reused).
 */
export async function completeTotpLogin(db: Db, pendingToken: string, code: string, m: RequestMeta = {}): Promise<LoginResult> {
  const pending = await pendingTotpUser(db, pendingToken);
  if (!pending) throw new AppError('unauthorized', 'login_required', '登录已过期，请重新登录');
  const actorBefore = await actorForUserId(db, pending.userId);
  if (!actorBefore) throw new AppError('unauthorized', 'login_required', '登录已过期，请重新登录');
  const ctx: Ctx = { db, dialect: 'sqlite', actor: actorBefore, requestId: m.requestId, ip: m.ip, userAgent: m.userAgent };
  const accepted = await acceptSecondFactor(db, pending.userId, code);
  if (!accepted) {
    const lock = new Date(now().getTime() + LOCK_MINUTES * 60_000).toISOString();
    const row = await db.updateTable('users')
      .set({
        failed_logins: sql<number>`CASE WHEN failed_logins + 1 >= ${MAX_FAILED_LOGINS} THEN 0 ELSE failed_logins + 1 END`,
        locked_until: sql<string | null>`CASE WHEN failed_logins + 1 >= ${MAX_FAILED_LOGINS} THEN ${lock} ELSE locked_until END`,
      }).where('id', '=', pending.userId).returning(['locked_until']).executeTakeFirst();
    const locked = row?.locked_until === lock;
    if (locked) await db.deleteFrom('sessions').where('id', '=', sha256(pendingToken)).execute();
    await audit(db, ctx, { action: locked ? 'auth.locked' : 'auth.totp_failed', entity: 'user', entityId: pending.userId });
    if (locked) throw accountLocked();
    throw new AppError('unauthorized', 'totp_invalid', '动态验证码不正确或已使用', { code: '动态验证码不正确或已使用' });
  }
  await db.deleteFrom('sessions').where('id', '=', sha256(pendingToken)).execute();
  const token = await openSession(db, pending.userId, m, false);
  await db.updateTable('users').set({ failed_logins: 0 }).where('id', '=', pending.userId).execute();
  await audit(db, ctx, { action: 'auth.login', entity: 'user', entityId: pending.userId, after: { secondFactor: accepted } });
  return { token, actor: actorBefore, mfaPending: false };
}

/** Accepts a TOTP code (atomically, each step once) or a recovery code (used up); returns which, or null. */
async function acceptSecondFactor(db: Db, userId: number, code: string): Promise<'totp' | 'recovery' | null> {
  const u = await db.selectFrom('users').select(['totp_secret', 'totp_enabled', 'totp_last_step', 'recovery_codes_json']).where('id', '=', userId).executeTakeFirst();
  if (!u || !u.totp_secret || u.totp_enabled !== 1) return null;
  const c = code.trim().replace(/\s/g, '');
  const step = matchTotp(u.totp_secret, c, Math.floor(now().getTime() / 1000));
  if (step !== null) {
    // Replay guard in the statement itself: only a step later than the last accepted one counts.
    const r = await db.updateTable('users').set({ totp_last_step: step }).where('id', '=', userId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)])).returning(['id']).executeTakeFirst();
    return r ? 'totp' : null;
  }
  const codes: string[] = u.recovery_codes_json ? JSON.parse(u.recovery_codes_json) : [];
  const h = sha256(c.toLowerCase());
  if (!codes.includes(h)) return null;
  const rest = JSON.stringify(codes.filter((x) => x !== h));
  const r = await db.updateTable('users').set({ recovery_codes_json: rest }).where('id', '=', userId).where('recovery_codes_json', '=', u.recovery_codes_json).returning(['id']).executeTakeFirst();
  return r ? 'recovery' : null;
}

export async function logout(db: Db, token: string, m: RequestMeta = {}): Promise<void> {
  const s = await db.selectFrom('sessions').select(['user_id']).where('id', '=', sha256(token)).executeTakeFirst();
  await db.deleteFrom('sessions').where('id', '=', sha256(token)).execute();
  if (s) {
    const actor = await actorForUserId(db, s.user_id);
    if (actor) await audit(db, { db, dialect: 'sqlite', actor, requestId: m.requestId, ip: m.ip, userAgent: m.userAgent }, { action: 'auth.logout', entity: 'user', entityId: s.user_id });
  }
}

/** The bearer token's user for this request, or the reason it is refused. */
export async function actorFromApiToken(db: Db, token: string, method = 'GET', path = '/api/v1/'): Promise<Actor | AppError> {
  const check = await checkApiToken(db, token, method, path);
  if ('error' in check) return check.error;
  const actor = await actorForUserId(db, check.userId);
  return actor ?? new AppError('unauthorized', 'bad_token', '访问令牌无效、已过期或已撤销');
}

// ---------------------------------------------------------------- own account

export type SessionInfo = { id: string; created_at: string; last_seen_at: string; ip: string | null; user_agent: string | null; current: boolean };

export async function listOwnSessions(ctx: Ctx, currentToken: string | null): Promise<SessionInfo[]> {
  if (ctx.actor.kind !== 'user') return [];
  const current = currentToken ? sha256(currentToken) : '';
  const rows = await ctx.db.selectFrom('sessions').select(['id', 'created_at', 'last_seen_at', 'ip', 'user_agent', 'expires_at', 'mfa_pending'])
    .where('user_id', '=', ctx.actor.userId).where('mfa_pending', '=', 0).orderBy('created_at', 'desc').execute();
  return rows.filter((r) => !sessionExpired(r)).map((r) => ({ id: r.id, created_at: r.created_at, last_seen_at: r.last_seen_at, ip: r.ip, user_agent: r.user_agent, current: r.id === current }));
}

export async function revokeOwnSession(ctx: Ctx, sessionId: string): Promise<void> {
  if (ctx.actor.kind !== 'user') throw new AppError('unauthorized', 'login_required', '请先登录');
  const userId = ctx.actor.userId;
  const s = await ctx.db.selectFrom('sessions').select(['id']).where('id', '=', sessionId).where('user_id', '=', userId).executeTakeFirst();
  if (!s) throw notFound('会话');
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('sessions').where('id', '=', sessionId).execute();
    await writeAudit(tx, ctx, { action: 'auth.session_revoke', entity: 'user', entityId: userId, after: { session: sessionId.slice(0, 12) } });
  });
}

/**
 * Self-service password change: the current password, the policy, not the same as before. Ends the
 * user's other sessions (the current one stays) and clears the forced-change flag.
 */
export async function changeOwnPassword(ctx: Ctx, currentToken: string | null, raw: { current?: string; password?: string; confirm?: string }): Promise<void> {
  if (ctx.actor.kind !== 'user') throw new AppError('unauthorized', 'login_required', '请先登录');
  const actor = ctx.actor;
  const user = await ctx.db.selectFrom('users').select(['id', 'username', 'password_hash']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
  const fields: Record<string, string> = {};
  if (!raw.current) fields.current = '请填写当前密码';
  if (!raw.password) fields.password = '请填写新密码';
  else {
    const problem = passwordProblem(raw.password, user.username);
    if (problem) fields.password = problem;
  }
  if (raw.password && raw.confirm !== raw.password) fields.confirm = '两次输入的新密码不一致';
  if (Object.keys(fields).length) throw invalid(fields);
  if (!(await verifyPassword(user.password_hash, raw.current!))) throw invalid({ current: '当前密码不正确' });
  if (await verifyPassword(user.password_hash, raw.password!)) throw invalid({ password: '新密码不能与当前密码相同' });
  const h = await hashPassword(raw.password!);
  const keep = currentToken ? sha256(currentToken) : '';
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ password_hash: h, must_change_password: 0, password_changed_at: nowIso() }).where('id', '=', user.id).execute();
    await tx.deleteFrom('sessions').where('user_id', '=', user.id).where('id', '!=', keep).execute();
    await writeAudit(tx, ctx, { action: 'auth.password_change', entity: 'user', entityId: user.id });
  });
}
