// Front door of the plan module: plans, their tasks and responsible units.
import type { Db } from '../db/schema.js';
import { coveredByGroups as covered, exclusionsOfPlan as exclusions, GROUP_KINDS as KINDS } from './plan.repo.js';
export { coveredByGroups, exclusionsOfPlan, findPlan, GROUP_KINDS, listPlans, taskRolesForUnit } from './plan.repo.js';
export { importPlan } from './plan.service.js';
export { listTasks as tasksOfPlan } from './plan.repo.js';

// Small reads for other modules (the ledger reads its rows' tasks, plans and 附件2 lead duties here,
// not from the plan tables).

const distinctIds = (ids: readonly number[]) => [...new Set(ids)];

/** Tasks by id (any plan), in no particular order. */
export const tasksByIds = async (db: Db, ids: readonly number[]) =>
  ids.length ? db.selectFrom('plan_tasks').selectAll().where('id', 'in', distinctIds(ids)).execute() : [];
export const findTaskById = (db: Db, id: number) => db.selectFrom('plan_tasks').selectAll().where('id', '=', id).executeTakeFirst();
export const findTaskBySeq = (db: Db, planId: number, seq: number) =>
  db.selectFrom('plan_tasks').selectAll().where('plan_id', '=', planId).where('seq', '=', seq).executeTakeFirst();

/** Plans by id, in no particular order. */
export const plansByIds = async (db: Db, ids: readonly number[]) =>
  ids.length ? db.selectFrom('plans').selectAll().where('id', 'in', distinctIds(ids)).execute() : [];

/** The plan a plan was copied from, else the same area's plan of the year before. */
export async function previousPlanOf(db: Db, plan: { copied_from_plan_id: number | null; area_id: number; year: number }) {
  if (plan.copied_from_plan_id) {
    const p = await db.selectFrom('plans').selectAll().where('id', '=', plan.copied_from_plan_id).executeTakeFirst();
    if (p) return p;
  }
  return db.selectFrom('plans').selectAll().where('area_id', '=', plan.area_id).where('year', '=', plan.year - 1).orderBy('id', 'desc').executeTakeFirst();
}

/** The plan's 附件2 lead duties (of one unit when given), in their order. */
export const leadDutiesOfPlan = (db: Db, planId: number, unitId?: number) => {
  let q = db.selectFrom('plan_lead_duties').selectAll().where('plan_id', '=', planId);
  if (unitId !== undefined) q = q.where('unit_id', '=', unitId);
  return q.orderBy('seq').execute();
};
export const findLeadDuty = (db: Db, planId: number, dutyId: number) =>
  db.selectFrom('plan_lead_duties').selectAll().where('id', '=', dutyId).where('plan_id', '=', planId).executeTakeFirst();

/**
 * Units responsible for at least one task of the plan: the same answer as unitsOfPlan, with DISTINCT
 * in SQL (a district plan has ~60 tasks × ~200 assignments).
 */
export async function unitIdsOfPlan(db: Db, planId: number, areaId: number): Promise<number[]> {
  const named = await db.selectFrom('plan_task_units').innerJoin('plan_tasks', 'plan_tasks.id', 'plan_task_units.task_id')
    .select(['plan_task_units.task_id', 'plan_task_units.unit_id', 'plan_task_units.group_code']).distinct().where('plan_tasks.plan_id', '=', planId).execute();
  const assigned = await db.selectFrom('plan_task_assignments').innerJoin('plan_tasks', 'plan_tasks.id', 'plan_task_assignments.task_id')
    .select('plan_task_assignments.unit_id').distinct().where('plan_tasks.plan_id', '=', planId).execute();
  const ids = new Set<number>();
  for (const n of named) if (n.unit_id) ids.add(n.unit_id);
  for (const a of assigned) ids.add(a.unit_id);
  const kinds = new Set(Object.entries(KINDS).filter(([code]) => named.some((n) => n.group_code === code)).flatMap(([, k]) => k));
  if (kinds.size) {
    const units = await db.selectFrom('units').select(['id', 'kind']).where('area_id', '=', areaId).where('kind', 'in', [...kinds] as never[]).execute();
    // A unit excluded from every group task that would cover it has none through groups.
    const excl = await exclusions(db, planId);
    const grouped = named.filter((n) => n.group_code !== null);
    for (const u of units) if (!excl.size || covered(u, grouped, excl)) ids.add(u.id);
  }
  return [...ids].sort((a, b) => a - b);
}
