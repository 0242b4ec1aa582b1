// requestsYear: the figures of tables 3 and 4 for one body (or a sum of bodies) and a year.
//   一  requests received (art. 31 receipt date) in the year, by applicant type;
//   二  requests open at the end of the previous year (= last year's 四);
//   三  requests decided in the year, by decision row;
//   四  requests received by 31 December and not decided by then.
// So per column 一 + 二 = （七）总计 + 四 holds by construction.
import type { Db } from '../db/schema.js';
import {
  APPLICANT_COLUMN, decisionRow, TABLE3_COLUMNS, TABLE3_ROWS, TABLE4_COLUMNS, TABLE4_ROWS,
  type ApplicantType, type DecisionCode, type RequestsYear, type Table3, type Table3Column, type Table4,
} from './table3.js';
import { APPEAL_KIND_ROW, APPEAL_RESULT_COLUMN, type AppealKind, type AppealResult } from './appeals.js';

const T7 = '（七）总计';
const ROW1 = '一、本年新收政府信息公开申请数量';
const ROW2 = '二、上年结转政府信息公开申请数量';
const ROW4 = '四、结转下年度继续办理';

export function emptyTable3(): Table3 {
  return Object.fromEntries(TABLE3_ROWS.map((r) => [r, Object.fromEntries(TABLE3_COLUMNS.map((c) => [c, 0]))])) as Table3;
}
export function emptyTable4(): Table4 {
  return Object.fromEntries(TABLE4_ROWS.map((r) => [r, Object.fromEntries(TABLE4_COLUMNS.map((c) => [c, 0]))])) as Table4;
}

const column = (t: string): Table3Column => APPLICANT_COLUMN[t as ApplicantType] ?? '其他';

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export async function requestsYear(db: Db, scope: { unitIds: readonly number[] }, year: number): Promise<RequestsYear> {
  const table3 = emptyTable3();
  const table4 = emptyTable4();
  const unitIds = [...new Set(scope.unitIds)].sort((a, b) => a - b);
  const result: RequestsYear = { year, unitIds, table3, table4, onTimeRate: null, medianWorkingDays: null, fees: { count: 0, amountYuan: 0 } };
  if (unitIds.length === 0) return result;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const prevEnd = `${year - 1}-12-31`;
  const base = () => db.selectFrom('info_requests').where('unit_id', 'in', unitIds);

  const [received, decided, openEnd, openPrev, fees, appeals] = await Promise.all([
    base().select(['applicant_type', (eb) => eb.fn.countAll<number>().as('n')])
      .where('received_on', '>=', from).where('received_on', '<=', to).groupBy('applicant_type').execute(),
    base().select(['applicant_type', 'decision', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('on_time').as('on_time')])
      .where('decided_on', '>=', from).where('decided_on', '<=', to).groupBy(['applicant_type', 'decision']).execute(),
    openAt(db, unitIds, to),
    openAt(db, unitIds, prevEnd),
    db.selectFrom('info_request_fees').innerJoin('info_requests', 'info_requests.id', 'info_request_fees.request_id')
      .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('info_request_fees.amount_yuan').as('amount')])
      .where('info_requests.unit_id', 'in', unitIds).where('info_request_fees.paid_on', '>=', from).where('info_request_fees.paid_on', '<=', to)
      .executeTakeFirst(),
    db.selectFrom('info_request_appeals').select(['kind', 'result', 'concluded_on'])
      .where('unit_id', 'in', unitIds).where('filed_on', '>=', from).where('filed_on', '<=', to).execute(),
  ]);

  const add = (row: keyof Table3, col: Table3Column, n: number) => {
    table3[row][col] += n;
    table3[row]['总计'] += n;
  };
  for (const r of received) add(ROW1, column(r.applicant_type), Number(r.n));
  for (const r of openPrev) add(ROW2, column(r.applicant_type), Number(r.n));
  for (const r of openEnd) add(ROW4, column(r.applicant_type), Number(r.n));
  let answered = 0;
  let onTime = 0;
  for (const r of decided) {
    const n = Number(r.n);
    add(decisionRow(r.decision as DecisionCode), column(r.applicant_type), n);
    add(T7, column(r.applicant_type), n);
    answered += n;
    onTime += Number(r.on_time ?? 0);
  }
  result.onTimeRate = answered ? onTime / answered : null;
  if (answered) {
    const days = await base().select('working_days').where('decided_on', '>=', from).where('decided_on', '<=', to)
      .where('working_days', 'is not', null).execute();
    result.medianWorkingDays = median(days.map((d) => Number(d.working_days)));
  }
  result.fees = { count: Number(fees?.n ?? 0), amountYuan: Number(fees?.amount ?? 0) };

  for (const a of appeals) {
    const row = APPEAL_KIND_ROW[a.kind as AppealKind];
    // The result as known on 31 December: a case concluded later still counts as 尚未审结.
    const concluded = a.result !== 'pending' && a.concluded_on !== null && a.concluded_on <= to;
    const col = concluded ? APPEAL_RESULT_COLUMN[a.result as AppealResult] : '尚未审结';
    table4[row][col] += 1;
    table4[row]['总计'] += 1;
  }
  return result;
}

/** Requests received by `day` and not decided by then, by applicant type. */
function openAt(db: Db, unitIds: number[], day: string) {
  return db.selectFrom('info_requests').select(['applicant_type', (eb) => eb.fn.countAll<number>().as('n')])
    .where('unit_id', 'in', unitIds)
    .where('received_on', '<=', day)
    .where((eb) => eb.or([eb('decided_on', 'is', null), eb('decided_on', '>', day)]))
    .groupBy('applicant_type').execute();
}
