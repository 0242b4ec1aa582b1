// SQL for ledgers, their rows, measures, progress, evidence, versions and comments.
import { sql, type Insertable } from 'kysely';
import type { LedgerRowsTable, LedgersTable } from '../db/ledger.tables.js';
import type { Db } from '../db/schema.js';
import { leadDutiesOfPlan, plansByIds, tasksByIds, tasksOfPlan } from '../plan/public.js';
import { dutyTaskMap } from './lead-duty-match.js';

export const findLedger = (db: Db, id: number) => db.selectFrom('ledgers').selectAll().where('id', '=', id).executeTakeFirst();
export const findLedgerFor = (db: Db, planId: number, unitId: number) =>
  db.selectFrom('ledgers').selectAll().where('plan_id', '=', planId).where('unit_id', '=', unitId).executeTakeFirst();
export const ledgersOfPlan = (db: Db, planId: number) => db.selectFrom('ledgers').selectAll().where('plan_id', '=', planId).execute();
/** A unit's ledgers with their plan's title, year and submission date, newest plan year first. */
export async function ledgersOfUnit(db: Db, unitId: number) {
  const ledgers = await db.selectFrom('ledgers').selectAll().where('unit_id', '=', unitId).orderBy('id').execute();
  const plans = new Map((await plansByIds(db, ledgers.map((l) => l.plan_id))).map((p) => [p.id, p]));
  return ledgers.flatMap((l) => {
    const p = plans.get(l.plan_id);
    return p ? [{ ...l, plan_title: p.title, plan_year: p.year, submission_due: p.submission_due }] : [];
  }).sort((a, b) => b.plan_year - a.plan_year);
}

export const taskIdsOfLedger = async (db: Db, ledgerId: number): Promise<number[]> =>
  (await db.selectFrom('ledger_rows').select('task_id').where('ledger_id', '=', ledgerId).execute()).map((r) => r.task_id);

export type RowWithTask = {
  id: number; task_id: number; seq: number; role: string;
  domain: string; sub_area: string; requirement: string; time_limit: string; rules_json: string; units_text: string;
};
/** A ledger's rows with their plan task's text and deadline rules, by 序号. */
export async function rowsOfLedger(db: Db, ledgerId: number): Promise<RowWithTask[]> {
  const rows = await db.selectFrom('ledger_rows').select(['id', 'task_id', 'seq', 'role']).where('ledger_id', '=', ledgerId).orderBy('seq').execute();
  const tasks = new Map((await tasksByIds(db, rows.map((r) => r.task_id))).map((t) => [t.id, t]));
  return rows.flatMap((r) => {
    const t = tasks.get(r.task_id);
    return t ? [{ ...r, domain: t.domain, sub_area: t.sub_area, requirement: t.requirement, time_limit: t.time_limit, rules_json: t.rules_json, units_text: t.units_text }] : [];
  });
}

export const measuresOfLedger = (db: Db, ledgerId: number) =>
  db.selectFrom('ledger_measures').selectAll().where('ledger_id', '=', ledgerId).orderBy('row_id').orderBy('sort').orderBy('id').execute();
export type MeasureRow = Awaited<ReturnType<typeof measuresOfLedger>>[number];
export const findMeasure = (db: Db, ledgerId: number, id: number) =>
  db.selectFrom('ledger_measures').selectAll().where('ledger_id', '=', ledgerId).where('id', '=', id).executeTakeFirst();

export const progressOfLedger = (db: Db, ledgerId: number) =>
  db.selectFrom('ledger_progress').selectAll().where('ledger_id', '=', ledgerId).orderBy('on_date', 'desc').orderBy('id', 'desc').execute();
export const evidenceOfLedger = (db: Db, ledgerId: number) =>
  db.selectFrom('ledger_evidence').leftJoin('info_items', 'info_items.id', 'ledger_evidence.item_id')
    .selectAll('ledger_evidence').select(['info_items.title as item_title', 'info_items.index_no as item_index_no'])
    .where('ledger_evidence.ledger_id', '=', ledgerId).orderBy('ledger_evidence.id').execute();
export const commentsOfLedger = (db: Db, ledgerId: number) =>
  db.selectFrom('ledger_comments').leftJoin('units', 'units.id', 'ledger_comments.author_unit_id')
    .selectAll('ledger_comments').select('units.name as author_unit_name')
    .where('ledger_comments.ledger_id', '=', ledgerId).orderBy('ledger_comments.id', 'desc').execute();
export const versionsOfLedger = (db: Db, ledgerId: number) =>
  db.selectFrom('ledger_versions').selectAll().where('ledger_id', '=', ledgerId).orderBy('version', 'desc').execute();

export async function nextSort(db: Db, rowId: number): Promise<number> {
  const r = await db.selectFrom('ledger_measures').select((eb) => eb.fn.max('sort').as('m')).where('row_id', '=', rowId).executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

const VERSION_KEY = 'ledger_data_version';

/**
 * A stamp that changes with every change to ledger data (in the same transaction), so every
 * server node can tell whether its cached dashboard figures are still current.
 */
export async function bumpLedgerVersion(tx: Db): Promise<void> {
  const next = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const r = await tx.updateTable('settings').set({ value: next }).where('key', '=', VERSION_KEY).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) await tx.insertInto('settings').values({ key: VERSION_KEY, value: next }).execute();
}
export const ledgerVersion = async (db: Db): Promise<string> => (await settingValue(db, VERSION_KEY)) ?? '0';

export async function touchLedger(tx: Db, id: number | number[], at: string): Promise<void> {
  const ids = Array.isArray(id) ? id : [id];
  if (!ids.length) return;
  await tx.updateTable('ledgers').set({ updated_at: at, revision: sql<number>`revision + 1` }).where('id', 'in', ids).execute();
  await bumpLedgerVersion(tx);
}

/** Task ids of a plan that a unit leads through its 附件2 duties (automatic match + admin corrections). */
export async function leadTaskIds(db: Db, planId: number, unitId: number): Promise<Set<number>> {
  const duties = await leadDutiesOfPlan(db, planId, unitId);
  if (duties.length === 0) return new Set();
  const map = await dutyMapForPlan(db, planId, duties);
  return new Set([...map.values()].flatMap((v) => v.taskIds));
}

export async function dutyMapForPlan(db: Db, planId: number, duties?: { id: number; content: string }[]) {
  const ds = duties ?? await leadDutiesOfPlan(db, planId);
  const tasks = await tasksOfPlan(db, planId);
  const overrides = ds.length ? await db.selectFrom('lead_duty_tasks').select(['duty_id', 'task_id', 'mode']).where('duty_id', 'in', ds.map((d) => d.id)).execute() : [];
  return dutyTaskMap(ds, tasks, overrides);
}

/** Measures of a plan's ledgers, as a filter (`ledger_id in (…)` scans faster than a join here). */
export const ledgerIdsOfPlan = (db: Db, planId: number) => db.selectFrom('ledgers').select('ledgers.id').where('ledgers.plan_id', '=', planId);

/** Units responsible for at least one task of the plan (the plan module answers). */
export { unitIdsOfPlan } from '../plan/public.js';

export const settingValue = async (db: Db, key: string): Promise<string | undefined> =>
  (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;

export async function putSetting(tx: Db, key: string, value: string): Promise<void> {
  const r = await tx.updateTable('settings').set({ value }).where('key', '=', key).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) await tx.insertInto('settings').values({ key, value }).execute();
}

/** An information item cited as evidence, with what decides whether the actor may cite it. */
export const itemForEvidence = (db: Db, id: number) =>
  db.selectFrom('info_items').select(['id', 'title', 'status', 'area_id', 'unit_id', 'attribute']).where('id', '=', id).executeTakeFirst();

export const unitRef = (db: Db, id: number) => db.selectFrom('units').select(['id', 'area_id', 'name']).where('id', '=', id).executeTakeFirst();
export const unitName = async (db: Db, id: number): Promise<string> => (await unitRef(db, id))?.name ?? '';
export const unitsOfArea = (db: Db, areaId: number) =>
  db.selectFrom('units').select(['id', 'name', 'sort']).where('area_id', '=', areaId).orderBy('sort').orderBy('id').execute();

export async function insertLedger(tx: Db, values: Insertable<LedgersTable>): Promise<number> {
  return (await tx.insertInto('ledgers').values(values).returning('id').executeTakeFirstOrThrow()).id;
}
export async function insertRows(tx: Db, rows: Insertable<LedgerRowsTable>[]): Promise<void> {
  if (rows.length) await tx.insertInto('ledger_rows').values(rows).execute();
}

/** Other units' ledger rows of a plan in the given tasks (what a lead department guides), by unit order. */
export const guidedRows = (db: Db, planId: number, exceptUnitId: number, taskIds: readonly number[]) =>
  db.selectFrom('ledger_rows').innerJoin('ledgers', 'ledgers.id', 'ledger_rows.ledger_id').innerJoin('units', 'units.id', 'ledgers.unit_id')
    .select(['ledgers.id', 'units.name', 'ledgers.status', 'ledger_rows.task_id'])
    .where('ledgers.plan_id', '=', planId).where('ledgers.unit_id', '<>', exceptUnitId).where('ledger_rows.task_id', 'in', [...taskIds]).orderBy('units.sort').execute();

/** Every unit of the area with its ledger of the plan (if any): one query for the submission overview. */
export const submissionsOfPlan = (db: Db, planId: number, areaId: number) =>
  db.selectFrom('units').leftJoin('ledgers', (j) => j.onRef('ledgers.unit_id', '=', 'units.id').on('ledgers.plan_id', '=', planId))
    .select(['units.id as unit_id', 'units.name as unit_name', 'ledgers.id as ledger_id', 'ledgers.first_submitted_at'])
    .where('units.area_id', '=', areaId).orderBy('units.sort').orderBy('units.id').execute();

/** The office's correction of a lead duty's tasks: the task added to (or taken out of) the duty's content. */
export async function setDutyOverride(tx: Db, dutyId: number, taskId: number, mode: 'add' | 'remove', at: string): Promise<void> {
  await tx.deleteFrom('lead_duty_tasks').where('duty_id', '=', dutyId).where('task_id', '=', taskId).execute();
  await tx.insertInto('lead_duty_tasks').values({ duty_id: dutyId, task_id: taskId, mode, created_at: at }).execute();
}
