// What happens to ledgers when the office corrects the plan after import (issue 19): a unit that no
// longer has a task loses its empty ledger row at once; a row with measures is either kept (the work
// stays on record) or deleted with its measures, progress, evidence, comments and reminders.
import type { Db } from '../db/schema.js';
import { touchLedger } from './ledger.repo.js';

export type TaskLedgerRow = { rowId: number; ledgerId: number; unitId: number; unitName: string; measures: number };

/** The ledger rows of one plan task, per unit, with how many measures each holds. */
export async function ledgerRowsOfTask(db: Db, taskId: number): Promise<TaskLedgerRow[]> {
  const rows = await db.selectFrom('ledger_rows').innerJoin('ledgers', 'ledgers.id', 'ledger_rows.ledger_id').innerJoin('units', 'units.id', 'ledgers.unit_id')
    .select(['ledger_rows.id as rowId', 'ledgers.id as ledgerId', 'ledgers.unit_id as unitId', 'units.name as unitName'])
    .where('ledger_rows.task_id', '=', taskId).orderBy('units.sort').orderBy('units.id').execute();
  if (!rows.length) return [];
  const counts = await db.selectFrom('ledger_measures').select(['row_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('row_id', 'in', rows.map((r) => r.rowId)).groupBy('row_id').execute();
  const n = new Map(counts.map((c) => [c.row_id, Number(c.n)]));
  return rows.map((r) => ({ ...r, measures: n.get(r.rowId) ?? 0 }));
}

/** Deletes ledger rows and everything hanging off them (inside the caller's transaction). */
export async function deleteLedgerRows(tx: Db, rows: readonly TaskLedgerRow[], at: string): Promise<void> {
  if (!rows.length) return;
  const rowIds = rows.map((r) => r.rowId);
  const measureIds = (await tx.selectFrom('ledger_measures').select('id').where('row_id', 'in', rowIds).execute()).map((m) => m.id);
  if (measureIds.length) {
    await tx.deleteFrom('ledger_reminders').where('measure_id', 'in', measureIds).execute();
    await tx.deleteFrom('ledger_evidence').where('measure_id', 'in', measureIds).execute();
    await tx.deleteFrom('ledger_progress').where('measure_id', 'in', measureIds).execute();
    await tx.deleteFrom('ledger_measures').where('id', 'in', measureIds).execute();
  }
  await tx.deleteFrom('ledger_comments').where('row_id', 'in', rowIds).execute();
  await tx.deleteFrom('ledger_rows').where('id', 'in', rowIds).execute();
  await touchLedger(tx, [...new Set(rows.map((r) => r.ledgerId))], at);
}

/** Updates the role stored on a unit's row for the task (when the unit keeps it under another role). */
export async function setLedgerRowRole(tx: Db, rowId: number, role: string): Promise<void> {
  await tx.updateTable('ledger_rows').set({ role }).where('id', '=', rowId).execute();
}
