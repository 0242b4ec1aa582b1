// The plan's implementation for the annual report (六、其他需要报告的事项): per set of units, the plan's
// tasks in their ledgers, measures done and overdue by 31 December, and the 回头看 rectifications.
import type { Db } from '../db/schema.js';
import { listPlans } from '../plan/public.js';

export type LedgerProgress = {
  planYear: number;
  planTitle: string | null;
  tasks: number;
  measures: number;
  measuresDone: number;
  /** Not done and past their deadline on 31 December of the plan year. */
  measuresOverdue: number;
  rectifications: number;
  rectificationsDone: number;
};

/** null: the area has no plan for that year. */
export async function ledgerProgress(db: Db, opts: { areaId: number; planYear: number; unitIds: readonly number[] }): Promise<LedgerProgress | null> {
  const plan = (await listPlans(db, opts.areaId)).find((p) => p.year === opts.planYear);
  if (!plan) return null;
  const out: LedgerProgress = { planYear: plan.year, planTitle: plan.title, tasks: 0, measures: 0, measuresDone: 0, measuresOverdue: 0, rectifications: 0, rectificationsDone: 0 };
  if (!opts.unitIds.length) return out;
  const units = [...opts.unitIds];
  const yearEnd = `${opts.planYear}-12-31`;
  const rows = await db.selectFrom('ledger_rows').innerJoin('ledgers', 'ledgers.id', 'ledger_rows.ledger_id')
    .select((eb) => eb.fn.count<number>('ledger_rows.task_id').distinct().as('n'))
    .where('ledgers.plan_id', '=', plan.id).where('ledgers.unit_id', 'in', units).executeTakeFirst();
  out.tasks = Number(rows?.n ?? 0);
  const m = await db.selectFrom('ledger_measures').innerJoin('ledgers', 'ledgers.id', 'ledger_measures.ledger_id')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when('ledger_measures.status', '=', 'done').then(1).else(0).end()).as('done'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('ledger_measures.status', '<>', 'done'), eb('ledger_measures.deadline', '<=', yearEnd)])).then(1).else(0).end()).as('overdue'),
    ]).where('ledgers.plan_id', '=', plan.id).where('ledgers.unit_id', 'in', units).executeTakeFirst();
  out.measures = Number(m?.total ?? 0);
  out.measuresDone = Number(m?.done ?? 0);
  out.measuresOverdue = Number(m?.overdue ?? 0);
  const r = await db.selectFrom('ledger_rectifications')
    .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.sum<number>(eb.case().when('status', '=', 'done').then(1).else(0).end()).as('done')])
    .where('plan_id', '=', plan.id).where('unit_id', 'in', units).executeTakeFirst();
  out.rectifications = Number(r?.total ?? 0);
  out.rectificationsDone = Number(r?.done ?? 0);
  return out;
}
