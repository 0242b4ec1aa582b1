// SQL behind the 工作台 to-do inbox and 催报 (issue 19).
import type { Db } from '../db/schema.js';

/** A unit's ledger measures not done whose deadline is before `until` (overdue ones included), by plan. */
export const openMeasuresDue = (db: Db, unitId: number, planId: number, until: string) =>
  db.selectFrom('ledger_measures').innerJoin('ledgers', 'ledgers.id', 'ledger_measures.ledger_id').innerJoin('ledger_rows', 'ledger_rows.id', 'ledger_measures.row_id')
    .select(['ledger_measures.id', 'ledger_measures.ledger_id', 'ledger_measures.content', 'ledger_measures.deadline', 'ledger_rows.seq'])
    .where('ledgers.unit_id', '=', unitId).where('ledgers.plan_id', '=', planId)
    .where('ledger_measures.status', '<>', 'done').where('ledger_measures.deadline', 'is not', null).where('ledger_measures.deadline', '<=', until)
    .orderBy('ledger_measures.deadline').orderBy('ledger_measures.id').limit(50).execute();

export const ledgersInStatus = (db: Db, planId: number, status: 'review' | 'submitted', unitId?: number) => {
  let q = db.selectFrom('ledgers').innerJoin('units', 'units.id', 'ledgers.unit_id').select(['ledgers.id', 'units.name as unit_name', 'ledgers.submitted_at'])
    .where('ledgers.plan_id', '=', planId).where('ledgers.status', '=', status);
  if (unitId !== undefined) q = q.where('ledgers.unit_id', '=', unitId);
  return q.orderBy('ledgers.submitted_at').orderBy('ledgers.id').execute();
};

export const urgedOn = async (db: Db, planId: number, onDate: string): Promise<Set<number>> =>
  new Set((await db.selectFrom('ledger_urges').select('unit_id').where('plan_id', '=', planId).where('on_date', '=', onDate).execute()).map((r) => r.unit_id));

/** Inserts the day's 催报 row; false when the unit was already urged that day (unique index). */
export async function recordUrge(tx: Db, r: { planId: number; unitId: number; onDate: string; byLabel: string; at: string }): Promise<boolean> {
  const exists = await tx.selectFrom('ledger_urges').select('id').where('plan_id', '=', r.planId).where('unit_id', '=', r.unitId).where('on_date', '=', r.onDate).executeTakeFirst();
  if (exists) return false;
  try {
    await tx.insertInto('ledger_urges').values({ plan_id: r.planId, unit_id: r.unitId, on_date: r.onDate, by_label: r.byLabel, created_at: r.at }).execute();
  } catch {
    // Two offices clicking at once: the unique index lets one through; the caller rolls the other back.
    return false;
  }
  return true;
}
