// SQL behind the per-ledger figures (ledger-stats.ts): measures by ledger and task, and row counts.
import type { Db } from '../db/schema.js';

/** Per ledger and task: measures, done, and not done past their deadline on `today`. */
export const measureCountsByTask = (db: Db, ledgerIds: readonly number[], today: string) =>
  db.selectFrom('ledger_measures').innerJoin('ledger_rows', 'ledger_rows.id', 'ledger_measures.row_id')
    .select((eb) => [
      'ledger_measures.ledger_id', 'ledger_rows.task_id',
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when('ledger_measures.status', '=', 'done').then(1).else(0).end()).as('done'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('ledger_measures.status', '<>', 'done'), eb('ledger_measures.deadline', '<', today)])).then(1).else(0).end()).as('overdue'),
    ])
    .where('ledger_measures.ledger_id', 'in', [...ledgerIds]).groupBy(['ledger_measures.ledger_id', 'ledger_rows.task_id']).execute();

/** Rows per ledger. */
export const rowCounts = (db: Db, ledgerIds: readonly number[]) =>
  db.selectFrom('ledger_rows').select((eb) => ['ledger_rows.ledger_id', eb.fn.countAll<number>().as('rows')])
    .where('ledger_rows.ledger_id', 'in', [...ledgerIds]).groupBy('ledger_rows.ledger_id').execute();
