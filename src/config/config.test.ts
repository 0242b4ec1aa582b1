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
