// requestsYear's median from a histogram (value → count) is the median of the expanded list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { median, medianOfCounts } from './requests-year.js';

test('medianOfCounts equals median over the expanded values (odd, even, one value, empty)', () => {
  let seed = 7;
  const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
  for (let run = 0; run < 200; run++) {
    const values = Array.from({ length: 1 + Math.floor(rand() * 40) }, () => Math.floor(rand() * 30));
    const counts = new Map<number, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    assert.equal(medianOfCounts(counts), median(values), JSON.stringify(values));
  }
  assert.equal(medianOfCounts(new Map([[5, 1]])), 5);
  assert.equal(medianOfCounts(new Map([[1, 1], [4, 1]])), 2.5);
  assert.equal(medianOfCounts(new Map()), null);
});
