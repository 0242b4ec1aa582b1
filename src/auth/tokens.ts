// API tokens for scripts: scope (read-only or read-write, optionally one module), expiry, last use;
// listed and revoked on the account page, /console/tokens and the CLI; revoked with a password reset or
// when the user is disabled. Only a sha256 of the token is stored; the token is shown once.
import { findUnit, listUnitsInArea } from '../org/public.js';
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/schema.js';
import { writeAudit } from '../audit/public.js';
import type { Ctx } from '../lib/context.js';
import { AppError, invalid, notFound } from '../lib/errors.js';
import { now, nowIso } from '../lib/time.js';
import { requireTokenHolderVisible, requireTokenIssuer, tokenListScope } from './token-policy.js';

export const TOKEN_SCOPES = ['read', 'read_write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export const TOKEN_SCOPE_LABELS: Record<TokenScope, string> = { read: '只读', read_write: '读写' };
/** API modules a token may be limited to (/api/v1/<module>/…). */
export const TOKEN_MODULES = ['plans', 'ledgers', 'items', 'calendar', 'units', 'users', 'audit', 'public'] as const;
export const MAX_TOKEN_DAYS = 366;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export type TokenRequest = { username: string; name: string; scope?: string; module?: string | null; expiresDays?: number | null };

/** Creates a token; the raw value is returned once. Admins (and the CLI) for anyone, users for themselves. */
export async function issueApiToken(ctx: Ctx, req: TokenRequest): Promise<{ id: number; token: string; expiresAt: string | null }> {
  requireTokenIssuer(ctx.actor, req.username);
  const fields: Record<string, string> = {};
  const name = req.name.trim();
  if (!name || name.length > 60 || /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(name)) fields.name = '请填写令牌名称（不超过60个字符）';
  const scope = (req.scope ?? 'read_write') as TokenScope;
  if (!TOKEN_SCOPES.includes(scope)) fields.scope = '权限范围应为只读或读写';
  const module = req.module ? req.module : null;
  if (module && !(TOKEN_MODULES as readonly string[]).includes(module)) fields.module = '模块无效';
  const days = req.expiresDays ?? 90;
  if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS) fields.expiresDays = `有效期应为1至${MAX_TOKEN_DAYS}天`;
  if (Object.keys(fields).length) throw invalid(fields);
  const found = await ctx.db.selectFrom('users').select(['id', 'disabled', 'unit_id']).where('username', '=', req.username).executeTakeFirst();
  if (!found || found.disabled) throw notFound('用户');
  const user = { ...found, area_id: (await findUnit(ctx.db, found.unit_id))?.area_id ?? null };
  requireTokenHolderVisible(ctx.actor, user);
  const token = `gk_${randomBytes(24).toString('base64url')}`;
  const expiresAt = new Date(now().getTime() + days * 86400_000).toISOString();
  const id = await ctx.db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('api_tokens').values({
      user_id: user.id, name, token_hash: sha256(token), created_at: nowIso(), last_used_at: null, revoked_at: null, scope, module, expires_at: expiresAt,
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, { action: 'token.create', entity: 'api_token', entityId: row.id, after: { user: req.username, name, scope, module, expiresAt } });
    return row.id;
  });
  return { id, token, expiresAt };
}

/** The token string only (read-write, 90 days): the original call shape. */
export async function createApiToken(ctx: Ctx, username: string, name: string): Promise<string> {
  return (await issueApiToken(ctx, { username, name })).token;
}

export type TokenRow = { id: number; name: string; username: string; scope: string; module: string | null; created_at: string; last_used_at: string | null; expires_at: string | null; revoked_at: string | null };

/** Tokens of one user (own page) or, for admins and the CLI, every user's in the area. */
export async function listApiTokens(ctx: Ctx, opts: { userId?: number } = {}): Promise<TokenRow[]> {
  const scope = tokenListScope(ctx.actor, opts);
  let q = ctx.db.selectFrom('api_tokens').innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.name', 'users.username', 'api_tokens.scope', 'api_tokens.module', 'api_tokens.created_at', 'api_tokens.last_used_at', 'api_tokens.expires_at', 'api_tokens.revoked_at']);
  if (scope.kind === 'own') q = q.where('api_tokens.user_id', '=', scope.userId);
  else if (scope.kind === 'area') {
    const areaUnits = (await listUnitsInArea(ctx.db, scope.areaId)).map((u) => u.id);
    q = q.where('users.unit_id', 'in', [scope.areaId, ...areaUnits]);
  } else if (scope.userId) q = q.where('api_tokens.user_id', '=', scope.userId);
  return q.orderBy('api_tokens.id', 'desc').execute();
}

/** Revokes one token: its owner, an admin of the area, or the CLI. Unknown or foreign ids are 404. */
export async function revokeApiToken(ctx: Ctx, id: number): Promise<void> {
  const visible = await listApiTokens(ctx);
  const t = visible.find((x) => x.id === id);
  if (!t) throw notFound('访问令牌');
  if (t.revoked_at) return;
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('api_tokens').set({ revoked_at: nowIso() }).where('id', '=', id).execute();
    await writeAudit(tx, ctx, { action: 'token.revoke', entity: 'api_token', entityId: id, before: { user: t.username, name: t.name } });
  });
}

/** Revokes every live token of a user (password reset, disabling); returns how many. Call inside the caller's tx. */
export async function revokeUserTokens(tx: Db, userId: number): Promise<number> {
  const r = await tx.updateTable('api_tokens').set({ revoked_at: nowIso() }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0);
}

export type TokenCheck = { userId: number; scope: TokenScope; module: string | null } | { error: AppError };

/** Checks a bearer token for one request: live, not expired, scope and module allow the method and path. */
export async function checkApiToken(db: Db, token: string, method: string, path: string): Promise<TokenCheck> {
  const bad = { error: new AppError('unauthorized', 'bad_token', '访问令牌无效、已过期或已撤销') };
  if (!token.startsWith('gk_') || token.length > 100) return bad;
  const row = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', sha256(token)).executeTakeFirst();
  const at = nowIso();
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= at)) return bad;
  const scope = (row.scope === 'read' ? 'read' : 'read_write') as TokenScope;
  if (scope === 'read' && method !== 'GET' && method !== 'HEAD') return { error: new AppError('forbidden', 'token_scope', '该访问令牌为只读，不能修改数据') };
  if (row.module && !(path === `/api/v1/${row.module}` || path.startsWith(`/api/v1/${row.module}/`))) {
    return { error: new AppError('forbidden', 'token_scope', `该访问令牌只能访问 ${row.module} 模块`) };
  }
  // Last use, written at most once a minute to keep reads cheap.
  if (!row.last_used_at || Date.parse(row.last_used_at) < now().getTime() - 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', row.id).execute();
  }
  return { userId: row.user_id, scope, module: row.module };
}
