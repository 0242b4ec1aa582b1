// Actors for pure policy tests: a district (area 1) with units 10 and 11; admins and auditors belong to the area.
import { isAreaRole } from '../auth/policy.js';
import type { Role } from '../db/schema.js';
import type { Actor } from '../lib/context.js';
import { AppError } from '../lib/errors.js';

export const AREA = 1;

export const userActor = (role: Role, unitId = isAreaRole(role) ? AREA : 10, areaId = AREA): Actor =>
  ({ kind: 'user', userId: unitId * 10 + role.length, username: `${role}-${unitId}`, name: role, role, unitId, areaId });

/** 'ok', or the refusal as "<status>" (401/404) or "403 <message>". */
export function outcome(f: () => unknown): string {
  try { f(); return 'ok'; } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return e.kind === 'forbidden' ? `${e.status} ${e.message}` : String(e.status);
  }
}
