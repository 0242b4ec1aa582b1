// token-policy.ts: who may issue tokens for whom, and whose tokens a listing shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anonymous, systemActor } from '../lib/context.js';
import { outcome, userActor as user } from '../test-support/actors.js';
import { requireTokenHolderVisible, requireTokenIssuer, tokenListScope } from './token-policy.js';

test('users issue tokens for themselves, admins and the CLI for anyone; anonymous callers get 401', () => {
  const op = user('unit_operator');
  assert.equal(outcome(() => requireTokenIssuer(op, 'unit_operator-10')), 'ok');
  assert.equal(outcome(() => requireTokenIssuer(op, 'someone')), '403 只能为自己创建访问令牌');
  assert.equal(outcome(() => requireTokenIssuer(user('auditor'), 'someone')), '403 只能为自己创建访问令牌');
  assert.equal(outcome(() => requireTokenIssuer(user('admin'), 'someone')), 'ok');
  assert.equal(outcome(() => requireTokenIssuer(systemActor(), 'someone')), 'ok');
  assert.equal(outcome(() => requireTokenIssuer(anonymous, 'someone')), '401');
});

test('an admin does not see users of another area (404); the area itself and its units are visible', () => {
  assert.equal(outcome(() => requireTokenHolderVisible(user('admin'), { unit_id: 10, area_id: 1 })), 'ok');
  assert.equal(outcome(() => requireTokenHolderVisible(user('admin'), { unit_id: 1, area_id: 1 })), 'ok');
  assert.equal(outcome(() => requireTokenHolderVisible(user('admin'), { unit_id: 1, area_id: null })), 'ok');
  assert.equal(outcome(() => requireTokenHolderVisible(user('admin'), { unit_id: 50, area_id: 2 })), '404');
  assert.equal(outcome(() => requireTokenHolderVisible(systemActor(), { unit_id: 50, area_id: 2 })), 'ok');
});

test('listings: own tokens for users (and admins asking for their own), the area for admins, anything for the CLI', () => {
  const idOf = (a: ReturnType<typeof user>) => (a.kind === 'user' ? a.userId : 0);
  const admin = user('admin');
  const adminId = idOf(admin);
  assert.deepEqual(tokenListScope(user('unit_reviewer')), { kind: 'own', userId: idOf(user('unit_reviewer')) });
  assert.deepEqual(tokenListScope(admin), { kind: 'area', areaId: 1 });
  assert.deepEqual(tokenListScope(admin, { userId: adminId }), { kind: 'own', userId: adminId });
  assert.deepEqual(tokenListScope(systemActor(), { userId: 7 }), { kind: 'any', userId: 7 });
  assert.equal(outcome(() => tokenListScope(anonymous)), '401');
});
