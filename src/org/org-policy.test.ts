// org-policy.ts: which role fits which unit, who sees which units, and the admin's self-lockout guard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '../db/schema.js';
import { anonymous, systemActor } from '../lib/context.js';
import { userActor as user } from '../test-support/actors.js';
import { canManageOrg, isSelfLockout, roleUnitProblem, visibleUnits } from './org-policy.js';

const ROLES: Role[] = ['admin', 'auditor', 'unit_operator', 'unit_reviewer'];

test('admins and auditors belong to the area itself, unit roles to one unit', () => {
  assert.deepEqual(ROLES.map((r) => [roleUnitProblem(r, true), roleUnitProblem(r, false)]), [
    [null, '管理员和审计员应属于区（行政区划）本身'], [null, '管理员和审计员应属于区（行政区划）本身'],
    ['联络员和审核人必须绑定到一个具体单位', null], ['联络员和审核人必须绑定到一个具体单位', null],
  ]);
});

test('unit lists: the whole area to admins, auditors, the CLI; the own unit to unit roles', () => {
  const units = [{ id: 1, area_id: 1 }, { id: 10, area_id: 1 }, { id: 11, area_id: 1 }];
  assert.deepEqual(ROLES.map((r) => visibleUnits(user(r), units).map((u) => u.id)), [[1, 10, 11], [1, 10, 11], [10], [10]]);
  assert.deepEqual(visibleUnits(systemActor(), units).map((u) => u.id), [1, 10, 11]);
  assert.deepEqual(visibleUnits(anonymous, units).map((u) => u.id), [1, 10, 11]);
  assert.deepEqual(ROLES.map((r) => canManageOrg(user(r))), [true, false, false, false]);
  assert.equal(canManageOrg(systemActor()), false);
});

test('an admin may not demote or disable themselves; others may be changed freely', () => {
  const me = user('admin');
  const myId = me.kind === 'user' ? me.userId : 0;
  assert.equal(isSelfLockout(me, myId, { role: 'auditor' }), true);
  assert.equal(isSelfLockout(me, myId, { role: 'admin', disabled: true }), true);
  assert.equal(isSelfLockout(me, myId, { role: 'admin', disabled: false }), false);
  assert.equal(isSelfLockout(me, myId + 1, { role: 'auditor', disabled: true }), false);
  assert.equal(isSelfLockout(systemActor(), myId, { role: 'auditor' }), false);
});
