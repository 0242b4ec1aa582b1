// 信息处理费: the pure fee function, table-tested against 国办函〔2020〕109号.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeFee, describeFee } from './fee.js';

const perRequest: [number, number][] = [
  [1, 0], [10, 0], [11, 100], [20, 100], [30, 100], [31, 200], [40, 200], [41, 300], [50, 300], [51, 400], [65, 500],
];
for (const [n, yuan] of perRequest) {
  test(`按件: the ${n}th request of the month costs ¥${yuan}`, () => assert.equal(computeFee('per_request', n).amountYuan, yuan));
}

const perVolume: [number, number][] = [
  [1, 0], [30, 0], [31, 10], [100, 700], [101, 720], [150, 1700], [200, 2700], [201, 2740], [250, 4700],
];
for (const [pages, yuan] of perVolume) {
  test(`按量: ${pages} pages cost ¥${yuan} (charged in parts)`, () => assert.equal(computeFee('per_volume', pages).amountYuan, yuan));
}

test('bands are listed for the notice', () => {
  const f = computeFee('per_volume', 250);
  assert.deepEqual(f.bands.map((b) => [b.from, b.to, b.units, b.rateYuan, b.subtotalYuan]), [[1, 30, 30, 0, 0], [31, 100, 70, 10, 700], [101, 200, 100, 20, 2000], [201, null, 50, 40, 2000]]);
  assert.match(describeFee(f).join('\n'), /第201页及以上：50页 × 40元\/页 = 2000元/);
  const r = computeFee('per_request', 37);
  assert.deepEqual([r.bands[0]!.from, r.bands[0]!.to], [31, 40]);
  assert.match(describeFee(r)[0]!, /第37件申请（第31—40件档），收费标准200元\/件/);
  assert.match(describeFee(computeFee('per_request', 3))[0]!, /不收费/);
});

test('nonsense quantities are refused', () => {
  for (const q of [0, -1, 1.5, Number.NaN]) assert.throws(() => computeFee('per_volume', q), RangeError);
});
