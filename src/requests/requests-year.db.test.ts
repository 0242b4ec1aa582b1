// requestsYear: table 3 and 4 cells, on-time rate, median working days and fees, from a table of requests.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, type Harness } from '../test-support/harness.js';
import { createAppeal } from './appeals.js';
import { requestsYear } from './requests-year.js';
import { addEvent, createRequest } from './requests.service.js';
import { TABLE3_COLUMNS, TABLE3_ROWS, type RequestsYear, type Table3Column } from './table3.js';

const R1 = '一、本年新收政府信息公开申请数量';
const R2 = '二、上年结转政府信息公开申请数量';
const R4 = '四、结转下年度继续办理';
const T7 = '（七）总计';
const DISCLOSED = '（一）予以公开';
const PARTIAL = '（二）部分公开（区分处理的，只计这一情形，不计其他情形）';
const NOT_HELD = '（四）无法提供/1.本机关不掌握相关政府信息';
const THIRD = '（三）不予公开/4.保护第三方合法权益';
const NO_CORR = '（六）其他处理/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请';

type Row = { unit: 'fin' | 'hc'; type: string; received: string | null; events?: Record<string, unknown>[]; submitted?: string };
// Each request and what it contributes to the 2022 report of 区财政局 (fin); hc = 区住建局 (another body).
const rows: (Row & { why: string })[] = [
  { why: 'received 2021, decided 2021: not in 2022 at all', unit: 'fin', type: 'natural', received: '2021-03-01', events: [{ type: 'replied', on: '2021-03-10', outcome: 'disclosed' }] },
  { why: 'received 2021, open on 31 Dec 2021, decided 2022: 二 and 三 (disclosed), on time', unit: 'fin', type: 'natural', received: '2021-12-20', events: [{ type: 'replied', on: '2022-01-10', outcome: 'disclosed' }] },
  { why: 'received 2021, open on 31 Dec 2021 and 2022: 二 and 四', unit: 'fin', type: 'commercial', received: '2021-12-28', events: [{ type: 'consultation_started', on: '2021-12-29' }] },
  { why: 'received 2022, decided 2022 partial, late', unit: 'fin', type: 'commercial', received: '2022-03-01', events: [{ type: 'replied', on: '2022-04-15', outcome: 'partial' }] },
  { why: 'received 2022, decided 2022 withheld (third party), on time', unit: 'fin', type: 'research', received: '2022-05-05', events: [{ type: 'replied', on: '2022-05-10', outcome: 'withheld_art15_third_party' }] },
  { why: 'received 2022, not held', unit: 'fin', type: 'legal_service', received: '2022-06-01', events: [{ type: 'replied', on: '2022-06-02', outcome: 'unable_not_held' }] },
  { why: 'received 2022, no correction', unit: 'fin', type: 'social', received: '2022-07-01', events: [{ type: 'correction_requested', on: '2022-07-05' }, { type: 'replied', on: '2022-08-30', outcome: 'other_no_correction' }] },
  { why: 'received 30 Dec 2022, decided 2023: 一 and 四', unit: 'fin', type: 'other_org', received: '2022-12-30', events: [{ type: 'replied', on: '2023-01-05', outcome: 'disclosed' }] },
  { why: 'waiting for confirmation: nowhere', unit: 'fin', type: 'natural', received: null, submitted: '2022-08-01' },
  { why: 'another body: not in fin\'s figures', unit: 'hc', type: 'natural', received: '2022-03-01', events: [{ type: 'replied', on: '2022-03-02', outcome: 'disclosed' }] },
];

const expected: [string, Table3Column, number][] = [
  [R1, '自然人', 0], [R1, '商业企业', 1], [R1, '科研机构', 1], [R1, '法律服务机构', 1], [R1, '社会公益组织', 1], [R1, '其他', 1], [R1, '总计', 5],
  [R2, '自然人', 1], [R2, '商业企业', 1], [R2, '总计', 2],
  [DISCLOSED, '自然人', 1], [DISCLOSED, '总计', 1],
  [PARTIAL, '商业企业', 1], [THIRD, '科研机构', 1], [NOT_HELD, '法律服务机构', 1], [NO_CORR, '社会公益组织', 1],
  [T7, '总计', 5], [T7, '自然人', 1], [T7, '其他', 0],
  [R4, '商业企业', 1], [R4, '其他', 1], [R4, '总计', 2],
];

describe('requestsYear', () => {
  let h: Harness;
  let fin: number;
  let hc: number;
  let y2022: RequestsYear;
  before(async () => {
    h = await createHarness();
    fin = await h.unitId('区财政局');
    hc = await h.unitId('区住建局');
    for (const r of rows) {
      const created = await createRequest(h.ctx, {
        unit: r.unit === 'fin' ? fin : hc, channel: r.received ? 'in_person' : 'online', ...(r.received ? { receivedOn: r.received } : { submittedOn: r.submitted }),
        applicant: { type: r.type, name: `申请人${r.why.length}` }, description: r.why,
      });
      for (const e of r.events ?? []) await addEvent(h.ctx, created.id, e);
    }
    // Fees: one paid in 2022 (¥100), one paid in 2023, one unpaid.
    const ids = (await h.tdb.db.selectFrom('info_requests').select('id').where('unit_id', '=', fin).orderBy('id').execute()).map((r) => r.id);
    const fee = (request_id: number, amount_yuan: number, paid_on: string | null) => ({ request_id, method: 'per_request', quantity: 11, amount_yuan, noticed_on: '2022-03-02', pay_by: '2022-03-30', paid_on, created_at: '2022-03-02T00:00:00Z' });
    await h.tdb.db.insertInto('info_request_fees').values([fee(ids[3]!, 100, '2022-03-10'), fee(ids[4]!, 200, '2023-01-03'), fee(ids[5]!, 300, null)]).execute();
    // Table 4: filed 2022 — upheld in 2022, corrected only in 2023 (尚未审结 on 31 Dec), pending; filed 2021 (not counted); another body's.
    const appeal = (o: Record<string, unknown>) => createAppeal(h.ctx, { unit: fin, ...o });
    await appeal({ kind: 'review', filedOn: '2022-02-01', result: 'upheld', concludedOn: '2022-04-01' });
    await appeal({ kind: 'review', filedOn: '2022-11-01', result: 'corrected', concludedOn: '2023-02-01' });
    await appeal({ kind: 'litigation_direct', filedOn: '2022-05-01' });
    await appeal({ kind: 'litigation_after_review', filedOn: '2022-06-01', result: 'other', concludedOn: '2022-09-01' });
    await appeal({ kind: 'review', filedOn: '2021-06-01', result: 'upheld', concludedOn: '2021-09-01' });
    await createAppeal(h.ctx, { unit: hc, kind: 'review', filedOn: '2022-02-01' });
    y2022 = await requestsYear(h.tdb.db, { unitIds: [fin] }, 2022);
  });
  after(async () => { await h.close(); });

  for (const [row, col, n] of expected) {
    test(`2022 ${row} × ${col} = ${n}`, () => assert.equal(y2022.table3[row as keyof typeof y2022.table3][col], n));
  }

  test('every other cell of table 3 is zero, and the checks of the format hold per column', () => {
    const named = new Set(expected.map(([r, c]) => `${r}|${c}`));
    const leaves = TABLE3_ROWS.filter((r) => r.startsWith('（') && r !== T7);
    for (const r of TABLE3_ROWS) for (const c of TABLE3_COLUMNS) {
      if (named.has(`${r}|${c}`)) continue;
      const derived = r === T7 || c === '总计' || (leaves.includes(r as never) && expected.some(([er, ec]) => er === r && ec !== '总计'));
      if (!derived) assert.equal(y2022.table3[r][c], 0, `${r} × ${c}`);
    }
    for (const c of TABLE3_COLUMNS) {
      const t = y2022.table3;
      assert.equal(t[R1][c] + t[R2][c], t[T7][c] + t[R4][c], `一 + 二 = 七 + 四 (${c})`);
      assert.equal(t[T7][c], leaves.reduce((s, r) => s + t[r][c], 0), `七 = leaves (${c})`);
    }
    for (const r of TABLE3_ROWS) assert.equal(y2022.table3[r]['总计'], TABLE3_COLUMNS.filter((c) => c !== '总计').reduce((s, c) => s + y2022.table3[r][c], 0), r);
  });

  test('on-time rate, median working days and fees of the year', () => {
    // Decided in 2022: 2021-12-20→2022-01-10 on time; 03-01→04-15 late; 05-05→05-10; 06-01→06-02; no correction (on time).
    assert.equal(y2022.onTimeRate, 4 / 5);
    assert.deepEqual(y2022.fees, { count: 1, amountYuan: 100 });
    // Working days: 12-20→01-10 = 14 (元旦 1/1–3 off); 03-01→04-15 = 31; 05-05→05-10 = 3 (5/7 make-up Saturday counts); 06-01→06-02 = 1; 07-01→08-30 = 43.
    assert.equal(y2022.medianWorkingDays, 14);
  });

  test('table 4 by filing year, result as known on 31 December', () => {
    assert.deepEqual(y2022.table4['行政复议'], { 结果维持: 1, 结果纠正: 0, 其他结果: 0, 尚未审结: 1, 总计: 2 });
    assert.deepEqual(y2022.table4['行政诉讼/未经复议直接起诉'], { 结果维持: 0, 结果纠正: 0, 其他结果: 0, 尚未审结: 1, 总计: 1 });
    assert.deepEqual(y2022.table4['行政诉讼/复议后起诉'], { 结果维持: 0, 结果纠正: 0, 其他结果: 1, 尚未审结: 0, 总计: 1 });
  });

  test('last year\'s 四 is this year\'s 二; a sum of bodies adds up; no bodies gives zeros', async () => {
    const y2023 = await requestsYear(h.tdb.db, { unitIds: [fin] }, 2023);
    for (const c of TABLE3_COLUMNS) assert.equal(y2023.table3[R2][c], y2022.table3[R4][c], c);
    assert.equal(y2023.table3[DISCLOSED]['其他'], 1);
    assert.deepEqual(y2023.fees, { count: 1, amountYuan: 200 });
    const both = await requestsYear(h.tdb.db, { unitIds: [fin, hc, fin] }, 2022);
    assert.deepEqual(both.unitIds, [fin, hc].sort((a, b) => a - b));
    assert.equal(both.table3[R1]['总计'], 6);
    assert.equal(both.table3[DISCLOSED]['自然人'], 2);
    assert.equal(both.table4['行政复议']['总计'], 3);
    const none = await requestsYear(h.tdb.db, { unitIds: [] }, 2022);
    assert.equal(none.table3[T7]['总计'], 0);
    assert.equal(none.onTimeRate, null);
    assert.equal(none.medianWorkingDays, null);
  });
});
