import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate, formatDateTime } from './time.js';

test('UTC timestamps are shown in Beijing time, dates included', () => {
  assert.equal(formatDateTime('2026-12-01T15:27:09.123Z'), '2026-12-01 23:27');
  assert.equal(formatDateTime('2026-12-01T16:27:09.123Z', { seconds: true }), '2026-12-02 00:27:09');
  // Just after midnight in Beijing is still the previous day in UTC.
  assert.equal(formatDate('2026-12-01T16:30:00Z'), '2026-12-02');
  assert.equal(formatDate('2026-12-01'), '2026-12-01');
  assert.equal(formatDateTime('2026-06-30T23:59:00Z', { zone: 'UTC' }), '2026-06-30 23:59');
  assert.equal(formatDateTime(null), '');
});
