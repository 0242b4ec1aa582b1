// Authorisation rules in one place. Services call these first thing.
import type { Role } from '../db/schema.js';
import type { Actor } from '../lib/context.js';
import { forbidden, AppError } from '../lib/errors.js';

export type UserActor = Extract<Actor, { kind: 'user' }>;

export const ROLE_LABELS: Record<Role, string> = {
  admin: '政务公开办管理员',
  unit_operator: '单位联络员',
  unit_reviewer: '单位审核人',
  auditor: '审计员（只读）',
};

export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw new AppError('unauthorized', 'login_required', '请先登录');
  return actor;
}

/** Any logged-in user or the system actor (CLI, jobs). */
export function requireStaff(actor: Actor): void {
  if (actor.kind === 'anonymous') throw new AppError('unauthorized', 'login_required', '请先登录');
}

/** The system actor (CLI, jobs) may do everything; users only what their role allows. */
export function requireAdmin(actor: Actor): void {
  if (actor.kind === 'system') return;
  const u = requireUser(actor);
  if (u.role !== 'admin') throw forbidden('只有政务公开办管理员可以执行此操作');
}

/** Admins and auditors read the whole area; unit roles read their own unit. */
export function requireAreaReader(actor: Actor): void {
  if (actor.kind === 'system') return;
  const u = requireUser(actor);
  if (u.role !== 'admin' && u.role !== 'auditor') throw forbidden('只有政务公开办和审计员可以查看全区数据');
}

export function canReadUnit(actor: Actor, unit: { id: number; area_id: number | null }): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user') return false;
  if (actor.role === 'admin' || actor.role === 'auditor') return unit.area_id === actor.areaId || unit.id === actor.areaId;
  return unit.id === actor.unitId;
}

export function requireUnitWriter(actor: Actor, unitId: number, roles: Role[] = ['unit_operator', 'unit_reviewer']): void {
  if (actor.kind === 'system') return;
  const u = requireUser(actor);
  if (u.role === 'auditor') throw forbidden('审计员只能查看，不能修改');
  if (!roles.includes(u.role) || u.unitId !== unitId) throw forbidden('只能处理本单位的数据');
}

export const isUser = (a: Actor): a is UserActor => a.kind === 'user';

/** A logged-in 政务公开办 admin (not the system actor): what console pages use to show admin-only controls.
 *  The one helper for this question; modules' policy files build on it. */
export const isAdminUser = (actor: Actor): boolean => actor.kind === 'user' && actor.role === 'admin';

// Shared predicates the modules' policy files (and nav) build on: one definition of each role question.

/** Reads the whole area: the system actor, admins and auditors (unit roles read only their own unit). */
export const isAreaReader = (actor: Actor): boolean =>
  actor.kind === 'system' || (actor.kind === 'user' && (actor.role === 'admin' || actor.role === 'auditor'));

/** A logged-in auditor: reads, never changes anything. */
export const isAuditorUser = (actor: Actor): boolean => actor.kind === 'user' && actor.role === 'auditor';

/** A logged-in unit reviewer (单位审核人). */
export const isUnitReviewerUser = (actor: Actor): boolean => actor.kind === 'user' && actor.role === 'unit_reviewer';

/** A logged-in user whose role is one of `roles` (menu entries, role-limited screens). */
export const hasRole = (actor: Actor, roles: readonly Role[]): boolean => actor.kind === 'user' && roles.includes(actor.role);

/** About a user record (not the actor — for the actor use isAdminUser): is this role the 政务公开办 admin? */
export const isAdminRole = (role: Role | string): boolean => role === 'admin';

/** Roles bound to the area itself (区/市), not to one unit. */
export const isAreaRole = (role: Role): boolean => role === 'admin' || role === 'auditor';

/** Roles that must use a second factor when GONGKAI_REQUIRE_TOTP is on. */
export const TOTP_ROLES = ['admin', 'unit_reviewer'] as const satisfies readonly Role[];
export const roleNeedsTotp = (role: Role): boolean => (TOTP_ROLES as readonly Role[]).includes(role);
