#!/usr/bin/env node
// Runs every test file with node:test and prints the total as "N passed, N failed".
//   *.test.ts(x)          pure/unit tests, run once
//   *.db.test.ts(x)       tests touching the database: run on SQLite, then on PostgreSQL
//                         (GONGKAI_TEST_PG_URL = an admin URL of a scratch server)
//   *.browser.test.ts(x)  headless Chromium tests, run once on SQLite
// Usage: node scripts/test.mjs [substring filters...]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const filters = process.argv.slice(2);
const roots = ['src', 'test', 'bench'];
const files = [];
const walk = (dir) => {
  let names;
  try { names = readdirSync(dir); } catch { return; }
  for (const name of names) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (name !== 'node_modules') walk(p); }
    else if (/\.test\.tsx?$/.test(name)) files.push(p);
  }
};
roots.forEach(walk);
const selected = files.sort().filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
const isDb = (f) => /\.db\.test\.tsx?$/.test(f);
const isBrowser = (f) => /\.browser\.test\.tsx?$/.test(f);
const pure = selected.filter((f) => !isDb(f) && !isBrowser(f));
const db = selected.filter(isDb);
const browser = selected.filter(isBrowser);

const counts = join(mkdtempSync(join(tmpdir(), 'gongkai-test-')), 'counts');
let extraFailed = 0;
const run = (label, list, env) => {
  if (list.length === 0) return;
  console.log(`\n== ${label}: ${list.length} file(s)`);
  const r = spawnSync(process.execPath, [
    '--import', 'tsx', '--test', '--test-concurrency=2',
    '--test-reporter=./scripts/count-reporter.mjs', '--test-reporter-destination=stdout',
    ...list,
  ], { stdio: 'inherit', env: { ...process.env, ...env, GONGKAI_TEST_COUNTS: counts, GONGKAI_TEST_LABEL: label } });
  if (r.status !== 0 && r.status !== 1) { console.log(`runner for ${label} exited with ${r.status}`); extraFailed++; }
};

run('unit', pure, {});
run('sqlite', db, { GONGKAI_TEST_DB: 'sqlite' });
if (db.length) {
  if (process.env.GONGKAI_TEST_PG_URL) run('postgres', db, { GONGKAI_TEST_DB: 'postgres' });
  else { console.log('\nGONGKAI_TEST_PG_URL is not set: the PostgreSQL run is missing and counts as a failure.'); extraFailed++; }
}
run('browser', browser, { GONGKAI_TEST_DB: 'sqlite' });

let passed = 0, failed = extraFailed;
try {
  for (const line of readFileSync(counts, 'utf8').trim().split('\n')) {
    if (!line) continue;
    const [p, f] = line.split(' ').map(Number);
    passed += p; failed += f;
  }
} catch { /* no test reported anything */ }
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
