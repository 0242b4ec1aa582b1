// Login, DB-backed sessions (any server node can check them), lockout and API tokens.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { writeAudit } from '../audit/public.js';
import type { Actor, Ctx } from '../lib/context.js';
import { AppError, notFound } from '../lib/errors.js';
import { now, nowIso } from '../lib/time.js';
import { requireAdmin } from './policy.js';
import { verifyPassword } from './passwords.js';

export const SESSION_HOURS = 8;
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function actorForUserId(db: Db, userId: number): Promise<Actor | null> {
  const row = await db.selectFrom('users').innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.role', 'users.unit_id', 'users.disabled', 'units.area_id', 'units.kind'])
    .where('users.id', '=', userId).executeTakeFirst();
  if (!row || row.disabled) return null;
  return {
    kind: 'user', userId: row.id, username: row.username, name: row.display_name, role: row.role,
    unitId: row.unit_id, areaId: row.area_id ?? row.unit_id,
  };
}

const accountLocked = () => new AppError('rate_limited', 'account_locked', `登录失败次数过多，账号已临时锁定，请${LOCK_MINUTES}分钟后再试`, { password: '账号已临时锁定' });
const loginFailed = () => new AppError('unauthorized', 'login_failed', '用户名或密码错误', { password: '用户名或密码错误' });

/** Checks the password and opens a session; returns the cookie token. */
export async function login(db: Db, username: string, password: string, requestId?: string): Promise<{ token: string; actor: Actor }> {
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  const sysCtx: Ctx = { db, dialect: 'sqlite', actor: { kind: 'system', label: `登录：${username.slice(0, 40)}`, areaId: null }, requestId };
  if (!user || user.disabled) {
    // Spend the same effort as a real check so that timing does not reveal which usernames exist.
    await verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$8ZFhxCzs0HtGhvQUjF1kaMvnSGaNETxaEv43R2yHQo0', password);
    throw loginFailed();
  }
  if (user.locked_until && user.locked_until > nowIso()) throw accountLocked();
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
    await db.transaction().execute(async (tx) => {
      await writeAudit(tx, sysCtx, { action: locked ? 'auth.locked' : 'auth.login_failed', entity: 'user', entityId: user.id });
    });
    throw loginFailed();
  }
  // The password was right, but a parallel attempt may have locked the account meanwhile:
  // clear the counter only if the account is still unlocked, in the same statement.
  const still = await db.updateTable('users').set({ failed_logins: 0, locked_until: null })
    .where('id', '=', user.id)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', nowIso())]))
    .returning(['id']).executeTakeFirst();
  if (!still) throw accountLocked();
  const token = randomBytes(32).toString('base64url');
  const at = nowIso();
  const actor = await actorForUserId(db, user.id);
  if (!actor) throw loginFailed();
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('sessions').values({
      id: sha256(token), user_id: user.id, created_at: at, last_seen_at: at,
      expires_at: new Date(now().getTime() + SESSION_HOURS * 3600_000).toISOString(),
    }).execute();
    await writeAudit(tx, { db: tx, dialect: 'sqlite', actor, requestId }, { action: 'auth.login', entity: 'user', entityId: user.id });
  });
  return { token, actor };
}

export async function actorFromSession(db: Db, token: string): Promise<Actor | null> {
  if (!token || token.length > 100) return null;
  const s = await db.selectFrom('sessions').selectAll().where('id', '=', sha256(token)).executeTakeFirst();
  if (!s || s.expires_at <= nowIso()) return null;
  const actor = await actorForUserId(db, s.user_id);
  if (!actor) return null;
  // Sliding expiry, written at most once a minute to keep reads cheap.
  if (Date.parse(s.last_seen_at) < now().getTime() - 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: nowIso(), expires_at: new Date(now().getTime() + SESSION_HOURS * 3600_000).toISOString() }).where('id', '=', s.id).execute();
  }
  return actor;
}

export async function logout(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sha256(token)).execute();
}

/** Creates a bearer token for scripts; the raw token is shown once. */
export async function createApiToken(ctx: Ctx, username: string, name: string): Promise<string> {
  requireAdmin(ctx.actor);
  const user = await ctx.db.selectFrom('users').select(['id']).where('username', '=', username).executeTakeFirst();
  if (!user) throw notFound('用户');
  const token = `gk_${randomBytes(24).toString('base64url')}`;
  await ctx.db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('api_tokens').values({ user_id: user.id, name, token_hash: sha256(token), created_at: nowIso(), last_used_at: null, revoked_at: null }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, { action: 'token.create', entity: 'api_token', entityId: row.id, after: { user: username, name } });
  });
  return token;
}

export async function actorFromApiToken(db: Db, token: string): Promise<Actor | null> {
  if (!token.startsWith('gk_') || token.length > 100) return null;
  const row = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', sha256(token)).executeTakeFirst();
  if (!row || row.revoked_at) return null;
  return actorForUserId(db, row.user_id);
}
