// SQL for the ledger exports: the district workbook's rows, measures and progress notes, and its extra sheets (issue 19).
import type { Db } from '../db/schema.js';
import { ledgerIdsOfPlan } from './ledger.repo.js';

/** Every progress note of the plan's ledgers, by unit, task and date (the full history, not only the latest). */
export const progressHistoryOfPlan = (db: Db, planId: number) =>
  db.selectFrom('ledger_progress')
    .innerJoin('ledger_measures', 'ledger_measures.id', 'ledger_progress.measure_id')
    .innerJoin('ledger_rows', 'ledger_rows.id', 'ledger_measures.row_id')
    .innerJoin('ledgers', 'ledgers.id', 'ledger_progress.ledger_id')
    .innerJoin('units', 'units.id', 'ledgers.unit_id')
    .select(['units.name as unit_name', 'ledger_rows.seq', 'ledger_measures.content', 'ledger_progress.on_date', 'ledger_progress.note', 'ledger_progress.author_label'])
    .where('ledger_progress.ledger_id', 'in', ledgerIdsOfPlan(db, planId))
    .orderBy('units.sort').orderBy('units.id').orderBy('ledger_rows.seq').orderBy('ledger_progress.on_date').orderBy('ledger_progress.id').execute();

export const unitNamesInOrder = (db: Db, ids: readonly number[]) =>
  db.selectFrom('units').select(['id', 'name']).where('id', 'in', [...ids]).orderBy('sort').orderBy('id').execute();

// `ledger_id in (…)` in the order of the (ledger_id, row_id, sort) index: no join, no sort step.
export const rowsOfPlan = (db: Db, planId: number) =>
  db.selectFrom('ledger_rows').select(['ledger_rows.id', 'ledger_rows.ledger_id', 'ledger_rows.task_id', 'ledger_rows.seq'])
    .where('ledger_rows.ledger_id', 'in', ledgerIdsOfPlan(db, planId)).orderBy('ledger_rows.seq').execute();
export const measuresOfPlan = (db: Db, planId: number) =>
  db.selectFrom('ledger_measures')
    .select(['ledger_measures.id', 'ledger_measures.row_id', 'ledger_measures.content', 'ledger_measures.time_limit', 'ledger_measures.leader', 'ledger_measures.section',
      'ledger_measures.status', 'ledger_measures.due_date', 'ledger_measures.completed_on'])
    .where('ledger_measures.ledger_id', 'in', ledgerIdsOfPlan(db, planId))
    .orderBy('ledger_measures.ledger_id').orderBy('ledger_measures.row_id').orderBy('ledger_measures.sort').orderBy('ledger_measures.id').execute();
/** Progress notes of the plan's ledgers, newest first (the first per measure is its latest). */
export const progressNotesOfPlan = (db: Db, planId: number) =>
  db.selectFrom('ledger_progress').select(['ledger_progress.measure_id', 'ledger_progress.note']).where('ledger_progress.ledger_id', 'in', ledgerIdsOfPlan(db, planId))
    .orderBy('ledger_progress.on_date', 'desc').orderBy('ledger_progress.id', 'desc').execute();
