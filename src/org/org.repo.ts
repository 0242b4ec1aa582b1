// SQL for units and users.
import type { Db, Role, UnitKind } from '../db/schema.js';

export const findUnit = (db: Db, id: number) => db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
export const findUnitByName = (db: Db, areaId: number, name: string) =>
  db.selectFrom('units').selectAll().where('area_id', '=', areaId).where('name', '=', name).executeTakeFirst();
export const listUnitsInArea = (db: Db, areaId: number) =>
  db.selectFrom('units').selectAll().where((eb) => eb.or([eb('area_id', '=', areaId), eb('id', '=', areaId)])).orderBy('sort').orderBy('id').execute();
export const listAreas = (db: Db) => db.selectFrom('units').selectAll().where('kind', 'in', ['区', '市']).orderBy('id').execute();

export const insertUnit = async (db: Db, v: { code: string; name: string; kind: UnitKind; parent_id: number | null; area_id: number | null; sort: number; created_at: string }) =>
  (await db.insertInto('units').values(v).returning('id').executeTakeFirstOrThrow()).id;

export const findUser = (db: Db, id: number) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
export const findUserByUsername = (db: Db, username: string) => db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();

export const listUsersInArea = (db: Db, areaId: number) =>
  db.selectFrom('users').innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.role', 'users.unit_id', 'users.disabled', 'users.locked_until', 'users.created_at', 'units.name as unit_name'])
    .where((eb) => eb.or([eb('units.area_id', '=', areaId), eb('units.id', '=', areaId)]))
    .orderBy('users.id').execute();

/** The unit and every unit below it (parent_id chain), in id order. */
export async function unitsUnder(db: Db, unitId: number) {
  const all = await db.selectFrom('units').selectAll().orderBy('id').execute();
  const below = new Set<number>([unitId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of all) if (u.parent_id !== null && below.has(u.parent_id) && !below.has(u.id)) { below.add(u.id); grew = true; }
  }
  return all.filter((u) => below.has(u.id));
}

/** Ids of the units of an area that have at least one active user with the role. */
export const unitsWithActiveRole = async (db: Db, areaId: number, role: Role): Promise<Set<number>> =>
  new Set((await db.selectFrom('users').innerJoin('units', 'units.id', 'users.unit_id').select('users.unit_id')
    .where('units.area_id', '=', areaId).where('users.role', '=', role).where('users.disabled', '=', 0).execute()).map((r) => r.unit_id));
