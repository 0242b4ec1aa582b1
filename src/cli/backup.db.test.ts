// `gongkai backup` and `gongkai restore` as an operator runs them: one archive with the database
// snapshot, the uploads and a checksummed manifest; a snapshot that finishes under heavy writes;
// a restore that checks the archive and refuses a data dir a running server uses.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createTestDb, type TestDb } from '../db/test-db.js';
import { runCli } from '../test-support/cli.js';

describe('backup and restore', () => {
  let tdb: TestDb;
  const scratch = mkdtempSync(join(tmpdir(), 'gongkai-bk-'));
  const upload = 'uploads/2026/ab/0f1e2d3c.pdf';
  const uploadBytes = Buffer.from('%PDF-1.4 附件内容 '.repeat(1000));
  before(async () => {
    tdb = await createTestDb();
    await tdb.close();
    assert.equal(runCli(tdb, ['user', 'add', '--name', 'bk_user', '--role', 'auditor']).code, 0);
    mkdirSync(join(tdb.dataDir, 'uploads/2026/ab'), { recursive: true });
    writeFileSync(join(tdb.dataDir, upload), uploadBytes);
  });
  after(async () => {
    await tdb.destroy().catch(() => {});
    rmSync(scratch, { recursive: true, force: true });
  });
  const list = (archive: string) => spawnSync('tar', ['-tf', archive], { encoding: 'utf8' }).stdout.split('\n').map((l) => l.replace(/^\.\//, '')).filter((l) => l && !l.endsWith('/'));

  test('the archive holds the snapshot (SQLite), the uploads and a manifest; it restores into an empty data dir', () => {
    const archive = join(scratch, 'b1.tar');
    const r = runCli(tdb, ['backup', archive]);
    assert.equal(r.code, 0, r.err);
    const names = list(archive).sort();
    const manifest = JSON.parse(spawnSync('tar', ['-xOf', archive, './manifest.json'], { encoding: 'utf8' }).stdout);
    assert.equal(manifest.format, 'gongkai-backup');
    assert.ok(manifest.files.some((f: { path: string; sha256: string }) => f.path === upload && /^[0-9a-f]{64}$/.test(f.sha256)));
    if (tdb.dialect === 'postgres') {
      assert.deepEqual(names, ['manifest.json', upload]);
      assert.match(r.out, /pg_dump/);
      assert.match(r.out, /只包含附件目录 uploads\//);
    } else {
      assert.deepEqual(names, ['gongkai.sqlite', 'manifest.json', upload]);
      assert.match(r.out, /其中附件 1 个/);
    }
    assert.equal(runCli(tdb, ['backup', archive]).code, 2, 'refuses to overwrite');

    const target = join(scratch, 'restored');
    const rr = runCli({ ...tdb, dataDir: target }, ['restore', archive]);
    assert.equal(rr.code, 0, rr.err);
    assert.deepEqual(readFileSync(join(target, upload)), uploadBytes);
    if (tdb.dialect === 'sqlite') {
      const db = new Database(join(target, 'gongkai.sqlite'), { readonly: true });
      assert.equal((db.prepare("select count(*) as n from users where username = 'bk_user'").get() as { n: number }).n, 1);
      db.close();
    }
    // Again into the same (now full) dir: only with --force, and the previous files are kept aside.
    const again = runCli({ ...tdb, dataDir: target }, ['restore', archive]);
    assert.equal(again.code, 2);
    assert.match(again.err, /已有数据.*--force/);
    const forced = runCli({ ...tdb, dataDir: target }, ['restore', archive, '--force']);
    assert.equal(forced.code, 0, forced.err);
    assert.ok(readdirSync(target).some((n) => n.startsWith('before-restore-')));
  });

  test('restore refuses a damaged archive and a data dir a running server uses', () => {
    const archive = join(scratch, 'b2.tar');
    assert.equal(runCli(tdb, ['backup', archive]).code, 0);
    // Damage one attachment inside the archive.
    const x = mkdtempSync(join(scratch, 'x-'));
    spawnSync('tar', ['-xf', archive, '-C', x]);
    writeFileSync(join(x, upload), Buffer.from('tampered'));
    const bad = join(scratch, 'bad.tar');
    spawnSync('tar', ['-cf', bad, '-C', x, '.']);
    const target = join(scratch, 'r2');
    const r = runCli({ ...tdb, dataDir: target }, ['restore', bad]);
    assert.equal(r.code, 2);
    assert.match(r.err, /备份已损坏：uploads\/2026\/ab\/0f1e2d3c\.pdf 的校验和不符/);
    assert.ok(!existsSync(join(target, upload)), 'nothing restored');
    // A live server's pid file (this test process is a live node process).
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, 'gongkai.pid'), String(process.pid));
    const running = runCli({ ...tdb, dataDir: target }, ['restore', archive]);
    assert.equal(running.code, 2);
    assert.match(running.err, /正由运行中的服务使用（进程 \d+）/);
    // The pid file of a server killed with -9 (no such process) does not block.
    writeFileSync(join(target, 'gongkai.pid'), '999999');
    assert.equal(runCli({ ...tdb, dataDir: target }, ['restore', archive]).code, 0);
  });

  test('SQLite: a backup taken while another process writes as fast as it can finishes and is a whole, consistent database', async (t) => {
    if (tdb.dialect !== 'sqlite') return t.skip('SQLite snapshot');
    const file = join(tdb.dataDir, 'gongkai.sqlite');
    const setup = new Database(file);
    setup.exec('CREATE TABLE IF NOT EXISTS writes (id INTEGER PRIMARY KEY, tag TEXT NOT NULL, seen INTEGER NOT NULL)');
    // ~40 MB, so a page-by-page copy has many steps for the writer to invalidate (each write restarted the old backup).
    setup.exec(`INSERT INTO writes (tag, seen) SELECT hex(randomblob(1000)), value FROM (WITH RECURSIVE c(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM c WHERE value < 20000) SELECT value FROM c)`);
    setup.close();
    const writer = spawn(process.execPath, ['--import', 'tsx', 'src/db/fixtures/concurrent-writer.ts', file, '100000000', 'load', '2'], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 1500));
      const archive = join(scratch, 'b3.tar');
      const r = runCli(tdb, ['backup', archive]);
      assert.equal(r.code, 0, `${r.err} (exit ${r.code})`);
      const x = mkdtempSync(join(scratch, 'y-'));
      spawnSync('tar', ['-xf', archive, '-C', x]);
      const db = new Database(join(x, 'gongkai.sqlite'), { readonly: true });
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
      assert.ok(Number((db.prepare('select count(*) as n from writes').get() as { n: number }).n) >= 20000);
      assert.equal((db.prepare("select count(*) as n from users where username = 'bk_user'").get() as { n: number }).n, 1);
      db.close();
    } finally {
      writer.kill('SIGKILL');
    }
  });
});
