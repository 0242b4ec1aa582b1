// Strict numbers (issue 17): the report year is a year only when written as plain digits (or a JSON number).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../lib/errors.js';
import { parseYear } from './report.service.js';

test('parseYear takes "2022", " 2022 " and 2022; refuses "0x7e6", [2022], "2022.0", "2e3" with the year field', () => {
  assert.deepEqual(['2022', ' 2022 ', 2022].map((y) => parseYear(y)), [2022, 2022, 2022]);
  for (const bad of ['0x7e6', [2022], ['2022'], '2022.0', '2e3', '', undefined]) {
    assert.throws(() => parseYear(bad), (e: unknown) => e instanceof AppError && e.kind === 'invalid' && /年份/.test(e.fields.year ?? ''), JSON.stringify(bad));
  }
});
