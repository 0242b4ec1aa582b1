/**
 * CLI start-up: wall time of `node bin/gongkai.js <command>` (best and median of N) on a scratch
 * SQLite data dir, beside the floor of any CLI run through tsx (registering the loader, nothing else).
 *
 *   node --import tsx bench/startup/cli.ts [runs=5]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.argv[2] ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'gk-cli-bench-'));
const env: NodeJS.ProcessEnv = { ...process.env, GONGKAI_DATA_DIR: dir, SESSION_SECRET: 'b'.repeat(40) };
delete env.DATABASE_URL;

function time(label: string, args: string[]) {
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
    xs.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`${label} failed: ${r.stderr}`);
  }
  xs.sort((a, b) => a - b);
  console.log(`${label.padEnd(48)} best ${xs[0]!.toFixed(0).padStart(5)} ms   median ${xs[Math.floor(xs.length / 2)]!.toFixed(0).padStart(5)} ms`);
}

spawnSync(process.execPath, ['bin/gongkai.js', 'db', 'migrate'], { env }); // create the database once
time('floor: node + tsx loader registered', ['-e', "import('tsx/esm/api').then((m) => m.register())"]);
time('gongkai --help', ['bin/gongkai.js', '--help']);
time('gongkai calendar rule … (no database)', ['bin/gongkai.js', 'calendar', 'rule', '20个工作日内', '--year', '2022']);
time('gongkai db migrate (database, nothing to do)', ['bin/gongkai.js', 'db', 'migrate']);
time('gongkai calendar add-working-days 2022-09-30 20', ['bin/gongkai.js', 'calendar', 'add-working-days', '2022-09-30', '20']);
time('gongkai search check', ['bin/gongkai.js', 'search', 'check']);
rmSync(dir, { recursive: true, force: true });
