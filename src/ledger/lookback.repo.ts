// SQL of 回头看: last year's unfinished measures and this year's rectification list.
import type { Insertable, Updateable } from 'kysely';
import type { LedgerRectificationsTable } from '../db/ledger.tables.js';
import type { Db } from '../db/schema.js';

/** Measures not done in a plan's ledgers, with the unit and the row's task id. */
export const unfinishedMeasuresOfPlan = (db: Db, planId: number) =>
  db.selectFrom('ledger_measures').innerJoin('ledgers', 'ledgers.id', 'ledger_measures.ledger_id')
    .innerJoin('ledger_rows', 'ledger_rows.id', 'ledger_measures.row_id')
    .select(['ledger_measures.id', 'ledger_measures.content', 'ledger_measures.deadline', 'ledger_measures.status', 'ledgers.unit_id', 'ledger_rows.task_id'])
    .where('ledgers.plan_id', '=', planId).where('ledger_measures.status', '<>', 'done').execute();

export const rectifiedSourceIds = async (db: Db, planId: number): Promise<Set<number>> =>
  new Set((await db.selectFrom('ledger_rectifications').select('source_measure_id').where('plan_id', '=', planId).execute()).map((r) => r.source_measure_id));

export async function insertRectifications(tx: Db, rows: Insertable<LedgerRectificationsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await tx.insertInto('ledger_rectifications').values(rows.slice(i, i + 200)).execute();
}

export const rectificationsOfPlan = (db: Db, planId: number, unitId?: number) => {
  let q = db.selectFrom('ledger_rectifications').innerJoin('units', 'units.id', 'ledger_rectifications.unit_id')
    .selectAll('ledger_rectifications').select('units.name as unit_name').where('ledger_rectifications.plan_id', '=', planId);
  if (unitId !== undefined) q = q.where('ledger_rectifications.unit_id', '=', unitId);
  return q.orderBy('units.sort').orderBy('ledger_rectifications.id').execute();
};

export const findRectification = (db: Db, id: number) => db.selectFrom('ledger_rectifications').selectAll().where('id', '=', id).executeTakeFirst();
export async function updateRectification(tx: Db, id: number, values: Updateable<LedgerRectificationsTable>): Promise<void> {
  await tx.updateTable('ledger_rectifications').set(values).where('id', '=', id).execute();
}
