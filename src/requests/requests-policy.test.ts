// The requests policy: 404 for what the actor may not read, 403 for what they may read but not change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../lib/context.js';
import { AppError } from '../lib/errors.js';
import { canHandBack, canReadRequest, canWriteRequest, intakeUnits, requireHandBack, requireOffice, requireReadableRequest, requireRequestWriter, seesWholeArea } from './requests-policy.js';

const user = (role: 'admin' | 'auditor' | 'unit_operator' | 'unit_reviewer', unitId: number, areaId = 1): Actor =>
  ({ kind: 'user', userId: 9, username: role, name: role, role, unitId, areaId } as Actor);
const admin = user('admin', 1), auditor = user('auditor', 1), op = user('unit_operator', 5), other = user('unit_operator', 6), foreignAdmin = user('admin', 2, 2);
const sys: Actor = { kind: 'system', label: 'cli' } as Actor;
const anon: Actor = { kind: 'anonymous' } as Actor;
const row = { area_id: 1, unit_id: 5, handling_unit_id: 7 };
const status = (fn: () => unknown) => { try { fn(); return 0; } catch (e) { return (e as AppError).status; } };

test('reading: the office and auditors of the area, the addressed and the handling unit; others get 404', () => {
  for (const a of [admin, auditor, op, user('unit_reviewer', 7), sys]) assert.ok(canReadRequest(a, row));
  for (const a of [other, foreignAdmin, anon]) {
    assert.ok(!canReadRequest(a, row));
    assert.equal(status(() => requireReadableRequest(a, row)), 404);
  }
  assert.equal(status(() => requireReadableRequest(admin, undefined)), 404);
});

test('writing: the auditor reads but may not change (403); another area\'s admin and another unit are refused; anonymous 401', () => {
  assert.equal(status(() => requireRequestWriter(admin, 1, [5, 7])), 0);
  assert.equal(status(() => requireRequestWriter(op, 1, [5, 7])), 0);
  assert.equal(status(() => requireRequestWriter(sys, 1, [5])), 0);
  assert.equal(status(() => requireRequestWriter(auditor, 1, [5, 7])), 403);
  assert.equal(status(() => requireRequestWriter(other, 1, [5, 7])), 403);
  assert.equal(status(() => requireRequestWriter(foreignAdmin, 1, [5])), 403);
  assert.equal(status(() => requireRequestWriter(anon, 1, [5])), 401);
  assert.ok(canWriteRequest(op, row) && !canWriteRequest(auditor, row) && !canWriteRequest(sys, row));
});

test('office-only actions, hand-back, area-wide lists and intake units', () => {
  assert.equal(status(() => requireOffice(admin, 'x')), 0);
  assert.equal(status(() => requireOffice(sys, 'x')), 0);
  assert.equal(status(() => requireOffice(op, 'x')), 403);
  assert.equal(status(() => requireOffice(auditor, 'x')), 403);
  assert.equal(status(() => requireOffice(anon, 'x')), 401);
  assert.equal(status(() => requireHandBack(user('unit_reviewer', 7), row)), 0);
  assert.equal(status(() => requireHandBack(op, row)), 403, 'the addressed unit is not the handling unit');
  assert.equal(status(() => requireHandBack(auditor, row)), 403);
  assert.ok(canHandBack(user('unit_operator', 7), row) && !canHandBack(admin, row) && !canHandBack(op, row));
  assert.ok(seesWholeArea(admin) && seesWholeArea(auditor) && seesWholeArea(sys) && !seesWholeArea(op));
  const units = [{ id: 1 }, { id: 5 }, { id: 6 }];
  assert.deepEqual(intakeUnits(op, units), [{ id: 5 }]);
  assert.deepEqual(intakeUnits(admin, units), units);
});
