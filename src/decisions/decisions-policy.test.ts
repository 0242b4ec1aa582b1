// The decisions module's authorisation: every role comparison lives in decisions-policy.ts (a scan of the
// module's other source files), and the predicates say 404 for what an actor may not read, 403 for what
// they may read but not change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Role } from '../db/schema.js';
import { anonymous, systemActor, type Actor } from '../lib/context.js';
import * as pol from './decisions-policy.js';

const here = dirname(fileURLToPath(import.meta.url));
const user = (role: Role, unitId = 10, areaId = 1): Actor => ({ kind: 'user', userId: 1, username: 'u', name: 'u', role, unitId, areaId });
const status = (fn: () => void): number | 'ok' => {
  try { fn(); return 'ok'; } catch (e) { return (e as { status: number }).status; }
};

test('no role comparison outside decisions-policy.ts in src/decisions', () => {
  const roleCheck = /\.role\s*[!=]==|\brole\s*[!=]==|\broles?\.includes\(|\[['"]role['"]\]/;
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && e.name !== 'decisions-policy.ts') {
        readFileSync(p, 'utf8').split('\n').forEach((line, i) => { if (roleCheck.test(line)) offenders.push(`${p}:${i + 1}: ${line.trim()}`); });
      }
    }
  };
  walk(here);
  assert.deepEqual(offenders, []);
});

test('consultations: the unit reads and manages its own, the auditor only reads, another unit gets 404', () => {
  const c = { area_id: 1, unit_id: 10 };
  assert.equal(status(() => pol.requireConsultationReader(user('unit_operator'), c)), 'ok');
  assert.equal(status(() => pol.requireConsultationManager(user('unit_reviewer'), c)), 'ok');
  assert.equal(status(() => pol.requireConsultationReader(user('auditor', 99), c)), 'ok');
  assert.equal(status(() => pol.requireConsultationManager(user('auditor', 99), c)), 403);
  assert.equal(status(() => pol.requireConsultationReader(user('unit_operator', 11), c)), 404);
  assert.equal(status(() => pol.requireConsultationReader(user('admin', 99, 2), c)), 404, 'another area');
  assert.equal(status(() => pol.requireConsultationReader(anonymous, c)), 401);
  assert.equal(status(() => pol.requireConsultationManager(systemActor(), c)), 'ok');
});

test('列席 and 开放日: meetings are the area admin\'s; open days the host unit\'s; lists narrowed for unit roles', () => {
  const m = { area_id: 1 };
  assert.equal(status(() => pol.requireMeetingManager(user('admin', 99), m)), 'ok');
  assert.equal(status(() => pol.requireMeetingManager(user('admin', 99, 2), m)), 404);
  assert.equal(status(() => pol.requireMeetingManager(user('unit_operator'), m)), 403);
  assert.equal(status(() => pol.requireMeetingReader(user('unit_operator'), m)), 404);
  assert.equal(status(() => pol.requireMeetingReader(user('auditor', 99), m)), 'ok');
  const d = { area_id: 1, unit_id: 10 };
  assert.equal(status(() => pol.requireOpenDayStaff(user('unit_operator'), d)), 'ok');
  assert.equal(status(() => pol.requireOpenDayStaff(user('auditor', 99), d)), 403);
  assert.equal(status(() => pol.requireOpenDayReader(user('unit_operator', 11), d)), 404);
  assert.equal(status(() => pol.requireOpenDayCreator(user('unit_operator', 11), 10)), 403);
  assert.equal(pol.unitScope(user('unit_operator', 10)), 10);
  assert.equal(pol.unitScope(user('auditor', 10)), null);
  assert.equal(pol.canEditCatalog(user('admin')), true);
  assert.equal(pol.canEditCatalog(systemActor()), false, 'console controls are for signed-in admins');
});
