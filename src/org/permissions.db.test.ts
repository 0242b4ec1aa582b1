// The permission matrix: each role against each console route and API.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';

describe('permission matrix for organisation, users and audit', () => {
  let h: Harness;
  const agents: Record<string, Agent> = {};
  before(async () => {
    h = await createHarness();
    for (const [k, u] of Object.entries(USERS)) agents[k] = await h.login(u.username);
    agents.anonymous = h.agent();
  });
  after(async () => { await h.close(); });

  const reads: [string, Record<string, number>][] = [
    ['/console', { admin: 200, auditor: 200, operator: 200, reviewer: 200, anonymous: 303 }],
    ['/console/units', { admin: 200, auditor: 200, operator: 200, reviewer: 200, anonymous: 303 }],
    ['/console/users', { admin: 200, auditor: 200, operator: 403, reviewer: 403, anonymous: 303 }],
    ['/console/audit', { admin: 200, auditor: 200, operator: 403, reviewer: 403, anonymous: 303 }],
    ['/api/v1/users', { admin: 200, auditor: 200, operator: 403, reviewer: 403, anonymous: 401 }],
    ['/api/v1/audit', { admin: 200, auditor: 200, operator: 403, reviewer: 403, anonymous: 401 }],
    ['/api/v1/units', { admin: 200, auditor: 200, operator: 200, reviewer: 200, anonymous: 401 }],
  ];
  for (const [url, expected] of reads) {
    test(`GET ${url}`, async () => {
      for (const [role, status] of Object.entries(expected)) {
        const r = await agents[role]!.get(url);
        assert.equal(r.statusCode, status, `${role} GET ${url}`);
      }
    });
  }

  test('a unit operator sees only their own unit through the API', async () => {
    const r = await agents.operator!.get('/api/v1/units');
    const names = r.json().data.map((u: { name: string }) => u.name);
    assert.deepEqual(names, ['区财政局']);
  });

  test('only the admin can create or change units and users; others change nothing', async () => {
    const before = await h.tdb.db.selectFrom('units').select('id').execute();
    for (const role of ['operator', 'reviewer', 'auditor']) {
      await agents[role]!.get('/console');
      const r = await agents[role]!.request('POST', '/console/units', { form: { name: `区${role}局`, code: `X-${role}`, kind: '区直部门' } });
      assert.equal(r.statusCode, 403, role);
      const api = await agents[role]!.request('POST', '/api/v1/users', { json: { username: `x_${role}`, displayName: 'x', role: 'admin', unitId: h.areaId } });
      assert.equal(api.statusCode, 403, role);
    }
    const anon = await agents.anonymous!.request('POST', '/api/v1/units', { json: { name: '区匿名局', code: 'X-anon', kind: '区直部门' } });
    assert.ok(anon.statusCode === 401 || anon.statusCode === 403);
    assert.equal((await h.tdb.db.selectFrom('units').select('id').execute()).length, before.length);
    await agents.admin!.get('/console/units');
    const ok = await agents.admin!.request('POST', '/console/units', { form: { name: '区大数据局', code: '370305099', kind: '区直部门' } });
    assert.equal(ok.statusCode, 303);
  });

  test('the admin edits a unit and the audit log records before and after in the same change', async () => {
    const id = await h.unitId('区档案馆');
    await agents.admin!.get(`/console/units/${id}`);
    const r = await agents.admin!.request('POST', `/console/units/${id}`, { form: { name: '区档案馆（区史志研究中心）', code: '370305023', kind: '区直部门' } });
    assert.equal(r.statusCode, 303);
    const log = await h.tdb.db.selectFrom('audit_log').selectAll().where('action', '=', 'unit.update').where('entity_id', '=', String(id)).executeTakeFirstOrThrow();
    assert.equal(JSON.parse(log.before_json!).name, '区档案馆');
    assert.equal(JSON.parse(log.after_json!).name, '区档案馆（区史志研究中心）');
    assert.match(log.actor_label, /t_admin/);
    const page = await agents.auditor!.get('/console/audit?action=unit.update');
    assert.match(page.body, /区史志研究中心/);
  });

  test('user creation through the console shows a generated password once; the user can log in with it', async () => {
    await agents.admin!.get('/console/users');
    const unitId = await h.unitId('区民政局');
    const r = await agents.admin!.request('POST', '/console/users', { form: { username: 'mz_op', displayName: '民政联络员', role: 'unit_operator', unitId: String(unitId) } });
    assert.equal(r.statusCode, 201);
    const pw = /初始密码：([A-Za-z0-9-]+)/.exec(r.body)![1]!;
    const stored = await h.tdb.db.selectFrom('users').select('password_hash').where('username', '=', 'mz_op').executeTakeFirstOrThrow();
    assert.match(stored.password_hash, /^\$argon2id\$/);
    assert.ok(!stored.password_hash.includes(pw));
    await h.login('mz_op', pw);
  });

  test('the audit log cannot be updated or deleted, even by SQL', async () => {
    await assert.rejects(h.tdb.db.updateTable('audit_log').set({ action: 'x' }).execute());
    await assert.rejects(h.tdb.db.deleteFrom('audit_log').execute());
  });

  test('a unit role cannot be bound to the district itself, and an admin must belong to it', async () => {
    await agents.admin!.get('/console/users');
    const r = await agents.admin!.request('POST', '/console/users', { form: { username: 'bad_bind', displayName: 'x', role: 'unit_operator', unitId: String(h.areaId) } });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /必须绑定到一个具体单位/);
  });
});
