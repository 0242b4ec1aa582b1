// Who may see and change units and users. The admin (and the CLI) manage the directory of their area; the
// auditor reads it; unit roles see only their own unit. Which role may be bound to which kind of unit is also
// written here, once, for the forms and the bulk import.
import { canReadUnit, isAdminRole, isAdminUser, isAreaReader, isAreaRole } from '../auth/policy.js';
import type { Role } from '../db/schema.js';
import type { Actor } from '../lib/context.js';

/** Units a listing shows: the whole area to admins, auditors and the CLI, their own unit to unit roles. */
export function visibleUnits<T extends { id: number; area_id: number | null }>(actor: Actor, units: T[]): T[] {
  if (actor.kind !== 'user' || isAreaReader(actor)) return units;
  return units.filter((u) => canReadUnit(actor, u));
}

/** Show the controls that add or edit units and users (the services enforce it with requireAdmin). */
export const canManageOrg = (actor: Actor): boolean => isAdminUser(actor);

/** Why a user with `role` may not belong to a unit of this kind; null when it fits. */
export function roleUnitProblem(role: Role, unitIsArea: boolean): string | null {
  if (isAreaRole(role) && !unitIsArea) return '管理员和审计员应属于区（行政区划）本身';
  if (!isAreaRole(role) && unitIsArea) return '联络员和审核人必须绑定到一个具体单位';
  return null;
}

/** An admin may not take away their own admin role or disable themselves. */
export const isSelfLockout = (actor: Actor, userId: number, change: { role: Role; disabled?: boolean }): boolean =>
  actor.kind === 'user' && actor.userId === userId && (!isAdminRole(change.role) || !!change.disabled);
