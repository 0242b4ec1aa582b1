// The CLI as an operator runs it: a real process against a real database.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createTestDb, type TestDb } from '../db/test-db.js';
import { runCli } from '../test-support/cli.js';


describe('gongkai CLI', () => {
  let tdb: TestDb;
  before(async () => { tdb = await createTestDb(); await tdb.close(); });
  after(async () => { await tdb.destroy().catch(() => {}); });

  test('--help lists every command', () => {
    const r = runCli(tdb, ['--help']);
    assert.equal(r.code, 0);
    for (const c of ['serve', 'db', 'backup', 'user', 'token']) assert.match(r.out, new RegExp(`\\b${c}\\b`));
  });

  test('db migrate, user add and token create', () => {
    assert.equal(runCli(tdb, ['db', 'migrate']).code, 0);
    const add = runCli(tdb, ['user', 'add', '--name', 'cli_op', '--role', 'unit_operator', '--unit', '区财政局']);
    assert.equal(add.code, 0, add.err);
    assert.match(add.out, /初始密码：[A-Za-z0-9-]{19}/);
    const bad = runCli(tdb, ['user', 'add', '--name', 'cli_bad', '--role', 'king']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /请选择有效的角色/);
    const missing = runCli(tdb, ['user', 'add', '--name', 'cli_x', '--role', 'unit_operator', '--unit', '不存在的局']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /单位不存在/);
    const tok = runCli(tdb, ['token', 'create', '--user', 'cli_op']);
    assert.equal(tok.code, 0, tok.err);
    assert.match(tok.out.trim(), /^gk_[A-Za-z0-9_-]{20,}$/);
  });

  test('backup makes a consistent SQLite copy in an archive (PostgreSQL: uploads, and a pg_dump hint)', () => {
    const target = join(tdb.dataDir, 'backup.tar');
    const r = runCli(tdb, ['backup', target]);
    assert.equal(r.code, 0, r.err);
    assert.ok(existsSync(target));
    if (tdb.dialect === 'postgres') {
      assert.match(r.out, /pg_dump/);
      return;
    }
    const dir = join(tdb.dataDir, 'unpacked');
    mkdirSync(dir);
    assert.equal(spawnSync('tar', ['-xf', target, '-C', dir]).status, 0);
    const copy = new Database(join(dir, 'gongkai.sqlite'), { readonly: true });
    const users = copy.prepare("select username from users where username = 'cli_op'").all();
    copy.close();
    assert.equal(users.length, 1);
    assert.equal(runCli(tdb, ['backup', target]).code, 2, 'refuses to overwrite');
  });
});
