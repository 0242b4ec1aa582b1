import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actionLabel, auditDiff, formatLocal, localDayEndUtc, localDayStartUtc } from './audit-format.js';

test('times read in Beijing time; local days map to UTC instants', () => {
  assert.equal(formatLocal('2026-11-30T16:30:05.000Z'), '2026-12-01 00:30:05');
  assert.equal(localDayStartUtc('2026-12-01'), '2026-11-30T16:00:00.000Z');
  assert.equal(localDayEndUtc('2026-12-01'), '2026-12-01T16:00:00.000Z');
});

test('actions have Chinese names; unknown codes stay visible', () => {
  assert.equal(actionLabel('auth.login_failed'), '登录失败');
  assert.equal(actionLabel('item.publish'), '政府信息：保密审查并签发');
  assert.equal(actionLabel('x.unknown'), 'x.unknown');
});

test('the diff lists only changed fields, with Chinese field names', () => {
  const d = auditDiff('{"displayName":"张三","role":"auditor","disabled":false}', '{"displayName":"张三","role":"admin","disabled":true}');
  assert.deepEqual(d, [{ field: '角色', before: 'auditor', after: 'admin' }, { field: '停用', before: 'false', after: 'true' }]);
  assert.deepEqual(auditDiff(null, '{"name":"区测试局"}'), [{ field: '名称', before: null, after: '区测试局' }]);
  assert.deepEqual(auditDiff(null, null), []);
});
