// Drafting and listing rules of item-policy.ts: which unit a draft belongs to, which units the form offers, which
// unit a listing is limited to — for every role, the CLI and anonymous callers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '../db/schema.js';
import { anonymous, systemActor } from '../lib/context.js';
import { outcome, userActor as user } from '../test-support/actors.js';
import { canChooseDraftUnit, canDraftItems, canManageCategories, draftableUnitsOf, draftUnitId, listingUnit, requireDrafter } from './item-policy.js';

const ROLES: Role[] = ['admin', 'auditor', 'unit_operator', 'unit_reviewer'];
const units = [{ id: 1 }, { id: 10 }, { id: 11 }];

test('the unit of a new draft: own unit for unit roles (403 for another), the admin’s choice or the district, the CLI’s choice', () => {
  assert.equal(draftUnitId(user('unit_operator'), undefined), 10);
  assert.equal(draftUnitId(user('unit_reviewer'), 10), 10);
  assert.equal(outcome(() => draftUnitId(user('unit_operator'), 11)), '403 只能为本单位录入政府信息');
  assert.equal(draftUnitId(user('admin'), 11), 11);
  assert.equal(draftUnitId(user('admin'), undefined), 1);
  assert.equal(outcome(() => draftUnitId(user('auditor'), undefined)), '403 审计员只能查看，不能修改');
  assert.equal(draftUnitId(systemActor(), 11), 11);
  assert.equal(draftUnitId(systemActor(), undefined), undefined);
});

test('who may draft at all, and what the form offers', () => {
  assert.deepEqual(ROLES.map((r) => outcome(() => requireDrafter(user(r)))), ['ok', '403 审计员只能查看，不能修改', 'ok', 'ok']);
  assert.equal(outcome(() => requireDrafter(anonymous)), '401');
  assert.equal(outcome(() => requireDrafter(systemActor())), 'ok');
  assert.deepEqual(ROLES.map((r) => [canDraftItems(user(r)), canChooseDraftUnit(user(r)), canManageCategories(user(r))]),
    [[true, true, true], [false, false, false], [true, false, false], [true, false, false]]);
  assert.deepEqual(ROLES.map((r) => draftableUnitsOf(user(r), units).map((u) => u.id)), [[1, 10, 11], [], [10], [10]]);
  assert.deepEqual(draftableUnitsOf(systemActor(), units).map((u) => u.id), [1, 10, 11]);
});

test('listings: the whole area for the admin, the auditor and the CLI, the own unit otherwise', () => {
  assert.deepEqual(ROLES.map((r) => listingUnit(user(r))), [undefined, undefined, 10, 10]);
  assert.equal(listingUnit(user('unit_operator', 11)), 11);
  assert.equal(listingUnit(systemActor()), undefined);
});
