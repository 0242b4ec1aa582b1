import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addYears, bodyInputToHtml, defaultDisclosureDays, formatIndexNo, needsInterpretation, timeliness } from './item-rules.js';

test('索引号: unit code, year and a five-digit serial', () => {
  assert.equal(formatIndexNo('370305005', 2026, 12), '370305005-2026-00012');
  assert.equal(formatIndexNo('370305005', 2026, 123456), '370305005-2026-123456');
});

test('disclosure period: 20 working days, 7 for 行政处罚 by type or by catalog', () => {
  assert.equal(defaultDisclosureDays('general', 'czyjs-ys'), 20);
  assert.equal(defaultDisclosureDays('penalty', 'qt'), 7);
  assert.equal(defaultDisclosureDays('general', 'xzzf-cf'), 7);
});

test('timeliness: on the due date is on time; the day after is late; unpublished items are pending or overdue', () => {
  const base = { attribute: 'proactive' as const, due_date: '2022-06-29' };
  assert.equal(timeliness({ ...base, status: 'published', published_on: '2022-06-29' }, '2022-07-30'), 'on_time');
  assert.equal(timeliness({ ...base, status: 'published', published_on: '2022-06-30' }, '2022-07-30'), 'late');
  assert.equal(timeliness({ ...base, status: 'draft', published_on: null }, '2022-06-29'), 'pending');
  assert.equal(timeliness({ ...base, status: 'submitted', published_on: null }, '2022-06-30'), 'overdue');
  assert.equal(timeliness({ ...base, status: 'withdrawn', published_on: '2022-06-01' }, '2022-06-30'), 'none');
  assert.equal(timeliness({ ...base, attribute: 'withheld', status: 'draft', published_on: null }, '2022-07-30'), 'none');
  assert.equal(timeliness({ ...base, due_date: null, status: 'draft', published_on: null }, '2022-07-30'), 'none');
});

test('re-review a year later; 29 February falls back to 28 February', () => {
  assert.equal(addYears('2026-03-01', 1), '2027-03-01');
  assert.equal(addYears('2024-02-29', 1), '2025-02-28');
  assert.equal(addYears('2024-02-29', 4), '2028-02-29');
});

test('plain-text bodies become escaped paragraphs; HTML is passed on for sanitising', () => {
  assert.equal(bodyInputToHtml('第一段\n续行\n\n第二段 a<b & "x"'), '<p>第一段<br>续行</p><p>第二段 a&lt;b &amp; &quot;x&quot;</p>');
  assert.equal(bodyInputToHtml('<p>已是HTML</p>'), '<p>已是HTML</p>');
  assert.equal(bodyInputToHtml('1 < 2 且 3 > 2'), '<p>1 &lt; 2 且 3 &gt; 2</p>');
});

test('normative documents always need an interpretation; policy documents when flagged', () => {
  assert.equal(needsInterpretation({ item_type: 'normative', needs_interpretation: 0 }), true);
  assert.equal(needsInterpretation({ item_type: 'policy', needs_interpretation: 1 }), true);
  assert.equal(needsInterpretation({ item_type: 'policy', needs_interpretation: 0 }), false);
  assert.equal(needsInterpretation({ item_type: 'general', needs_interpretation: 1 }), false);
});

test('statutoryDueDate: the one due-date rule for proactive items, interpretations and non-proactive items', async () => {
  const { statutoryDueDate } = await import('./item-rules.js');
  const cal = { addWorkingDays: (from: string, days: number) => `${from}+${days}` };
  assert.equal(statutoryDueDate(cal, { attribute: 'proactive', item_type: 'general', formed_on: '2022-03-01', disclosure_days: 20 }), '2022-03-01+20');
  assert.equal(statutoryDueDate(cal, { attribute: 'proactive', item_type: 'penalty', formed_on: '2022-03-01', disclosure_days: 7 }), '2022-03-01+7');
  assert.equal(statutoryDueDate(cal, { attribute: 'on_request', item_type: 'general', formed_on: '2022-03-01', disclosure_days: 20 }), null);
  const interp = { attribute: 'proactive', item_type: 'interpretation', formed_on: '2022-03-01', disclosure_days: 3 } as const;
  assert.equal(statutoryDueDate(cal, interp, { status: 'draft', published_on: null }), null);
  assert.equal(statutoryDueDate(cal, interp, { status: 'published', published_on: '2022-04-06' }), '2022-04-06+3');
});
