// Who may issue, list and revoke API tokens (and who may turn their second factor off). The system actor (CLI) manages every token; an admin those of
// the users of their area; everyone else only their own. A user of another area does not exist for an admin (404).
import type { Actor } from '../lib/context.js';
import { AppError, forbidden, notFound } from '../lib/errors.js';
import { isAdminUser, requireUser, roleNeedsTotp } from './policy.js';
import { securitySettings } from './security-settings.js';

/** 401 for anonymous callers, 403 for a non-admin user issuing a token for someone else. */
export function requireTokenIssuer(actor: Actor, username: string): void {
  if (actor.kind === 'anonymous') requireUser(actor);
  if (actor.kind === 'user' && !isAdminUser(actor) && actor.username !== username) throw forbidden('只能为自己创建访问令牌');
}

/** 404 when an admin names a user outside their area (the user is unknown to them). */
export function requireTokenHolderVisible(actor: Actor, user: { unit_id: number; area_id: number | null }): void {
  if (isAdminUser(actor) && actor.kind === 'user' && (user.area_id ?? user.unit_id) !== actor.areaId && user.unit_id !== actor.areaId) throw notFound('用户');
}

/** Whose tokens a listing shows: the actor's own, the whole area's (admins), or anyone's (CLI, optionally one user). */
export function tokenListScope(actor: Actor, opts: { userId?: number } = {}): { kind: 'own'; userId: number } | { kind: 'area'; areaId: number } | { kind: 'any'; userId?: number } {
  if (actor.kind === 'anonymous') requireUser(actor);
  if (actor.kind === 'user') {
    return !isAdminUser(actor) || opts.userId === actor.userId ? { kind: 'own', userId: actor.userId } : { kind: 'area', areaId: actor.areaId };
  }
  return { kind: 'any', userId: opts.userId };
}

// ---------------------------------------------------------------- second factor (TOTP)

/** Whether the user may turn their second factor off: not when the settings require it for their role. */
export const canTurnOffTotp = (actor: Actor): boolean =>
  actor.kind !== 'user' || !(securitySettings().requireTotp && roleNeedsTotp(actor.role));

/** 403 `totp_required` for a role that must keep its second factor on. */
export function requireTotpOptional(actor: Actor): void {
  if (!canTurnOffTotp(actor)) throw new AppError('forbidden', 'totp_required', '您的角色必须使用双因素认证');
}
