// SQL for ledgers, their rows, measures, progress, evidence, versions and comments.
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { GROUP_KINDS, coveredByGroups, exclusionsOfPlan } from '../plan/public.js';
import { dutyTaskMap } from './lead-duty-match.js';

export const findLedger = (db: Db, id: number) => db.selectFrom('ledgers').selectAll().where('id', '=', id).executeTakeFirst();
export const findLedgerFor = (db: Db, planId: number, unitId: number) =>
  db.selectFrom('ledgers').selectAll().where('plan_id', '=', planId).where('unit_id', '=', unitId).executeTakeFirst();
export const ledgersOfPlan = (db: Db, planId: number) => db.selectFrom('ledgers').selectAll().where('plan_id', '=', planId).execute();
export const ledgersOfUnit = (db: Db, unitId: number) =>
  db.selectFrom('ledgers').innerJoin('plans', 'plans.id', 'ledgers.plan_id')
    .selectAll('ledgers').select(['plans.title as plan_title', 'plans.year as plan_year', 'plans.submission_due'])
    .where('ledgers.unit_id', '=', unitId).orderBy('plans.year', 'desc').execute();

export const rowsOfLedger = (db: Db, ledgerId: number) =>
  db.selectFrom('ledger_rows').innerJoin('plan_tasks', 'plan_tasks.id', 'ledger_rows.task_id')
    .select(['ledger_rows.id', 'ledger_rows.task_id', 'ledger_rows.seq', 'ledger_rows.role', 'plan_tasks.domain', 'plan_tasks.sub_area',
      'plan_tasks.requirement', 'plan_tasks.time_limit', 'plan_tasks.rules_json', 'plan_tasks.units_text'])
    .where('ledger_rows.ledger_id', '=', ledgerId).orderBy('ledger_rows.seq').execute();
export type RowWithTask = Awaited<ReturnType<typeof rowsOfLedger>>[number];

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
  const duties = await db.selectFrom('plan_lead_duties').select(['id', 'content']).where('plan_id', '=', planId).where('unit_id', '=', unitId).execute();
  if (duties.length === 0) return new Set();
  const map = await dutyMapForPlan(db, planId, duties);
  return new Set([...map.values()].flatMap((v) => v.taskIds));
}

export async function dutyMapForPlan(db: Db, planId: number, duties?: { id: number; content: string }[]) {
  const ds = duties ?? await db.selectFrom('plan_lead_duties').select(['id', 'content']).where('plan_id', '=', planId).execute();
  const tasks = await db.selectFrom('plan_tasks').select(['id', 'requirement', 'sub_area']).where('plan_id', '=', planId).execute();
  const overrides = ds.length ? await db.selectFrom('lead_duty_tasks').select(['duty_id', 'task_id', 'mode']).where('duty_id', 'in', ds.map((d) => d.id)).execute() : [];
  return dutyTaskMap(ds, tasks, overrides);
}

/** Measures of a plan's ledgers, as a filter (`ledger_id in (…)` scans faster than a join here). */
export const ledgerIdsOfPlan = (db: Db, planId: number) => db.selectFrom('ledgers').select('ledgers.id').where('ledgers.plan_id', '=', planId);

/**
 * Units responsible for at least one task of the plan: the same answer as unitsOfPlan in
 * src/plan/plan.repo.ts, with DISTINCT in SQL (a district plan has ~60 tasks × ~200 assignments).
 */
export async function unitIdsOfPlan(db: Db, planId: number, areaId: number): Promise<number[]> {
  const named = await db.selectFrom('plan_task_units').innerJoin('plan_tasks', 'plan_tasks.id', 'plan_task_units.task_id')
    .select(['plan_task_units.task_id', 'plan_task_units.unit_id', 'plan_task_units.group_code']).distinct().where('plan_tasks.plan_id', '=', planId).execute();
  const assigned = await db.selectFrom('plan_task_assignments').innerJoin('plan_tasks', 'plan_tasks.id', 'plan_task_assignments.task_id')
    .select('plan_task_assignments.unit_id').distinct().where('plan_tasks.plan_id', '=', planId).execute();
  const ids = new Set<number>();
  for (const n of named) if (n.unit_id) ids.add(n.unit_id);
  for (const a of assigned) ids.add(a.unit_id);
  const kinds = new Set(Object.entries(GROUP_KINDS).filter(([code]) => named.some((n) => n.group_code === code)).flatMap(([, k]) => k));
  if (kinds.size) {
    const units = await db.selectFrom('units').select(['id', 'kind']).where('area_id', '=', areaId).where('kind', 'in', [...kinds] as never[]).execute();
    // A unit excluded from every group task that would cover it has none through groups.
    const exclusions = await exclusionsOfPlan(db, planId);
    const grouped = named.filter((n) => n.group_code !== null);
    for (const u of units) if (!exclusions.size || coveredByGroups(u, grouped, exclusions)) ids.add(u.id);
  }
  return [...ids].sort((a, b) => a - b);
}

export const settingValue = async (db: Db, key: string): Promise<string | undefined> =>
  (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;

export async function putSetting(tx: Db, key: string, value: string): Promise<void> {
  const r = await tx.updateTable('settings').set({ value }).where('key', '=', key).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) await tx.insertInto('settings').values({ key, value }).execute();
}
