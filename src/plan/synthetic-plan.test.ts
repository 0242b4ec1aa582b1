import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { generateSyntheticPlan } from './synthetic-plan.js';
import { parsePlanText } from './plan-text-parser.js';

test('the parser recovers every synthetic plan exactly, whatever its layout and wrapping', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 120 }), (seed, count) => {
      const { text, tasks } = generateSyntheticPlan(count, seed);
      const parsed = parsePlanText(text);
      assert.deepEqual(parsed.tasks, tasks);
      assert.deepEqual(parsed.warnings, []);
    }),
    { numRuns: 150 },
  );
});

test('a 1000-task synthetic plan parses in full, with its metadata and annexes', () => {
  const { text, tasks } = generateSyntheticPlan(1000, 7);
  const parsed = parsePlanText(text);
  assert.equal(parsed.tasks.length, 1000);
  assert.deepEqual(parsed.tasks, tasks);
  assert.equal(parsed.plan.docNumber, '临政办字〔2022〕99号');
  assert.equal(parsed.leadDuties.length, 1);
  assert.equal(parsed.ledgerColumns.length, 6);
});
