// The ledger policy as pure decisions: who reads (404 otherwise), who may change what in which state (403/409).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../lib/context.js';
import { systemActor } from '../lib/context.js';
import { AppError } from '../lib/errors.js';
import {
  ledgerAccess, ledgerCreationUnit, readsWholeArea, requireAccept, requireContentEdit, requireDistrictReader, requireRectificationWriter, requireReturn,
  requireSubmit, showRequestReview, type Ledger,
} from './ledger-policy.js';

const user = (role: 'admin' | 'auditor' | 'unit_operator' | 'unit_reviewer', unitId: number, areaId = 1): Actor =>
  ({ kind: 'user', userId: unitId * 10, username: `u${unitId}`, name: 'x', role, unitId, areaId }) as Actor;
const ledger = (status: Ledger['status']): Ledger => ({
  id: 7, plan_id: 1, unit_id: 5, area_id: 1, status, version: 1, revision: 0,
  first_submitted_at: null, submitted_at: null, accepted_at: null, returned_at: null, created_at: '', updated_at: '',
});
const none = async () => new Set<number>();
const kind = (f: () => unknown) => { try { f(); return 'ok'; } catch (e) { return e instanceof AppError ? e.kind : 'other'; } };
const akind = async (p: Promise<unknown>) => { try { await p; return 'ok'; } catch (e) { return e instanceof AppError ? e.kind : 'other'; } };

test('a ledger of another unit or area does not exist for unit users; a lead department sees only its tasks', async () => {
  assert.equal(await akind(ledgerAccess(user('unit_operator', 6), ledger('draft'), none)), 'not_found');
  assert.equal(await akind(ledgerAccess(user('admin', 1, 2), ledger('draft'), none)), 'not_found', 'another area');
  const lead = await ledgerAccess(user('unit_operator', 6), ledger('draft'), async () => new Set([3]));
  assert.equal(lead.mode, 'lead');
  assert.deepEqual([...lead.visibleTasks!], [3]);
  assert.equal(lead.guide, true);
  assert.equal(kind(() => requireContentEdit(lead)), 'forbidden');
});

test('operator fills in, reviewer submits, the office decides, the auditor only reads', async () => {
  const op = await ledgerAccess(user('unit_operator', 5), ledger('draft'), none);
  assert.equal(kind(() => requireContentEdit(op)), 'ok');
  assert.equal(showRequestReview(op), true);
  assert.equal(kind(() => requireSubmit(op)), 'forbidden');
  const rv = await ledgerAccess(user('unit_reviewer', 5), ledger('review'), none);
  assert.equal(kind(() => requireSubmit(rv)), 'ok');
  assert.equal(showRequestReview(rv), false);
  const locked = await ledgerAccess(user('unit_operator', 5), ledger('submitted'), none);
  assert.equal(kind(() => requireContentEdit(locked)), 'conflict');
  const office = await ledgerAccess(user('admin', 1), ledger('submitted'), none);
  assert.equal(kind(() => requireAccept(office)), 'ok');
  assert.equal(kind(() => requireReturn(office)), 'ok');
  assert.equal(kind(() => requireContentEdit(office)), 'forbidden');
  const officeEarly = await ledgerAccess(user('admin', 1), ledger('draft'), none);
  assert.equal(kind(() => requireAccept(officeEarly)), 'conflict');
  const auditor = await ledgerAccess(user('auditor', 1), ledger('submitted'), none);
  assert.equal(auditor.mode, 'auditor');
  assert.equal(kind(() => requireAccept(auditor)), 'forbidden');
  const sys = await ledgerAccess(systemActor(), ledger('submitted'), none);
  assert.equal(kind(() => requireAccept(sys)), 'ok');
});

test('coarse questions: the district list, creating a ledger, rectifications', () => {
  assert.equal(readsWholeArea(user('auditor', 1)), true);
  assert.equal(readsWholeArea(user('unit_reviewer', 5)), false);
  assert.equal(kind(() => requireDistrictReader(user('unit_operator', 5))), 'forbidden');
  assert.equal(kind(() => requireDistrictReader(systemActor())), 'ok');
  assert.equal(ledgerCreationUnit(user('unit_operator', 5), undefined), 5);
  assert.equal(kind(() => ledgerCreationUnit(user('unit_operator', 5), 6)), 'forbidden');
  assert.equal(kind(() => ledgerCreationUnit(user('admin', 1), undefined)), 'invalid');
  assert.equal(ledgerCreationUnit(user('admin', 1), 6), 6);
  assert.equal(kind(() => ledgerCreationUnit(user('auditor', 1), 6)), 'forbidden');
  const r = { area_id: 1, unit_id: 5 };
  assert.equal(kind(() => requireRectificationWriter(user('unit_operator', 5), r)), 'ok');
  assert.equal(kind(() => requireRectificationWriter(user('unit_operator', 6), r)), 'not_found');
  assert.equal(kind(() => requireRectificationWriter(user('admin', 1), r)), 'forbidden');
});
