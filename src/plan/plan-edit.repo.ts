// SQL for correcting a plan after import: which units a task covers, its history, exclusions.
import type { Db, TaskUnitRole } from '../db/schema.js';
import { GROUP_KINDS } from './plan.repo.js';

export type TaskUnitRow = { unit_id: number | null; name: string; role: TaskUnitRole; is_group: number; group_code: string | null };
export type Coverage = Map<number, { role: TaskUnitRole; via: 'named' | 'group' | 'assigned' }>;

export const findTask = (db: Db, planId: number, taskId: number) =>
  db.selectFrom('plan_tasks').selectAll().where('plan_id', '=', planId).where('id', '=', taskId).executeTakeFirst();
export const taskUnits = (db: Db, taskId: number): Promise<TaskUnitRow[]> =>
  db.selectFrom('plan_task_units').select(['unit_id', 'name', 'role', 'is_group', 'group_code']).where('task_id', '=', taskId).orderBy('sort').execute();
export const taskAssignments = (db: Db, taskId: number) =>
  db.selectFrom('plan_task_assignments').innerJoin('units', 'units.id', 'plan_task_assignments.unit_id')
    .select(['plan_task_assignments.unit_id', 'plan_task_assignments.role', 'units.name']).where('task_id', '=', taskId).orderBy('units.sort').orderBy('units.id').execute();
export const taskExclusions = (db: Db, taskId: number) =>
  db.selectFrom('plan_task_exclusions').innerJoin('units', 'units.id', 'plan_task_exclusions.unit_id')
    .select(['plan_task_exclusions.unit_id', 'units.name']).where('task_id', '=', taskId).orderBy('units.sort').orderBy('units.id').execute();
export const areaUnits = (db: Db, areaId: number) =>
  db.selectFrom('units').select(['id', 'name', 'kind']).where('area_id', '=', areaId).where('kind', 'not in', ['区', '市']).orderBy('sort').orderBy('id').execute();

/** Which units a task covers, and how: named, through a group reference (less exclusions), or assigned by the office. */
export function coverage(units: readonly TaskUnitRow[], assignments: readonly { unit_id: number; role: TaskUnitRole }[], excluded: ReadonlySet<number>,
  area: readonly { id: number; kind: string }[]): Coverage {
  const out: Coverage = new Map();
  const rank = (r: string) => (r === 'lead' ? 3 : r === 'responsible' ? 2 : 1);
  const put = (id: number, role: TaskUnitRole, via: 'named' | 'group' | 'assigned') => {
    const cur = out.get(id);
    if (!cur || rank(role) > rank(cur.role)) out.set(id, { role, via: cur && cur.via === 'named' ? 'named' : via });
  };
  for (const u of units) {
    if (!u.is_group && u.unit_id) put(u.unit_id, u.role, 'named');
    const kinds = u.is_group && u.group_code ? GROUP_KINDS[u.group_code] : undefined;
    if (kinds) for (const a of area) if (kinds.includes(a.kind) && !excluded.has(a.id)) put(a.id, u.role, 'group');
  }
  for (const a of assignments) put(a.unit_id, a.role, 'assigned');
  return out;
}

export async function taskCoverage(db: Db, taskId: number, areaId: number): Promise<Coverage> {
  const [units, assignments, exclusions, area] = await Promise.all([taskUnits(db, taskId), taskAssignments(db, taskId), taskExclusions(db, taskId), areaUnits(db, areaId)]);
  return coverage(units, assignments, new Set(exclusions.map((e) => e.unit_id)), area);
}

export async function recordTaskChange(tx: Db, c: { taskId: number; at: string; actorLabel: string; action: string; before: unknown; after: unknown; note: string }): Promise<void> {
  await tx.insertInto('plan_task_changes').values({
    task_id: c.taskId, at: c.at, actor_label: c.actorLabel, action: c.action, before_json: JSON.stringify(c.before ?? null), after_json: JSON.stringify(c.after ?? null), note: c.note,
  }).execute();
}

export const taskChanges = (db: Db, taskId: number) =>
  db.selectFrom('plan_task_changes').selectAll().where('task_id', '=', taskId).orderBy('id', 'desc').execute();

export const touchPlan = (tx: Db, planId: number, at: string) => tx.updateTable('plans').set({ updated_at: at }).where('id', '=', planId).execute();
export const replaceTaskUnits = async (tx: Db, taskId: number, units: readonly TaskUnitRow[]) => {
  await tx.deleteFrom('plan_task_units').where('task_id', '=', taskId).execute();
  for (const [sort, u] of units.entries()) await tx.insertInto('plan_task_units').values({ task_id: taskId, ...u, sort }).execute();
};
export const deleteAssignment = (tx: Db, taskId: number, unitId: number) =>
  tx.deleteFrom('plan_task_assignments').where('task_id', '=', taskId).where('unit_id', '=', unitId).execute();
export const insertAssignment = (tx: Db, row: { task_id: number; unit_id: number; role: TaskUnitRole; source: string }) =>
  tx.insertInto('plan_task_assignments').values(row).execute();
export const insertExclusion = (tx: Db, taskId: number, unitId: number, at: string) =>
  tx.insertInto('plan_task_exclusions').values({ task_id: taskId, unit_id: unitId, created_at: at }).execute();
export const deleteExclusion = (tx: Db, taskId: number, unitId: number) =>
  tx.deleteFrom('plan_task_exclusions').where('task_id', '=', taskId).where('unit_id', '=', unitId).execute();
/** Another plan of the area already using this 文号. */
export const planWithDocNumber = (db: Db, areaId: number, docNumber: string, exceptPlanId: number) =>
  db.selectFrom('plans').select('id').where('area_id', '=', areaId).where('doc_number', '=', docNumber).where('id', '!=', exceptPlanId).executeTakeFirst();
/** A unit's id, area and name (units is the org module's table, shared for reading). */
export const unitBrief = (db: Db, unitId: number) => db.selectFrom('units').select(['id', 'area_id', 'name']).where('id', '=', unitId).executeTakeFirst();
