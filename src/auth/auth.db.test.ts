import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, TEST_PASSWORD, USERS, type Harness } from '../test-support/harness.js';
import { MAX_FAILED_LOGINS } from './auth.service.js';

describe('login, sessions, lockout, tokens', () => {
  let h: Harness;
  before(async () => { h = await createHarness(); });
  after(async () => { await h.close(); });

  test('anonymous users are sent to the login page from the console, and get 401 JSON from the API', async () => {
    const a = h.agent();
    const r = await a.get('/console/users');
    assert.equal(r.statusCode, 303);
    assert.match(r.headers.location as string, /^\/login\?next=%2Fconsole%2Fusers/);
    const api = await a.get('/api/v1/me');
    assert.equal(api.statusCode, 401);
    assert.equal(api.json().error.code, 'login_required');
  });

  test('login sets a HttpOnly SameSite session cookie; logout ends the session', async () => {
    const a = h.agent();
    const r = await a.loginAs(USERS.admin.username, TEST_PASSWORD);
    assert.equal(r.statusCode, 303);
    const setCookie = ([] as string[]).concat(r.headers['set-cookie'] as string[]).find((c) => c.startsWith('gk_session='))!;
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Lax/);
    const me = await a.get('/api/v1/me');
    assert.equal(me.json().data.username, USERS.admin.username);
    const console = await a.get('/console');
    assert.equal(console.statusCode, 200);
    const out = await a.request('POST', '/logout', { form: {} });
    assert.equal(out.statusCode, 303);
    assert.equal((await a.get('/api/v1/me')).statusCode, 401);
  });

  test('a wrong password re-renders the form with the username kept and a Chinese message', async () => {
    const a = h.agent();
    const r = await a.loginAs(USERS.operator.username, 'wrong-password');
    assert.equal(r.statusCode, 401);
    assert.match(r.body, /用户名或密码错误/);
    assert.match(r.body, /value="t_operator"/);
  });

  test('posting the login form without a CSRF token is refused', async () => {
    const a = h.agent();
    await a.get('/login');
    const r = await a.request('POST', '/login', { form: { username: USERS.admin.username, password: TEST_PASSWORD }, withCsrf: false });
    assert.equal(r.statusCode, 403);
    assert.match(r.body, /页面已过期/);
  });

  test('repeated failures lock the account, even for the right password', async () => {
    const a = h.agent();
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await a.loginAs(USERS.auditor.username, `bad-${i}`);
    const r = await a.loginAs(USERS.auditor.username, TEST_PASSWORD);
    assert.equal(r.statusCode, 429);
    assert.match(r.body, /锁定/);
    const audit = await h.tdb.db.selectFrom('audit_log').select('action').where('action', '=', 'auth.locked').execute();
    assert.equal(audit.length, 1);
  });

  test('bearer tokens authenticate scripts and do not need CSRF; bad tokens are refused', async () => {
    const { createApiToken } = await import('./auth.service.js');
    const token = await createApiToken(h.ctx, USERS.admin.username, 'test');
    const a = h.agent();
    const me = await a.get('/api/v1/me', { authorization: `Bearer ${token}` });
    assert.equal(me.json().data.username, USERS.admin.username);
    const created = await a.request('POST', '/api/v1/units', { json: { name: '区测试局', code: 'T-001', kind: '区直部门' }, headers: { authorization: `Bearer ${token}` }, withCsrf: false });
    assert.equal(created.statusCode, 201);
    const bad = await a.get('/api/v1/me', { authorization: 'Bearer gk_nope' });
    assert.equal(bad.statusCode, 401);
    assert.equal(bad.json().error.code, 'bad_token');
  });

  test('session cookie API writes need the CSRF header', async () => {
    const a = await h.login(USERS.admin.username);
    const r = await a.request('POST', '/api/v1/units', { json: { name: '区无令牌局', code: 'T-002', kind: '区直部门' }, withCsrf: false });
    assert.equal(r.statusCode, 403);
    assert.equal(r.json().error.code, 'csrf_invalid');
    const count = await h.tdb.db.selectFrom('units').select('id').where('name', '=', '区无令牌局').execute();
    assert.equal(count.length, 0);
  });
});

describe('lockout under concurrent attempts (finding 1)', () => {
  let h: Harness;
  before(async () => { h = await createHarness(); });
  after(async () => { await h.close(); });

  test('18 parallel wrong passwords lock the account (atomic increment-and-lock)', async () => {
    const { login } = await import('./auth.service.js');
    const results = await Promise.allSettled(Array.from({ length: 18 }, (_, i) => login(h.tdb.db, USERS.reviewer.username, `wrong-${i}`)));
    assert.ok(results.every((r) => r.status === 'rejected'));
    const u = await h.tdb.db.selectFrom('users').select(['failed_logins', 'locked_until']).where('username', '=', USERS.reviewer.username).executeTakeFirstOrThrow();
    assert.ok(u.locked_until && u.locked_until > new Date().toISOString(), `expected a lock, got failed_logins=${u.failed_logins} locked_until=${u.locked_until}`);
    await assert.rejects(login(h.tdb.db, USERS.reviewer.username, TEST_PASSWORD), (e: Error & { code?: string }) => e.code === 'account_locked');
  });

  test('parallel HTTP logins with the right password among many wrong ones do not get past a lock', async () => {
    const attempts = Array.from({ length: 30 }, (_, i) => (async () => {
      const a = h.agent();
      return a.loginAs(USERS.otherReviewer.username, i === 29 ? TEST_PASSWORD : `wrong-${i}`);
    })());
    await Promise.all(attempts);
    const u = await h.tdb.db.selectFrom('users').select(['locked_until']).where('username', '=', USERS.otherReviewer.username).executeTakeFirstOrThrow();
    assert.ok(u.locked_until, 'the account is locked');
    const after = await h.agent().loginAs(USERS.otherReviewer.username, TEST_PASSWORD);
    assert.equal(after.statusCode, 429);
  });
});
