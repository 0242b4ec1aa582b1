// SQL of the district dashboard: the earliest overdue measures of a plan, and a task's drill-down.
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { ledgerIdsOfPlan } from './ledger.repo.js';

/** The plan's `limit` overdue measures with the earliest deadlines, with unit and row. */
export async function earliestOverdue(db: Db, planId: number, today: string, limit: number) {
  // Walking the deadline index and stopping at `limit` is the fast plan; the unary plus keeps the
  // planner from preferring the ledger index (which needs a full sort).
  const overdueIds = (await db.selectFrom('ledger_measures').select('ledger_measures.id')
    .where('ledger_measures.deadline', '<', today).where('ledger_measures.status', '<>', 'done')
    .where(sql<number>`+${sql.ref('ledger_measures.ledger_id')}`, 'in', ledgerIdsOfPlan(db, planId))
    .orderBy('ledger_measures.deadline').limit(limit).execute()).map((r) => r.id);
  return overdueIds.length ? db.selectFrom('ledger_measures')
    .innerJoin('ledgers', 'ledgers.id', 'ledger_measures.ledger_id')
    .innerJoin('ledger_rows', 'ledger_rows.id', 'ledger_measures.row_id')
    .innerJoin('units', 'units.id', 'ledgers.unit_id')
    .where('ledger_measures.id', 'in', overdueIds)
    .select(['ledger_measures.id', 'ledger_measures.content', 'ledger_measures.deadline', 'ledgers.id as ledger_id', 'units.name as unit_name', 'ledger_rows.seq', 'ledger_rows.task_id', 'ledger_rows.id as row_id'])
    .orderBy('ledger_measures.deadline').orderBy('units.sort').orderBy('ledger_rows.seq').orderBy('ledger_measures.id').execute() : [];
}

/** Every ledger row of a plan task, with its ledger's state and unit, by unit order. */
export const rowsOfTask = (db: Db, taskId: number) =>
  db.selectFrom('ledger_rows').innerJoin('ledgers', 'ledgers.id', 'ledger_rows.ledger_id').innerJoin('units', 'units.id', 'ledgers.unit_id')
    .select(['ledger_rows.id', 'ledgers.id as ledger_id', 'ledgers.status as ledger_status', 'units.name as unit_name', 'ledger_rows.role'])
    .where('ledger_rows.task_id', '=', taskId).orderBy('units.sort').execute();

export const measuresOfRows = async (db: Db, rowIds: readonly number[]) =>
  rowIds.length ? db.selectFrom('ledger_measures').selectAll().where('row_id', 'in', [...rowIds]).orderBy('sort').execute() : [];
