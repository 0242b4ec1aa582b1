// Two processes writing to one SQLite file at once (the server and a CLI run): writers wait, none fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const run = (file: string, n: number, tag: string) => new Promise<{ code: number | null; out: string }>((resolve) => {
  const p = spawn(process.execPath, ['--import', 'tsx', 'src/db/fixtures/concurrent-writer.ts', file, String(n), tag], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  p.stdout.on('data', (d) => { out += d; });
  p.stderr.on('data', (d) => { out += d; });
  p.on('close', (code) => resolve({ code, out }));
});

test('concurrent read-then-write transactions from two processes all commit (BEGIN IMMEDIATE, no SQLITE_BUSY_SNAPSHOT)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-writers-'));
  try {
    const file = join(dir, 'w.sqlite');
    const init = new Database(file);
    init.pragma('journal_mode = WAL');
    init.exec('CREATE TABLE writes (id INTEGER PRIMARY KEY, tag TEXT NOT NULL, seen INTEGER NOT NULL)');
    init.close();
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
