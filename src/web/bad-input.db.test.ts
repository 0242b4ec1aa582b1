// Bad input everywhere: empty, overlong, wrong type, malicious, huge, broken UTF-8 → 4xx with a clear message, nothing changed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';

describe('bad input', () => {
  let h: Harness;
  let admin: Agent;
  let counts: () => Promise<string>;
  before(async () => {
    h = await createHarness({ extraRoutes: (app) => app.get('/__boom', async () => { throw new Error('secret internal detail at /src/foo.ts:12'); }) });
    admin = await h.login(USERS.admin.username);
    counts = async () => {
      const u = await h.tdb.db.selectFrom('units').select('id').execute();
      const us = await h.tdb.db.selectFrom('users').select('id').execute();
      return `${u.length}/${us.length}`;
    };
  });
  after(async () => { await h.close(); });

  const unitCases: [string, Record<string, string>, RegExp][] = [
    ['empty', { name: '', code: '', kind: '' }, /请填写单位名称/],
    ['overlong', { name: '区'.repeat(61), code: 'A1', kind: '区直部门' }, /单位名称不能超过60个字符/],
    ['wrong kind', { name: '区新局', code: 'A1', kind: '火星' }, /请选择有效的单位类型/],
    ['sql quotes', { name: "区'); DROP TABLE units;--", code: "1' OR '1'='1", kind: '区直部门' }, /单位代码只能包含字母、数字和连字符/],
  ];
  for (const [label, form, msg] of unitCases) {
    test(`unit form: ${label} → 400, field named, input kept, nothing written`, async () => {
      const before = await counts();
      await admin.get('/console/units');
      const r = await admin.request('POST', '/console/units', { form });
      assert.equal(r.statusCode, 400);
      assert.match(r.body, msg);
      assert.match(r.body, /提交的内容有误/);
      if (form.name) assert.ok(r.body.includes(form.name.replace(/'/g, '&#39;').replace(/</g, '&lt;')), 'input kept (escaped)');
      assert.equal(await counts(), before);
    });
  }

  test('script tags are stored as text and always rendered escaped', async () => {
    await admin.get('/console/units');
    const name = '<script>alert(1)</script>局';
    const r = await admin.request('POST', '/console/units', { form: { name, code: 'XSS-1', kind: '其他' } });
    assert.equal(r.statusCode, 303);
    const page = await admin.get('/console/units');
    assert.ok(!page.body.includes('<script>alert(1)</script>'));
    assert.ok(page.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;局'));
  });

  test('API: wrong types and unknown values get 400 with field messages', async () => {
    const before = await counts();
    const r = await admin.request('POST', '/api/v1/users', { json: { username: 42, displayName: ['x'], role: 'root', unitId: 'abc' } });
    assert.equal(r.statusCode, 400);
    const e = r.json().error;
    assert.equal(e.code, 'validation_failed');
    assert.ok(e.fields.username && e.fields.displayName && e.fields.role && e.fields.unitId, JSON.stringify(e.fields));
    assert.equal(await counts(), before);
  });

  test('API: malformed JSON, a 10 MB body and broken UTF-8 are refused', async () => {
    const before = await counts();
    const bad = await admin.request('POST', '/api/v1/units', { payload: '{"name":', headers: { 'content-type': 'application/json', 'x-csrf-token': admin.csrf } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'bad_json');
    const big = await admin.request('POST', '/api/v1/units', { payload: JSON.stringify({ name: 'x'.repeat(10 * 1024 * 1024) }), headers: { 'content-type': 'application/json', 'x-csrf-token': admin.csrf } });
    assert.equal(big.statusCode, 413);
    assert.equal(big.json().error.code, 'payload_too_large');
    const broken = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xe5, 0x8c]), Buffer.from('","code":"B1","kind":"其他"}')]);
    const u = await admin.request('POST', '/api/v1/units', { payload: broken, headers: { 'content-type': 'application/json', 'x-csrf-token': admin.csrf } });
    assert.equal(u.statusCode, 400);
    assert.equal(u.json().error.code, 'bad_encoding');
    await admin.get('/console/units');
    const form = await admin.request('POST', '/console/units', { payload: `_csrf=${encodeURIComponent(admin.csrf)}&name=%E5%8C&code=B2&kind=%E5%85%B6%E4%BB%96`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(form.statusCode, 400);
    assert.equal(await counts(), before);
  });

  test('unknown routes get the 404 page; unknown API routes get JSON; no stack traces', async () => {
    const r = await h.agent().get('/no/such/page');
    assert.equal(r.statusCode, 404);
    assert.match(r.body, /页面不存在/);
    assert.match(r.body, /<html lang="zh-CN">/);
    assert.equal((await h.agent().get('/api/v1/nothing')).statusCode, 401);
    const api = await admin.get('/api/v1/nothing');
    assert.equal(api.statusCode, 404);
    assert.equal(api.json().error.code, 'not_found');
  });

  test('an unexpected error becomes a 500 page with a request id and no stack trace', async () => {
    const r = await h.agent().get('/__boom');
    assert.equal(r.statusCode, 500);
    assert.match(r.body, /请求编号：[0-9a-f-]{36}/);
    assert.ok(!r.body.includes('secret internal detail'));
    assert.ok(!r.body.includes('.ts:'));
  });
});
