// SQL for plans and their tasks, including which tasks a unit is responsible for.
import type { Db } from '../db/schema.js';
import { knownGroups } from './unit-groups.js';

const EXPANSION_KINDS: Record<string, string[]> = { towns_streets: ['镇', '街道'], district_departments: ['区直部门'] };

/** Group codes that expand to units by kind; other groups (to_assign) are assigned by the admin per task. */
export const GROUP_KINDS: Record<string, string[]> = Object.fromEntries(
  knownGroups.filter((g) => EXPANSION_KINDS[g.expansion]).map((g) => [g.code, EXPANSION_KINDS[g.expansion]!]),
);

export const findPlan = (db: Db, id: number) => db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
export const listPlans = (db: Db, areaId: number) => db.selectFrom('plans').selectAll().where('area_id', '=', areaId).orderBy('year', 'desc').orderBy('id', 'desc').execute();
export const listTasks = (db: Db, planId: number) => db.selectFrom('plan_tasks').selectAll().where('plan_id', '=', planId).orderBy('seq').execute();

/**
 * Task ids of a plan that a unit is responsible for, with the unit's role: named directly,
 * through a group that expands by unit kind (各镇、街道 / 区政府各部门单位), or assigned by the admin.
 */
export async function taskRolesForUnit(db: Db, planId: number, unitId: number): Promise<Map<number, string>> {
  const unit = await db.selectFrom('units').select(['id', 'kind']).where('id', '=', unitId).executeTakeFirst();
  if (!unit) return new Map();
  const groups = Object.entries(GROUP_KINDS).filter(([, kinds]) => kinds.includes(unit.kind)).map(([code]) => code);
  const direct = await db.selectFrom('plan_task_units').innerJoin('plan_tasks', 'plan_tasks.id', 'plan_task_units.task_id')
    .select(['plan_task_units.task_id', 'plan_task_units.role'])
    .where('plan_tasks.plan_id', '=', planId)
    .where((eb) => eb.or([
      eb('plan_task_units.unit_id', '=', unitId),
      ...(groups.length ? [eb.and([eb('plan_task_units.is_group', '=', 1), eb('plan_task_units.group_code', 'in', groups)])] : []),
    ]))
    .execute();
  const assigned = await db.selectFrom('plan_task_assignments').innerJoin('plan_tasks', 'plan_tasks.id', 'plan_task_assignments.task_id')
    .select(['plan_task_assignments.task_id', 'plan_task_assignments.role'])
    .where('plan_tasks.plan_id', '=', planId).where('plan_task_assignments.unit_id', '=', unitId).execute();
  const out = new Map<number, string>();
  // A named role beats a group role: lead > responsible > implementing.
  const rank = (r: string) => (r === 'lead' ? 3 : r === 'responsible' ? 2 : 1);
  for (const r of [...direct, ...assigned]) {
    const cur = out.get(r.task_id);
    if (!cur || rank(r.role) > rank(cur)) out.set(r.task_id, r.role);
  }
  return out;
}

/** Units responsible for at least one task of the plan (expanding groups). */
export async function unitsOfPlan(db: Db, planId: number, areaId: number): Promise<number[]> {
  const units = await db.selectFrom('units').select(['id', 'kind']).where('area_id', '=', areaId).where('kind', 'not in', ['区', '市']).execute();
  const named = await db.selectFrom('plan_task_units').innerJoin('plan_tasks', 'plan_tasks.id', 'plan_task_units.task_id')
    .select(['plan_task_units.unit_id', 'plan_task_units.group_code']).where('plan_tasks.plan_id', '=', planId).execute();
  const assigned = await db.selectFrom('plan_task_assignments').innerJoin('plan_tasks', 'plan_tasks.id', 'plan_task_assignments.task_id')
    .select('plan_task_assignments.unit_id').where('plan_tasks.plan_id', '=', planId).execute();
  const ids = new Set<number>();
  for (const n of named) if (n.unit_id) ids.add(n.unit_id);
  for (const a of assigned) ids.add(a.unit_id);
  const groupCodes = new Set(named.map((n) => n.group_code).filter((g): g is string => Boolean(g)));
  for (const u of units) for (const [code, kinds] of Object.entries(GROUP_KINDS)) if (groupCodes.has(code) && kinds.includes(u.kind)) ids.add(u.id);
  return [...ids].sort((a, b) => a - b);
}
