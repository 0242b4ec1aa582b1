// The register's filter parameters are read strictly (COMMON "Strict numbers"): what z.coerce.number
// accepted — `0x10`, `1e1`, ` 2`, `[2]` — is refused with a Chinese message instead of being read as a number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../lib/errors.js';
import { parseFilter } from './console.service.js';

test('plain digits are numbers; blank parameters are absent', () => {
  assert.deepEqual(parseFilter({ page: '2', unit: '17', year: '2022', state: '', q: '' }), { page: 2, unit: 17, year: 2022 });
  assert.deepEqual(parseFilter({}), {});
});

test('hex, exponent, padded, fractional and array values are refused, not coerced', () => {
  for (const [k, v] of [['page', '0x10'], ['page', '1e1'], ['page', ' 2'], ['page', '2.0'], ['unit', [17]], ['unit', ['17']], ['year', '2e3'], ['year', true], ['page', '0'], ['year', '1999']] as const) {
    assert.throws(() => parseFilter({ [k]: v }), (err: unknown) => err instanceof AppError && err.code === 'validation_failed' && err.fields[k] === '筛选条件无效', `${k}=${JSON.stringify(v)}`);
  }
});
