// SQL for plans and their tasks, including which tasks a unit is responsible for.
import type { Insertable, Updateable } from 'kysely';
import type { Db, PlanLeadDutiesTable, PlansTable, PlanTasksTable, PlanTaskUnitsTable } from '../db/schema.js';
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
    .select(['plan_task_units.task_id', 'plan_task_units.role', 'plan_task_units.unit_id'])
    .where('plan_tasks.plan_id', '=', planId)
    .where((eb) => eb.or([
      eb('plan_task_units.unit_id', '=', unitId),
      ...(groups.length ? [eb.and([eb('plan_task_units.is_group', '=', 1), eb('plan_task_units.group_code', 'in', groups)])] : []),
    ]))
    .execute();
  const assigned = await db.selectFrom('plan_task_assignments').innerJoin('plan_tasks', 'plan_tasks.id', 'plan_task_assignments.task_id')
    .select(['plan_task_assignments.task_id', 'plan_task_assignments.role'])
    .where('plan_tasks.plan_id', '=', planId).where('plan_task_assignments.unit_id', '=', unitId).execute();
  // A unit excluded from a task is not covered by that task's group references (named or assigned it still is).
  const excluded = new Set((await db.selectFrom('plan_task_exclusions').innerJoin('plan_tasks', 'plan_tasks.id', 'plan_task_exclusions.task_id')
    .select('plan_task_exclusions.task_id').where('plan_tasks.plan_id', '=', planId).where('plan_task_exclusions.unit_id', '=', unitId).execute()).map((r) => r.task_id));
  const out = new Map<number, string>();
  // A named role beats a group role: lead > responsible > implementing.
  const rank = (r: string) => (r === 'lead' ? 3 : r === 'responsible' ? 2 : 1);
  for (const r of [...direct.filter((d) => d.unit_id === unitId || !excluded.has(d.task_id)), ...assigned]) {
    const cur = out.get(r.task_id);
    if (!cur || rank(r.role) > rank(cur)) out.set(r.task_id, r.role);
  }
  return out;
}

/** Units responsible for at least one task of the plan (expanding groups). */
export async function unitsOfPlan(db: Db, planId: number, areaId: number): Promise<number[]> {
  const units = await db.selectFrom('units').select(['id', 'kind']).where('area_id', '=', areaId).where('kind', 'not in', ['区', '市']).execute();
  const named = await db.selectFrom('plan_task_units').innerJoin('plan_tasks', 'plan_tasks.id', 'plan_task_units.task_id')
    .select(['plan_task_units.task_id', 'plan_task_units.unit_id', 'plan_task_units.group_code']).where('plan_tasks.plan_id', '=', planId).execute();
  const assigned = await db.selectFrom('plan_task_assignments').innerJoin('plan_tasks', 'plan_tasks.id', 'plan_task_assignments.task_id')
    .select('plan_task_assignments.unit_id').where('plan_tasks.plan_id', '=', planId).execute();
  const ids = new Set<number>();
  for (const n of named) if (n.unit_id) ids.add(n.unit_id);
  for (const a of assigned) ids.add(a.unit_id);
  const exclusions = await exclusionsOfPlan(db, planId);
  for (const u of units) if (coveredByGroups(u, named, exclusions)) ids.add(u.id);
  return [...ids].sort((a, b) => a - b);
}

/** plan task id → unit ids its group references do not cover. */
export async function exclusionsOfPlan(db: Db, planId: number): Promise<Map<number, Set<number>>> {
  const rows = await db.selectFrom('plan_task_exclusions').innerJoin('plan_tasks', 'plan_tasks.id', 'plan_task_exclusions.task_id')
    .select(['plan_task_exclusions.task_id', 'plan_task_exclusions.unit_id']).where('plan_tasks.plan_id', '=', planId).execute();
  const out = new Map<number, Set<number>>();
  for (const r of rows) {
    if (!out.has(r.task_id)) out.set(r.task_id, new Set());
    out.get(r.task_id)!.add(r.unit_id);
  }
  return out;
}

/** Whether some group reference of the plan (not excluded for this unit) covers a unit of this kind. */
export function coveredByGroups(unit: { id: number; kind: string }, named: readonly { task_id: number; group_code: string | null }[], exclusions: Map<number, Set<number>>): boolean {
  return named.some((n) => n.group_code !== null && (GROUP_KINDS[n.group_code] ?? []).includes(unit.kind) && !exclusions.get(n.task_id)?.has(unit.id));
}

// ——— Import and copy (plan.service.ts) ———
export const findPlanIdByDocNumber = async (db: Db, areaId: number, docNumber: string) =>
  (await db.selectFrom('plans').select('id').where('area_id', '=', areaId).where('doc_number', '=', docNumber).executeTakeFirst())?.id;
export const findPlanIdByTitle = async (db: Db, areaId: number, year: number, title: string) =>
  (await db.selectFrom('plans').select('id').where('area_id', '=', areaId).where('year', '=', year).where('title', '=', title).executeTakeFirst())?.id;
/** Units of an area by id and name (units is the org module's table, shared for reading). */
export const unitNamesInArea = (db: Db, areaId: number) => db.selectFrom('units').select(['id', 'name']).where('area_id', '=', areaId).execute();
export const unitCodeTaken = async (db: Db, code: string) => !!(await db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirst());
export const unitCode = async (db: Db, id: number) => (await db.selectFrom('units').select(['code']).where('id', '=', id).executeTakeFirstOrThrow()).code;
export const updatePlan = (db: Db, id: number, values: Updateable<PlansTable>) => db.updateTable('plans').set(values).where('id', '=', id).execute();
export const insertPlan = async (db: Db, values: Insertable<PlansTable>) =>
  (await db.insertInto('plans').values(values).returning('id').executeTakeFirstOrThrow()).id;
export const taskIdsBySeq = async (db: Db, planId: number) =>
  new Map((await db.selectFrom('plan_tasks').select(['id', 'seq']).where('plan_id', '=', planId).execute()).map((t) => [t.seq, t.id]));
export const updateTask = (db: Db, id: number, row: Updateable<PlanTasksTable>) => db.updateTable('plan_tasks').set(row).where('id', '=', id).execute();
export const insertTask = async (db: Db, row: Insertable<PlanTasksTable>) =>
  (await db.insertInto('plan_tasks').values(row).returning('id').executeTakeFirstOrThrow()).id;
export const deleteTaskUnits = (db: Db, taskId: number) => db.deleteFrom('plan_task_units').where('task_id', '=', taskId).execute();
export const insertTaskUnit = (db: Db, row: Insertable<PlanTaskUnitsTable>) => db.insertInto('plan_task_units').values(row).execute();
/** Every unit row of the given tasks, in sort order. */
export const taskUnitsOfTasks = (db: Db, taskIds: number[]) =>
  db.selectFrom('plan_task_units').selectAll().where('task_id', 'in', taskIds.length ? taskIds : [-1]).orderBy('sort').execute();
/** The unit columns the decomposition table shows, for the given (non-empty) tasks. */
export const taskUnitSummaries = (db: Db, taskIds: number[]) =>
  db.selectFrom('plan_task_units').select(['task_id', 'name', 'role', 'is_group', 'unit_id']).where('task_id', 'in', taskIds).orderBy('sort').execute();
export const deleteLeadDuties = (db: Db, planId: number) => db.deleteFrom('plan_lead_duties').where('plan_id', '=', planId).execute();
export const insertLeadDuty = (db: Db, row: Insertable<PlanLeadDutiesTable>) => db.insertInto('plan_lead_duties').values(row).execute();
export const leadDutiesOfPlan = (db: Db, planId: number) => db.selectFrom('plan_lead_duties').selectAll().where('plan_id', '=', planId).orderBy('seq').execute();
/** As stored (no order), for copying a plan. */
export const leadDutiesUnordered = (db: Db, planId: number) => db.selectFrom('plan_lead_duties').selectAll().where('plan_id', '=', planId).execute();
