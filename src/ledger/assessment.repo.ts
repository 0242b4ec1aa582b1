// SQL of 考核: per-unit measure figures of a plan, lead departments' rows and guidance, one unit's measures.
import type { Db } from '../db/schema.js';

/** Per unit of the plan: measures, those due by `asOf` (done or past deadline), done, overdue, done with evidence. */
export const measureStatsByUnit = (db: Db, planId: number, asOf: string) =>
  db.selectFrom('ledger_measures').innerJoin('ledgers', 'ledgers.id', 'ledger_measures.ledger_id')
    .select((eb) => [
      'ledgers.unit_id',
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when(eb.or([eb('ledger_measures.status', '=', 'done'), eb('ledger_measures.deadline', '<', asOf)])).then(1).else(0).end()).as('due'),
      eb.fn.sum<number>(eb.case().when('ledger_measures.status', '=', 'done').then(1).else(0).end()).as('done'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('ledger_measures.status', '<>', 'done'), eb('ledger_measures.deadline', '<', asOf)])).then(1).else(0).end()).as('overdue'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('ledger_measures.status', '=', 'done'), eb.exists(eb.selectFrom('ledger_evidence').select('ledger_evidence.id').whereRef('ledger_evidence.measure_id', '=', 'ledger_measures.id'))])).then(1).else(0).end()).as('evidenced'),
    ]).where('ledgers.plan_id', '=', planId).groupBy('ledgers.unit_id').execute();

/** Every ledger row of the plan with its ledger and unit. */
export const rowsOfPlan = (db: Db, planId: number) =>
  db.selectFrom('ledger_rows').innerJoin('ledgers', 'ledgers.id', 'ledger_rows.ledger_id')
    .select(['ledger_rows.id', 'ledger_rows.task_id', 'ledger_rows.seq', 'ledgers.id as ledger_id', 'ledgers.unit_id']).where('ledgers.plan_id', '=', planId).execute();

/** Lead departments' guidance comments in the plan's ledgers. */
export const guidanceOfPlan = (db: Db, planId: number) =>
  db.selectFrom('ledger_comments').innerJoin('ledgers', 'ledgers.id', 'ledger_comments.ledger_id')
    .select(['ledger_comments.row_id', 'ledger_comments.author_unit_id', 'ledger_comments.body', 'ledger_comments.created_at'])
    .where('ledgers.plan_id', '=', planId).where('ledger_comments.kind', '=', 'guidance').execute();

/** One ledger's measures with their row's 序号 and how many evidence items each has. */
export const measuresWithEvidenceCount = (db: Db, ledgerId: number) =>
  db.selectFrom('ledger_measures').innerJoin('ledger_rows', 'ledger_rows.id', 'ledger_measures.row_id')
    .select((eb) => ['ledger_measures.id', 'ledger_measures.content', 'ledger_measures.deadline', 'ledger_measures.status', 'ledger_measures.completed_on', 'ledger_rows.seq',
      eb.selectFrom('ledger_evidence').select((e) => e.fn.countAll<number>().as('n')).whereRef('ledger_evidence.measure_id', '=', 'ledger_measures.id').as('evidence')])
    .where('ledger_measures.ledger_id', '=', ledgerId).orderBy('ledger_rows.seq').orderBy('ledger_measures.sort').execute();

export const unitNames = (db: Db, ids: readonly number[]) => db.selectFrom('units').select(['id', 'name']).where('id', 'in', [...ids]).orderBy('sort').execute();
export const allUnitNames = (db: Db) => db.selectFrom('units').select(['id', 'name']).execute();
