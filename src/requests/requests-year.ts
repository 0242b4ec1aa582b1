// requestsYear: the figures of tables 3 and 4 for one body (or a sum of bodies) and a year.
//   一  requests received (art. 31 receipt date) in the year, by applicant type;
//   二  requests open at the end of the previous year (= last year's 四);
//   三  requests decided in the year, by decision row;
//   四  requests received by 31 December and not decided by then.
// So per column 一 + 二 = （七）总计 + 四 holds by construction.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { DB, Db } from '../db/schema.js';

type EB = ExpressionBuilder<DB, 'info_requests'>;
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

/** The median of values given as value → count (same result as `median` over the expanded list). */
export function medianOfCounts(counts: ReadonlyMap<number, number>): number | null {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (!total) return null;
  const sorted = [...counts.entries()].sort((a, b) => a[0] - b[0]);
  const at = (k: number) => { let seen = 0; for (const [v, n] of sorted) { seen += n; if (k < seen) return v; } return sorted.at(-1)![0]; };
  return total % 2 ? at(total >> 1) : (at(total / 2 - 1) + at(total / 2)) / 2;
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
  // Two passes over info_requests instead of five (each reads the covering index
  // info_requests_unit_decided_received only). Every figure of the year concerns a request that is either
  // still open (decided_on null) or decided on or after 1 January: 一 (received in the year: decided on or
  // after its receipt), 三 (decided in the year), 四 and 二 (open at the end of this or the previous year).
  // That a decision never precedes its receipt is the clock's rule (events in date order).
  const flag = (eb: EB, cond: Expression<SqlBool>) => eb.fn.sum<number>(eb.case().when(cond).then(1).else(0).end());
  const [decidedLater, open, fees, appeals] = await Promise.all([
    db.selectFrom('info_requests').where('unit_id', 'in', unitIds).where('decided_on', '>=', from)
      .select((eb) => [
        'applicant_type', 'decision', 'working_days',
        flag(eb, eb('decided_on', '<=', to)).as('decided'),
        eb.fn.sum<number>(eb.case().when(eb('decided_on', '<=', to)).then(eb.ref('on_time')).else(0).end()).as('on_time'),
        flag(eb, eb.and([eb('received_on', '>=', from), eb('received_on', '<=', to)])).as('received'),
        flag(eb, eb.and([eb('received_on', '<=', to), eb('decided_on', '>', to)])).as('open_end'),
        flag(eb, eb('received_on', '<=', prevEnd)).as('open_prev'),
      ])
      .groupBy(['applicant_type', 'decision', 'working_days']).execute(),
    db.selectFrom('info_requests').where('unit_id', 'in', unitIds).where('decided_on', 'is', null).where('received_on', '<=', to)
      .select((eb) => [
        'applicant_type',
        flag(eb, eb('received_on', '>=', from)).as('received'),
        eb.fn.countAll<number>().as('open_end'),
        flag(eb, eb('received_on', '<=', prevEnd)).as('open_prev'),
      ])
      .groupBy('applicant_type').execute(),
    db.selectFrom('info_request_fees').innerJoin('info_requests', 'info_requests.id', 'info_request_fees.request_id')
      .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('info_request_fees.amount_yuan').as('amount')])
      .where('info_requests.unit_id', 'in', unitIds).where('info_request_fees.paid_on', '>=', from).where('info_request_fees.paid_on', '<=', to)
      .executeTakeFirst(),
    db.selectFrom('info_request_appeals').select(['kind', 'result', 'concluded_on'])
      .where('unit_id', 'in', unitIds).where('filed_on', '>=', from).where('filed_on', '<=', to).execute(),
  ]);

  const add = (row: keyof Table3, col: Table3Column, n: number) => {
    if (!n) return;
    table3[row][col] += n;
    table3[row]['总计'] += n;
  };
  let answered = 0;
  let onTime = 0;
  const days = new Map<number, number>();
  for (const r of [...decidedLater, ...open] as { applicant_type: string; decision?: string | null; working_days?: number | null; decided?: unknown; on_time?: unknown; received: unknown; open_end: unknown; open_prev: unknown }[]) {
    const col = column(r.applicant_type);
    add(ROW1, col, Number(r.received ?? 0));
    add(ROW2, col, Number(r.open_prev ?? 0));
    add(ROW4, col, Number(r.open_end ?? 0));
    const n = Number(r.decided ?? 0);
    if (n && r.decision) {
      add(decisionRow(r.decision as DecisionCode), col, n);
      add(T7, col, n);
      answered += n;
      onTime += Number(r.on_time ?? 0);
      if (r.working_days !== null && r.working_days !== undefined) days.set(Number(r.working_days), (days.get(Number(r.working_days)) ?? 0) + n);
    }
  }
  result.onTimeRate = answered ? onTime / answered : null;
  result.medianWorkingDays = medianOfCounts(days);
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
