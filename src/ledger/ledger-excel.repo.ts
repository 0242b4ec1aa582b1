// SQL for the district export's extra sheets (issue 19).
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
