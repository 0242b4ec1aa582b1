// plan-policy.ts: whose tasks "my tasks" shows, and who sees the plan's edit controls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '../db/schema.js';
import { anonymous, systemActor } from '../lib/context.js';
import { userActor as user } from '../test-support/actors.js';
import { canEditPlan, myTasksUnit } from './plan-policy.js';

const ROLES: Role[] = ['admin', 'auditor', 'unit_operator', 'unit_reviewer'];

test('"my tasks": a unit role always sees its own unit; the area readers the unit they ask for', () => {
  assert.deepEqual(ROLES.map((r) => [myTasksUnit(user(r), 11), myTasksUnit(user(r), undefined)]), [[11, undefined], [11, undefined], [10, 10], [10, 10]]);
  assert.equal(myTasksUnit(systemActor(), 11), 11);
  assert.equal(myTasksUnit(anonymous, 11), 11);
  assert.deepEqual(ROLES.map((r) => canEditPlan(user(r))), [true, false, false, false]);
});
