import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.js';

const dir = () => mkdtempSync(join(tmpdir(), 'gk-cfg-'));

test('defaults: port 3000, loopback, SQLite, a generated session secret kept in the data dir', () => {
  const d = dir();
  const c = loadConfig({ GONGKAI_DATA_DIR: d });
  assert.equal(c.port, 3000);
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.databaseUrl, null);
  assert.equal(c.sessionSecret, readFileSync(join(d, 'session-secret'), 'utf8'));
  assert.equal(loadConfig({ GONGKAI_DATA_DIR: d }).sessionSecret, c.sessionSecret, 'stable across starts');
});

test('bad values stop start-up with a bilingual message naming each variable', () => {
  try {
    loadConfig({ GONGKAI_DATA_DIR: dir(), PORT: 'eighty', DATABASE_URL: 'mysql://x', SESSION_SECRET: 'short' });
    assert.fail('should throw');
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    assert.match(err.message, /端口 PORT 取值无效 \/ invalid value for PORT/);
    assert.match(err.message, /DATABASE_URL/);
    assert.match(err.message, /SESSION_SECRET/);
    assert.equal(err.problems.length, 3);
  }
});

test('postgres URLs are accepted', () => {
  assert.equal(loadConfig({ GONGKAI_DATA_DIR: dir(), DATABASE_URL: 'postgres://u:p@h/db' }).databaseUrl, 'postgres://u:p@h/db');
});

test('PUBLIC_BASE_URL: defaults to the local address, must be an http(s) origin, https turns on secure mode', () => {
  const d = dir();
  const c = loadConfig({ GONGKAI_DATA_DIR: d, PORT: '8080' });
  assert.equal(c.publicBaseUrl, 'http://127.0.0.1:8080');
  assert.equal(c.secure, false);
  const s = loadConfig({ GONGKAI_DATA_DIR: d, PUBLIC_BASE_URL: 'https://gk.linzi.gov.cn/' });
  assert.equal(s.publicBaseUrl, 'https://gk.linzi.gov.cn');
  assert.equal(s.secure, true);
  for (const bad of ['gk.linzi.gov.cn', 'ftp://x.cn', 'https://u:p@x.cn', 'https://x.cn/sub', 'https://x.cn/?a=1', 'javascript:alert(1)']) {
    assert.throws(() => loadConfig({ GONGKAI_DATA_DIR: d, PUBLIC_BASE_URL: bad }), (e: unknown) => e instanceof ConfigError && /PUBLIC_BASE_URL/.test(e.message), bad);
  }
});

test('security settings: defaults and the six-month floor for audit retention', () => {
  const d = dir();
  const c = loadConfig({ GONGKAI_DATA_DIR: d });
  assert.deepEqual(c.security, { sessionIdleMinutes: 30, sessionMaxHours: 12, maxSessionsPerUser: 3, passwordMaxAgeDays: 0, loginIpMaxFailures: 30, auditRetentionDays: 365, requireTotp: false, separationOfDuties: true });
  assert.throws(() => loadConfig({ GONGKAI_DATA_DIR: d, GONGKAI_AUDIT_RETENTION_DAYS: '30' }), ConfigError);
});

test('the data folder is 0700, the session secret 0600, and files created later are private', async () => {
  const { statSync, writeFileSync: write, mkdirSync: mk } = await import('node:fs');
  const d = join(dir(), 'data');
  loadConfig({ GONGKAI_DATA_DIR: d });
  assert.equal(statSync(d).mode & 0o777, 0o700);
  assert.equal(statSync(join(d, 'session-secret')).mode & 0o777, 0o600);
  write(join(d, 'later.sqlite'), 'x');
  mk(join(d, 'uploads'));
  assert.equal(statSync(join(d, 'later.sqlite')).mode & 0o777, 0o600);
  assert.equal(statSync(join(d, 'uploads')).mode & 0o777, 0o700);
});
test('every reason is in Chinese: no validator English such as "expected number, received NaN"', () => {
  const bad = { PORT: 'eighty', SMTP_PORT: '99999', TRUST_PROXY: 'yes', SMTP_FROM: 'not-an-address', GONGKAI_LOGIN_RATE_LIMIT: '1.5', SESSION_SECRET: 'short' };
  try {
    loadConfig({ GONGKAI_DATA_DIR: dir(), ...bad });
    assert.fail('should throw');
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    assert.equal(err.problems.length, Object.keys(bad).length);
    for (const p of err.problems) {
      const reason = p.split('：').slice(1).join('：');
      assert.match(reason, /^[^a-zA-Z]*[\u4e00-\u9fff]/, p);
      assert.doesNotMatch(reason, /expected|received|Invalid|NaN/, p);
    }
    assert.match(err.message, /端口 PORT 取值无效 \/ invalid value for PORT：应为 0 到 65535 之间的整数（当前值：“eighty”）/);
    assert.doesNotMatch(err.message, /short/, 'a secret is not repeated');
  }
});

test('numbers are read strictly: hex, exponent and list forms are refused, surrounding blanks are fine', () => {
  for (const bad of ['0x10', '1e3', '[1]', '12abc', '8080.0']) {
    assert.throws(() => loadConfig({ GONGKAI_DATA_DIR: dir(), PORT: bad }), (err: unknown) => err instanceof ConfigError && /PORT/.test(err.message), bad);
  }
  assert.equal(loadConfig({ GONGKAI_DATA_DIR: dir(), PORT: ' 8081 ' }).port, 8081);
  assert.equal(loadConfig({ GONGKAI_DATA_DIR: dir(), SMTP_HOST: 'mail.local', SMTP_PORT: '2525' }).smtp?.port, 2525);
});
