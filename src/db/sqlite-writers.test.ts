// Two processes writing to one SQLite file at once (the server and a CLI run): writers wait, none fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { openDatabase } from './connect.js';

const run = (file: string, n: number, tag: string) => runWith(file, [String(n), tag]);
/** The writer fixture with its arguments: count, tag, [pause ms], [statements per transaction]. */
const runWith = (file: string, args: string[]) => new Promise<{ code: number | null; out: string }>((resolve) => {
  const p = spawn(process.execPath, ['--import', 'tsx', 'src/db/fixtures/concurrent-writer.ts', file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  p.stdout.on('data', (d) => { out += d; });
  p.stderr.on('data', (d) => { out += d; });
  p.on('close', (code) => resolve({ code, out }));
});


/** A WAL database in `dir` with the writes table the writer processes fill; returns its path. */
function writesDb(dir: string): string {
  const file = join(dir, 'w.sqlite');
  const init = new Database(file);
  init.pragma('journal_mode = WAL');
  init.exec('CREATE TABLE writes (id INTEGER PRIMARY KEY, tag TEXT NOT NULL, seen INTEGER NOT NULL)');
  init.close();
  return file;
}
test('concurrent read-then-write transactions from two processes all commit (BEGIN IMMEDIATE, no SQLITE_BUSY_SNAPSHOT)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-writers-'));
  try {
    const file = writesDb(dir);
    const n = 400;
    const [a, b, c] = await Promise.all([run(file, n, 'a'), run(file, n, 'b'), run(file, n, 'c')]);
    for (const r of [a, b, c]) assert.equal(r.code, 0, r.out);
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT tag, count(*) AS n FROM writes GROUP BY tag ORDER BY tag').all();
    db.close();
    assert.deepEqual(rows, [{ tag: 'a', n }, { tag: 'b', n }, { tag: 'c', n }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a writer in another process gets its turn while one process writes back to back without pauses', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-writers-'));
  try {
    const file = writesDb(dir);
    // 'bulk' runs long transactions (300 statements) back to back, like an import or a rebuild — long enough (≈5 s) to
    // outlast the small writer's own run even when its process starts late; 'user' writes 20 small
    // ones with pauses, like the server answering forms. Before the fair pause 'user' waited out busy_timeout and failed.
    const [bulk, user] = await Promise.all([runWith(file, ['5000', 'bulk', '0', '300']), runWith(file, ['20', 'user', '20'])]);
    assert.equal(user.code, 0, user.out);
    assert.equal(bulk.code, 0, bulk.out);
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT tag, count(*) AS n, max(id) AS last FROM writes GROUP BY tag ORDER BY tag').all() as { tag: string; n: number; last: number }[];
    db.close();
    assert.deepEqual(rows.map((r) => [r.tag, r.n]), [['bulk', 5000], ['user', 20]]);
    // The small writer finished while the bulk writer was still writing: it was not starved until the end.
    assert.ok(rows[1]!.last < rows[0]!.last, JSON.stringify(rows) + user.out + bulk.out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('with backgroundCheckpoint the WAL is checkpointed by the worker thread, not inside a COMMIT', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-ckpt-'));
  try {
    const file = join(dir, 'c.sqlite');
    const h = openDatabase({ databaseUrl: `sqlite:${file}`, dataDir: dir, backgroundCheckpoint: true });
    // The connection's own checkpoint only starts far beyond what this test writes (~2,500 pages).
    assert.ok(Number(h.sqlite!.pragma('wal_autocheckpoint', { simple: true })) >= 10_000);
    await sql`CREATE TABLE blobs (id INTEGER PRIMARY KEY, b TEXT NOT NULL)`.execute(h.db);
    for (let i = 0; i < 50; i++) {
      await h.db.transaction().execute(async (tx) => {
        for (let k = 0; k < 20; k++) await sql`INSERT INTO blobs (b) VALUES (${'x'.repeat(8000)})`.execute(tx);
      });
    }
    // The data reaches the database file itself (a checkpoint ran), though no COMMIT here checkpointed.
    const deadline = Date.now() + 20_000;
    while (statSync(file).size < 8_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.ok(statSync(file).size >= 8_000_000, `database file ${statSync(file).size} bytes`);
    await h.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
