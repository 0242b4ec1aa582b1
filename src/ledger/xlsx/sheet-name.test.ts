import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sanitiseSheetName, uniqueSheetNames } from './sheet-name.js';

test('forbidden characters become underscores, edge apostrophes go', () => {
  assert.equal(sanitiseSheetName('a\\b/c?d*e[f]g:h'), 'a_b_c_d_e_f_g_h');
  assert.equal(sanitiseSheetName("'区财政局'"), '区财政局');
});

test('names are cut to 31 characters without splitting a surrogate pair', () => {
  assert.equal(sanitiseSheetName('区'.repeat(40)).length, 31);
  const withEmoji = `${'a'.repeat(30)}😀`;
  assert.equal(sanitiseSheetName(withEmoji), 'a'.repeat(30));
});

test('empty and reserved names get a usable replacement', () => {
  assert.equal(sanitiseSheetName('   '), '未命名单位');
  assert.equal(sanitiseSheetName('history'), 'history_');
});

test('duplicates (case-insensitive) are numbered and stay within 31 characters', () => {
  const long = '区'.repeat(40);
  assert.deepEqual(uniqueSheetNames(['Unit', 'unit', 'UNIT']), ['Unit', 'unit(2)', 'UNIT(3)']);
  const [a, b] = uniqueSheetNames([long, long]);
  assert.equal(a.length, 31);
  assert.equal(b, `${'区'.repeat(28)}(2)`);
});
