// Issue 17 account, session and audit basics, through the console, the API and the CLI, on both engines.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, TEST_PASSWORD, USERS, type Agent, type Harness } from '../test-support/harness.js';
import { runCli } from '../test-support/cli.js';
import { setNowForTests } from '../lib/time.js';
import { createUser, resetPassword } from '../org/org.service.js';
import { issueApiToken } from './tokens.js';
import { base32Decode, totp } from './totp.js';
import { MAX_FAILED_LOGINS } from './auth.service.js';
import { verifyAuditChain } from '../audit/audit-chain.js';

const NEW_PASSWORD = 'Fresh-Orchid-Lamp-2026';

describe('account basics', () => {
  let h: Harness;
  before(async () => { h = await createHarness(); });
  after(async () => { setNowForTests(null); await h.close(); });
  afterEach(() => setNowForTests(null));

  const userId = async (username: string) => (await h.tdb.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const audits = (action: string) => h.tdb.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

  test('a new user must change the password at first login; console and API are closed until then', async () => {
    const { password } = await createUser(h.ctx, { username: 'first_login', displayName: '新用户', role: 'auditor', unitId: h.areaId });
    const a = await h.login('first_login', password);
    const home = await a.get('/console');
    assert.equal(home.statusCode, 303);
    assert.equal(home.headers.location, '/console/account?required=password');
    const api = await a.get('/api/v1/audit');
    assert.equal(api.statusCode, 403);
    assert.equal(api.json().error.code, 'password_change_required');
    const page = await a.get('/console/account');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /请先修改密码/);
    // Policy failures re-render with the field named in Chinese, nothing changed.
    const weak = await a.request('POST', '/console/account/password', { form: { current: password, password: 'password12345', confirm: 'password12345' } });
    assert.equal(weak.statusCode, 400);
    assert.match(weak.body, /至少三类|过于常见/);
    const withName = await a.request('POST', '/console/account/password', { form: { current: password, password: 'First_Login-2026', confirm: 'First_Login-2026' } });
    assert.match(withName.body, /不能包含用户名/);
    const wrongCurrent = await a.request('POST', '/console/account/password', { form: { current: 'nope', password: NEW_PASSWORD, confirm: NEW_PASSWORD } });
    assert.match(wrongCurrent.body, /当前密码不正确/);
    const ok = await a.request('POST', '/console/account/password', { form: { current: password, password: NEW_PASSWORD, confirm: NEW_PASSWORD } });
    // PRG (issue 19): 303 to the account page, the message shown once; a reload posts nothing again.
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/console/account');
    const after = await a.get('/console/account');
    assert.match(after.body, /密码已修改/);
    assert.doesNotMatch(after.body, /请先修改密码/);
    assert.doesNotMatch((await a.get('/console/account')).body, /密码已修改/, 'the message shows once');
    assert.equal((await a.get('/console')).statusCode, 200);
    assert.equal((await a.get('/api/v1/audit')).statusCode, 200);
    assert.equal((await h.agent().loginAs('first_login', password)).statusCode, 401);
    await h.login('first_login', NEW_PASSWORD);
    assert.equal((await audits('auth.password_change')).length, 1);
  });

  test('admin reset (console and CLI): one-time password, forced change, sessions and tokens revoked', async () => {
    const id = await userId(USERS.otherOperator.username);
    const old = await h.login(USERS.otherOperator.username);
    const { token } = await issueApiToken(h.ctx, { username: USERS.otherOperator.username, name: '脚本', scope: 'read' });
    assert.equal((await h.agent().get('/api/v1/me', { authorization: `Bearer ${token}` })).statusCode, 200);
    const pw = await resetPassword(h.ctx, id);
    assert.equal((await old.get('/console')).statusCode, 303, 'old session ended');
    const bearer = await h.agent().get('/api/v1/me', { authorization: `Bearer ${token}` });
    assert.equal(bearer.statusCode, 401);
    assert.equal(bearer.json().error.code, 'bad_token');
    const a = await h.login(USERS.otherOperator.username, pw);
    assert.equal((await a.get('/console/ledgers')).headers.location, '/console/account?required=password');

    const cli = runCli(h.tdb, ['user', 'reset-password', '--name', USERS.otherOperator.username]);
    assert.equal(cli.code, 0, cli.err);
    const one = /一次性密码：(\S+)/.exec(cli.out)![1]!;
    assert.equal((await h.agent().loginAs(USERS.otherOperator.username, pw)).statusCode, 401);
    const b = await h.login(USERS.otherOperator.username, one);
    assert.equal((await b.get('/console')).headers.location, '/console/account?required=password');
    await b.request('POST', '/console/account/password', { form: { current: one, password: TEST_PASSWORD.replace('42', '43'), confirm: TEST_PASSWORD.replace('42', '43') } });
    assert.equal((await b.get('/console')).statusCode, 200);
    const reset = await audits('user.reset_password');
    assert.ok(reset.length >= 2);
    assert.equal(JSON.parse(reset[0]!.after_json!).tokensRevoked, 1);
  });

  test('disabling a user revokes the tokens', async () => {
    const { password } = await createUser(h.ctx, { username: 'to_disable', displayName: '停用者', role: 'auditor', unitId: h.areaId, password: 'Spare-Kettle-Drum-77', mustChangePassword: false });
    assert.ok(password);
    const { token } = await issueApiToken(h.ctx, { username: 'to_disable', name: 'x' });
    const admin = await h.login(USERS.admin.username);
    const r = await admin.request('PUT', `/api/v1/users/${await userId('to_disable')}`, { json: { displayName: '停用者', role: 'auditor', unitId: h.areaId, disabled: true } });
    assert.equal(r.statusCode, 200, r.body);
    const t = await h.tdb.db.selectFrom('api_tokens').select('revoked_at').where('name', '=', 'x').executeTakeFirstOrThrow();
    assert.ok(t.revoked_at);
    assert.equal((await h.agent().get('/api/v1/me', { authorization: `Bearer ${token}` })).statusCode, 401);
  });

  test('sessions end after 30 idle minutes and after 12 hours however active; at most 3 per user', async () => {
    const t0 = new Date('2026-12-01T01:00:00Z');
    setNowForTests(t0);
    const a = await h.login(USERS.auditor.username);
    setNowForTests(new Date(t0.getTime() + 29 * 60_000));
    assert.equal((await a.get('/console')).statusCode, 200, 'active within 30 minutes');
    setNowForTests(new Date(t0.getTime() + 58 * 60_000));
    assert.equal((await a.get('/console')).statusCode, 200, 'idle timer restarted by the last request');
    setNowForTests(new Date(t0.getTime() + 89 * 60_000));
    assert.equal((await a.get('/console')).statusCode, 303, 'idle for 31 minutes: logged out');

    setNowForTests(t0);
    const b = await h.login(USERS.auditor.username);
    for (let m = 25; m < 12 * 60; m += 25) {
      setNowForTests(new Date(t0.getTime() + m * 60_000));
      assert.equal((await b.get('/console')).statusCode, 200, `minute ${m}`);
    }
    setNowForTests(new Date(t0.getTime() + 12 * 3600_000 + 60_000));
    assert.equal((await b.get('/console')).statusCode, 303, 'absolute lifetime of 12 hours');

    setNowForTests(null);
    const agents: Agent[] = [];
    for (let i = 0; i < 4; i++) agents.push(await h.login(USERS.auditor.username));
    assert.equal((await agents[0]!.get('/console')).statusCode, 303, 'the oldest of four sessions was ended');
    for (const x of agents.slice(1)) assert.equal((await x.get('/console')).statusCode, 200);
    const page = await agents[3]!.get('/console/account');
    assert.equal((page.body.match(/当前会话/g) ?? []).length, 1);
    const other = /name="id" value="([0-9a-f]{64})"/.exec(page.body)![1]!;
    const revoked = await agents[3]!.request('POST', '/console/account/sessions/revoke', { form: { id: other } });
    assert.equal(revoked.statusCode, 303);
    assert.match((await agents[3]!.get(String(revoked.headers.location))).body, /该会话已结束/);
    const alive = await Promise.all(agents.slice(1, 3).map(async (x) => (await x.get('/console')).statusCode));
    assert.deepEqual(alive.sort(), [200, 303]);
  });

  test('console and API answers are no-store; public pages are not', async () => {
    const a = await h.login(USERS.admin.username);
    for (const url of ['/console', '/console/account', '/api/v1/me', '/login']) assert.equal((await a.get(url)).headers['cache-control'], 'no-store', url);
    assert.notEqual((await h.agent().get('/')).headers['cache-control'], 'no-store');
  });

  test('the audit log records logins (unknown names too), failures, lockouts and logouts with IP and user agent', async () => {
    const before = (await h.tdb.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst())?.id ?? 0;
    const a = h.agent();
    await a.get('/login');
    const ua = { 'user-agent': 'Mozilla/5.0 测试浏览器' };
    await a.request('POST', '/login', { form: { username: 'nobody_here', password: 'x' }, headers: ua });
    await a.request('POST', '/login', { form: { username: USERS.reviewer.username, password: 'wrong' }, headers: ua });
    await a.request('POST', '/login', { form: { username: USERS.reviewer.username, password: TEST_PASSWORD }, headers: ua });
    await a.request('POST', '/logout', { form: {}, headers: ua });
    const rows = await h.tdb.db.selectFrom('audit_log').selectAll().where('id', '>', before).orderBy('id').execute();
    assert.deepEqual(rows.map((r) => r.action), ['auth.login_failed', 'auth.login_failed', 'auth.login', 'auth.logout']);
    assert.equal(rows[0]!.entity_id, 'nobody_here');
    for (const r of rows) {
      assert.equal(r.ip, '127.0.0.1');
      assert.equal(r.user_agent, 'Mozilla/5.0 测试浏览器');
    }
    assert.equal((await verifyAuditChain(h.tdb.db)).ok, true);
  });

  test('locking an unknown username reads exactly like locking a real one', async () => {
    const tryAll = async (username: string) => {
      const a = h.agent();
      let last = await a.loginAs(username, 'bad-0');
      for (let i = 1; i <= MAX_FAILED_LOGINS; i++) last = await a.loginAs(username, `bad-${i}`);
      return last;
    };
    const real = await tryAll(USERS.otherReviewer.username);
    const ghost = await tryAll('no_such_person');
    assert.equal(real.statusCode, 429);
    assert.equal(ghost.statusCode, 429);
    const msg = (b: string) => /gk-field-error" id="e-password">([^<]+)</.exec(b)?.[1];
    assert.equal(msg(real.body), msg(ghost.body));
    assert.match(msg(real.body)!, /锁定/);
    assert.equal((await h.agent().loginAs('no_such_person', 'bad-9')).statusCode, 429);
  });

  test('API tokens: read-only scope, one module, expiry, last use; list and revoke on the page, API and CLI', async () => {
    const admin = await h.login(USERS.admin.username);
    await admin.get('/console/account');
    const made = await admin.request('POST', '/console/account/tokens', { form: { name: '只读脚本', scope: 'read', module: '', expiresDays: '30' } });
    assert.equal(made.statusCode, 201);
    const token = /<code>(gk_[^<]+)<\/code>/.exec(made.body)![1]!;
    const bearer = { authorization: `Bearer ${token}` };
    const s = h.agent();
    assert.equal((await s.get('/api/v1/units', bearer)).statusCode, 200);
    const write = await s.request('POST', '/api/v1/units', { json: { name: '区只读局', code: 'RO-1', kind: '区直部门' }, headers: bearer, withCsrf: false });
    assert.equal(write.statusCode, 403);
    assert.equal(write.json().error.code, 'token_scope');
    const row = await h.tdb.db.selectFrom('api_tokens').selectAll().where('name', '=', '只读脚本').executeTakeFirstOrThrow();
    assert.ok(row.last_used_at);
    assert.equal(row.scope, 'read');

    const { token: mod } = await issueApiToken(h.ctx, { username: USERS.admin.username, name: '仅日历', scope: 'read_write', module: 'calendar', expiresDays: 1 });
    assert.equal((await s.get('/api/v1/units', { authorization: `Bearer ${mod}` })).json().error.code, 'token_scope');
    assert.notEqual((await s.get('/api/v1/calendar/add-working-days?start=2022-09-30&days=3', { authorization: `Bearer ${mod}` })).statusCode, 403);
    setNowForTests(new Date(Date.now() + 2 * 86400_000));
    assert.equal((await s.get('/api/v1/calendar/add-working-days?start=2022-09-30&days=3', { authorization: `Bearer ${mod}` })).statusCode, 401, 'expired');
    setNowForTests(null);

    const list = runCli(h.tdb, ['token', 'list', '--user', USERS.admin.username]);
    assert.equal(list.code, 0, list.err);
    assert.match(list.out, /只读脚本\tread/);
    assert.doesNotMatch(list.out, /gk_/);
    const page = await admin.get('/console/tokens');
    assert.match(page.body, /只读脚本/);
    const revoke = runCli(h.tdb, ['token', 'revoke', String(row.id)]);
    assert.equal(revoke.code, 0, revoke.err);
    assert.equal((await s.get('/api/v1/units', bearer)).statusCode, 401);
    const other = await h.login(USERS.operator.username);
    assert.equal((await other.get('/api/v1/tokens')).json().data.length, 0, 'users see only their own tokens');
    await other.get('/console/account');
    assert.equal((await other.request('DELETE', `/api/v1/tokens/${row.id}`, { json: {} })).statusCode, 404);
    // Revoking on the page answers 303 to the account page with a one-time message (PRG).
    const modRow = await h.tdb.db.selectFrom('api_tokens').select('id').where('name', '=', '仅日历').executeTakeFirstOrThrow();
    await admin.get('/console/account');
    const gone = await admin.request('POST', `/console/account/tokens/${modRow.id}/revoke`, { form: {} });
    assert.equal(gone.statusCode, 303);
    assert.match((await admin.get(String(gone.headers.location))).body, /令牌已撤销/);
    assert.ok((await h.tdb.db.selectFrom('api_tokens').select('revoked_at').where('id', '=', modRow.id).executeTakeFirstOrThrow()).revoked_at);
  });
});

describe('per-IP login throttle across accounts', () => {
  let h: Harness;
  before(async () => { h = await createHarness({ env: { GONGKAI_LOGIN_IP_MAX_FAILURES: '6' } }); });
  after(async () => { await h.close(); });

  test('failures spread over many accounts from one IP throttle that IP, even for a right password', async () => {
    const a = h.agent();
    for (let i = 0; i < 6; i++) await a.loginAs(`spray_${i}`, 'Spring2026!');
    const r = await a.loginAs(USERS.admin.username, TEST_PASSWORD);
    assert.equal(r.statusCode, 429);
    assert.match(r.body, /本机登录失败次数过多/);
    const rows = await h.tdb.db.selectFrom('audit_log').select('action').where('action', '=', 'auth.ip_throttled').execute();
    assert.equal(rows.length, 1);
  });
});

describe('https deployments and the second factor', () => {
  let h: Harness;
  before(async () => { h = await createHarness({ env: { PUBLIC_BASE_URL: 'https://gk.linzi.gov.cn', GONGKAI_REQUIRE_TOTP: 'true' } }); });
  after(async () => { setNowForTests(null); await h.close(); });

  test('cookies are Secure and responses carry HSTS when PUBLIC_BASE_URL is https', async () => {
    const a = h.agent();
    const r = await a.loginAs(USERS.auditor.username, TEST_PASSWORD);
    const cookie = ([] as string[]).concat(r.headers['set-cookie'] as string[]).find((c) => c.startsWith('gk_session='))!;
    assert.match(cookie, /; Secure/);
    assert.match(String((await h.agent().get('/')).headers['strict-transport-security']), /max-age=31536000/);
  });

  test('admins must enrol TOTP; then login needs a code (each once) or a recovery code (once)', async () => {
    const t0 = Date.parse('2026-12-01T02:00:00Z');
    setNowForTests(new Date(t0));
    const a = await h.login(USERS.admin.username);
    assert.equal((await a.get('/console/users')).headers.location, '/console/account?required=totp');
    assert.equal((await a.get('/api/v1/users')).json().error.code, 'totp_enrolment_required');
    const auditor = await h.login(USERS.auditor.username);
    assert.equal((await auditor.get('/console')).statusCode, 200, 'auditors are not required to');

    const enrol = await a.get('/console/account/totp');
    assert.match(enrol.body, /otpauth:\/\/totp\//);
    // The QR code is drawn on the server as SVG (works without JavaScript), beside the manual key.
    assert.match(enrol.body, /<figure class="gk-qr" role="img" aria-label="[^"]+"><svg[^>]*>[\s\S]*<path[\s\S]*<\/svg><\/figure>/);
    const secret = /secret=([A-Z2-7]+)/.exec(enrol.body)![1]!;
    const code = (at: number) => totp(base32Decode(secret), Math.floor(at / 1000));
    const bad = await a.request('POST', '/console/account/totp', { form: { code: '000000' === code(t0) ? '111111' : '000000' } });
    assert.equal(bad.statusCode, 400);
    const on = await a.request('POST', '/console/account/totp', { form: { code: code(t0) } });
    assert.equal(on.statusCode, 200);
    const recovery = [...on.body.matchAll(/<code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})<\/code>/g)].map((m) => m[1]!);
    assert.equal(recovery.length, 10);
    assert.equal((await a.get('/console/users')).statusCode, 200);

    // Password alone is not a login any more.
    setNowForTests(new Date(t0 + 60_000));
    const b = h.agent();
    const step1 = await b.loginAs(USERS.admin.username, TEST_PASSWORD);
    assert.equal(step1.statusCode, 303);
    assert.match(String(step1.headers.location), /^\/login\/totp/);
    assert.equal((await b.get('/console')).statusCode, 303, 'not logged in yet');
    await b.get('/login/totp');
    const wrong = await b.request('POST', '/login/totp', { form: { code: code(t0 + 3600_000) } });
    assert.equal(wrong.statusCode, 401);
    const right = await b.request('POST', '/login/totp', { form: { code: code(t0 + 60_000) } });
    assert.equal(right.statusCode, 303);
    assert.equal((await b.get('/console/users')).statusCode, 200);

    // The same code again (replay) is refused; a recovery code works once.
    const c = h.agent();
    await c.loginAs(USERS.admin.username, TEST_PASSWORD);
    await c.get('/login/totp');
    assert.equal((await c.request('POST', '/login/totp', { form: { code: code(t0 + 60_000) } })).statusCode, 401);
    assert.equal((await c.request('POST', '/login/totp', { form: { code: recovery[0]! } })).statusCode, 303);
    assert.equal((await c.get('/console')).statusCode, 200);
    const d = h.agent();
    await d.loginAs(USERS.admin.username, TEST_PASSWORD);
    await d.get('/login/totp');
    assert.equal((await d.request('POST', '/login/totp', { form: { code: recovery[0]! } })).statusCode, 401, 'recovery codes are single-use');
  });
});
