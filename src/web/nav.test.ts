// The console menu shows an entry to the roles it names (all signed-in users when it names none), nothing to others.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anonymous, systemActor } from '../lib/context.js';
import { userActor } from '../test-support/actors.js';
import { consoleNav, setNavEntries } from './nav.js';

test('entries by role, in order, with the unread count on 通知', () => {
  setNavEntries([
    { href: '/console/notifications', label: '通知', order: 90 },
    { href: '/console/users', label: '用户', order: 20, roles: ['admin', 'auditor'] },
    { href: '/console/items', label: '政府信息', order: 10 },
    { href: '/console/review', label: '待审核', order: 30, roles: ['unit_reviewer'] },
  ]);
  const hrefs = (a: Parameters<typeof consoleNav>[0]) => consoleNav(a).map((x) => x.href);
  assert.deepEqual(hrefs(userActor('admin')), ['/console', '/console/items', '/console/users', '/console/notifications']);
  assert.deepEqual(hrefs(userActor('auditor')), ['/console', '/console/items', '/console/users', '/console/notifications']);
  assert.deepEqual(hrefs(userActor('unit_operator')), ['/console', '/console/items', '/console/notifications']);
  assert.deepEqual(hrefs(userActor('unit_reviewer')), ['/console', '/console/items', '/console/review', '/console/notifications']);
  assert.deepEqual(consoleNav(systemActor()), []);
  assert.deepEqual(consoleNav(anonymous), []);
  assert.equal(consoleNav(userActor('unit_operator'), 3).at(-1)!.label, '通知（3条未读）');
});
