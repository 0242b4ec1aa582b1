// The shared role predicates of auth/policy.ts that the modules' policy files and the menu build on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '../db/schema.js';
import { anonymous, systemActor } from '../lib/context.js';
import { userActor as user } from '../test-support/actors.js';
import { hasRole, isAdminRole, isAdminUser, isAreaReader, isAreaRole, isAuditorUser, isUnitReviewerUser, roleNeedsTotp } from './policy.js';

const ROLES: Role[] = ['admin', 'auditor', 'unit_operator', 'unit_reviewer'];

test('actor predicates: each role, the system actor and anonymous callers', () => {
  const row = (a: Parameters<typeof isAdminUser>[0]) => [isAdminUser(a), isAuditorUser(a), isUnitReviewerUser(a), isAreaReader(a), hasRole(a, ['unit_operator', 'auditor'])];
  assert.deepEqual(ROLES.map((r) => row(user(r))), [
    [true, false, false, true, false], [false, true, false, true, true], [false, false, false, false, true], [false, false, true, false, false],
  ]);
  assert.deepEqual(row(systemActor()), [false, false, false, true, false]);
  assert.deepEqual(row(anonymous), [false, false, false, false, false]);
});

test('record predicates: the admin role, roles bound to the area, roles that need a second factor', () => {
  assert.deepEqual(ROLES.map((r) => [isAdminRole(r), isAreaRole(r), roleNeedsTotp(r)]), [
    [true, true, true], [false, true, false], [false, false, false], [false, false, true],
  ]);
});
