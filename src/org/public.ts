// Front door of the org module: the units tree (市 → 区 → 部门/镇街) and users.
export { actorArea, createUser, ensureDefaultOrg, listUnits, me, resetPassword } from './org.service.js';
export { findUnit, findUnitByName as unitByName, insertUnit, listAreas, listUnitsInArea, unitsUnder, unitsWithActiveRole } from './org.repo.js';
import type { Db } from '../db/schema.js';
import { findUser } from './org.repo.js';

/** A user's display name (who reviewed, who replied), or null for an unknown id. */
export async function userDisplayName(db: Db, id: number | null): Promise<string | null> {
  if (id === null) return null;
  return (await findUser(db, id))?.display_name ?? null;
}
