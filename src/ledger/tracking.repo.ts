// SQL of the tracking job: open measures with a deadline, marking them overdue, and the reminder
// bookkeeping (one row per measure, rule and deadline under a unique key).
import type { Insertable } from 'kysely';
import type { LedgerRemindersTable } from '../db/ledger.tables.js';
import type { Db } from '../db/schema.js';

/** Every measure not done that has a deadline, with its ledger, unit and row 序号. */
export const openMeasuresWithDeadline = (db: Db) =>
  db.selectFrom('ledger_measures')
    .innerJoin('ledgers', 'ledgers.id', 'ledger_measures.ledger_id')
    .innerJoin('ledger_rows', 'ledger_rows.id', 'ledger_measures.row_id')
    .innerJoin('units', 'units.id', 'ledgers.unit_id')
    .select(['ledger_measures.id', 'ledger_measures.deadline', 'ledger_measures.status', 'ledger_measures.content', 'ledgers.id as ledger_id', 'ledgers.unit_id', 'ledgers.area_id', 'units.name as unit_name', 'ledger_rows.seq'])
    .where('ledger_measures.status', '<>', 'done').where('ledger_measures.deadline', 'is not', null)
    .orderBy('ledgers.unit_id').orderBy('ledger_rows.seq').orderBy('ledger_measures.sort').execute();

export async function markOverdue(tx: Db, ids: readonly number[], at: string): Promise<void> {
  if (ids.length) await tx.updateTable('ledger_measures').set({ status: 'overdue', updated_at: at }).where('id', 'in', [...ids]).where('status', '<>', 'done').execute();
}

/** Records reminders; returns those not recorded before (the others were already sent). */
export const recordReminders = (tx: Db, rows: Insertable<LedgerRemindersTable>[]) =>
  tx.insertInto('ledger_reminders').values(rows)
    .onConflict((oc) => oc.columns(['measure_id', 'rule', 'due_date']).doNothing())
    .returning(['measure_id', 'rule']).execute();
