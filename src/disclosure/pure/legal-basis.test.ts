import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  WITHHELD_BASES,
  WITHHELD_BASIS_CODES,
  withheldBasis,
  withheldBasisCodeSchema,
} from './legal-basis.js';

test('every code has exactly one basis, in report row order', () => {
  assert.deepEqual(WITHHELD_BASES.map((b) => b.code), [...WITHHELD_BASIS_CODES]);
  assert.deepEqual(WITHHELD_BASES.map((b) => b.reportIndex), [1, 2, 3, 4, 5, 6, 7, 8]);
});

test('row labels match the annual report table 3 block （三）', () => {
  assert.deepEqual(WITHHELD_BASES.map((b) => b.reportRowLabel), [
    '（三）1.属于国家秘密',
    '（三）2.其他法律行政法规禁止公开',
    '（三）3.危及“三安全一稳定”',
    '（三）4.保护第三方合法权益',
    '（三）5.属于三类内部事务信息',
    '（三）6.属于四类过程性信息',
    '（三）7.属于行政执法案卷',
    '（三）8.属于行政查询事项',
  ]);
  for (const b of WITHHELD_BASES) assert.ok(b.reportRowLabel.startsWith(`（三）${b.reportIndex}.`));
});

test('articles follow the regulation', () => {
  assert.equal(withheldBasis('art14_state_secret').articleNumber, 14);
  assert.equal(withheldBasis('art14_three_safety_one_stability').article, '第十四条');
  assert.equal(withheldBasis('art15_third_party').articleNumber, 15);
  assert.equal(withheldBasis('art16_internal_affairs').article, '第十六条第一款');
  assert.equal(withheldBasis('art16_process_info').article, '第十六条第二款');
  assert.equal(withheldBasis('art16_enforcement_file').article, '第十六条第二款');
  assert.equal(withheldBasis('admin_query').articleNumber, 36);
});

test('zod enum accepts the codes and rejects others', () => {
  for (const code of WITHHELD_BASIS_CODES) assert.equal(withheldBasisCodeSchema.parse(code), code);
  assert.equal(withheldBasisCodeSchema.safeParse('art17_other').success, false);
  assert.equal(withheldBasisCodeSchema.safeParse('').success, false);
  assert.equal(withheldBasisCodeSchema.safeParse(14).success, false);
});
