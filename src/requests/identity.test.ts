import { test } from 'node:test';
import assert from 'node:assert/strict';
import { creditCodeProblem, residentIdProblem } from './identity.js';

const ids: [string, RegExp | null][] = [
  ['11010519491231002X', null], // the example of GB 11643
  ['11010519491231002x', null],
  ['110105194912310021', /校验位/],
  ['110105194902300021', /出生日期/],
  ['110105491231002', /18位/],
  ['11010519491231002', /18位/],
  ['01010519491231002X', /地址码/],
  ['1101051949123100AX', /18位/],
];
for (const [id, problem] of ids) {
  test(`居民身份证 ${id}: ${problem ?? 'valid'}`, () => {
    const p = residentIdProblem(id);
    if (problem) assert.match(p ?? '', problem);
    else assert.equal(p, null);
  });
}

const codes: [string, RegExp | null][] = [
  ['91350100M000100Y43', null], // the example of GB 32100
  ['91350100m000100y43', null],
  ['91350100M000100Y44', /校验位/],
  ['91350100M000100Y4', /18位/],
  ['91350100M0001O0Y43', /不含 I、O、S、V、Z/],
];
for (const [code, problem] of codes) {
  test(`统一社会信用代码 ${code}: ${problem ?? 'valid'}`, () => {
    const p = creditCodeProblem(code);
    if (problem) assert.match(p ?? '', problem);
    else assert.equal(p, null);
  });
}
