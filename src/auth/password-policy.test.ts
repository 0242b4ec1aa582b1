import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCommonPassword, passwordProblem } from './password-policy.js';
import { generatePassword } from './passwords.js';

test('at least 12 characters from three classes, without the username, not common', () => {
  assert.match(passwordProblem('Ab1-short')!, /至少需要12个字符/);
  assert.match(passwordProblem('alllowercaseletters')!, /至少三类/);
  assert.match(passwordProblem('lowercase-only-and-dash')!, /至少三类/); // two classes
  assert.equal(passwordProblem('Lowercase-and-Upper'), null); // lower, upper, symbol
  assert.match(passwordProblem('Zhang.San-2026x', 'zhang.san')!, /不能包含用户名/);
  assert.match(passwordProblem('P@ssw0rd123456!')!, /过于常见/);
  assert.match(passwordProblem('Admin@20262026')!, /过于常见/);
  assert.equal(passwordProblem('Correct-Horse-Battery-42', 't_admin'), null);
  assert.match(passwordProblem('Abcdefgh123\u0007')!, /控制字符/);
});

test('the common list catches l33t spellings and trailing digits', () => {
  for (const p of ['Password123', 'P@ssw0rd', 'qwerty123456', 'Woaini1314!!', 'Admin@123', 'ZAQ12WSX']) assert.ok(isCommonPassword(p), p);
  assert.equal(isCommonPassword('Vq7-Lm2k-Rt9x-Hp4'), false);
});

test('generated passwords always meet the policy (and keep the 4×4 shape)', () => {
  for (let i = 0; i < 300; i++) {
    const p = generatePassword();
    assert.match(p, /^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
    assert.equal(passwordProblem(p, 'admin'), null, p);
  }
});
