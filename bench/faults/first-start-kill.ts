/**
 * Fault run: kill -9 during the very first start (migrations, org tree, calendar, plan import,
 * demo accounts), then start again on the same data dir. Every later start must come up, and the
 * operator must end up with an admin password: printed by the first start before it died, printed
 * by the second, or the second says how to reset it (`gongkai user reset-password`). The database
 * must pass PRAGMA integrity_check. SQLite under a fresh temp dir, loopback only, bounded in time.
 *
 *   node --import tsx bench/faults/first-start-kill.ts [trials=5] [maxDelayMs=auto]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const TRIALS = Number(process.argv[2] ?? 5);
const START_TIMEOUT_MS = 120_000;

function start(dataDir: string, killAfterMs: number | null) {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', GONGKAI_DATA_DIR: dataDir, SESSION_SECRET: 'f'.repeat(40) };
  delete env.DATABASE_URL;
  const p = spawn(process.execPath, ['bin/gongkai.js', 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  p.stdout.on('data', (d) => { out += d; });
  p.stderr.on('data', (d) => { out += d; });
  const t0 = Date.now();
  return new Promise<{ out: string; started: boolean; ms: number; code: number | null }>((resolve) => {
    let done = false;
    const finish = (started: boolean) => {
      if (done) return;
      done = true;
      clearInterval(poll);
      p.kill('SIGKILL');
      p.once('close', (code) => resolve({ out, started, ms: Date.now() - t0, code }));
      if (p.exitCode !== null) resolve({ out, started, ms: Date.now() - t0, code: p.exitCode });
    };
    if (killAfterMs !== null) setTimeout(() => finish(false), killAfterMs);
    // Up = listening and, when accounts are printed, the last one (auditor) is out.
    const poll = setInterval(() => {
      const up = /Gongkai 已启动/.test(out) && (!/演示账号/.test(out) || /auditor\s+\S{19}/.test(out));
      if (killAfterMs === null && up) setTimeout(() => finish(true), 300);
      if (Date.now() - t0 > START_TIMEOUT_MS) finish(false);
    }, 50);
    p.once('exit', () => { if (killAfterMs === null) finish(/Gongkai 已启动/.test(out)); });
  });
}

const adminPrinted = (out: string) => /\badmin\s+\S{19}\s/.test(out);
const hinted = (out: string) => /gongkai user reset-password admin/.test(out);

// A clean first start to learn how long it takes here; kills land anywhere in that window.
const probeDir = mkdtempSync(join(tmpdir(), 'gongkai-fault-'));
const probe = await start(probeDir, null);
rmSync(probeDir, { recursive: true, force: true });
if (!probe.started) throw new Error(`a clean first start failed:\n${probe.out}`);
const maxDelay = Number(process.argv[3] ?? probe.ms);
console.log(`clean first start: ${probe.ms} ms; ${TRIALS} trials, kill -9 at a random moment in 0–${maxDelay} ms`);

let failures = 0;
for (let t = 1; t <= TRIALS; t++) {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-fault-'));
  try {
    const delay = Math.round(Math.random() * maxDelay);
    const first = await start(dir, delay);
    const second = await start(dir, null);
    const db = new Database(join(dir, 'gongkai.sqlite'), { readonly: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    const users = (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
    const plans = (db.prepare('SELECT count(*) AS n FROM plans').get() as { n: number }).n;
    db.close();
    const admin = adminPrinted(first.out) ? 'printed by the killed start' : adminPrinted(second.out) ? 'printed by the second start' : hinted(second.out) ? 'reset-password hint' : 'LOST';
    const ok = second.started && integrity === 'ok' && users === 4 && plans === 1 && admin !== 'LOST';
    if (!ok) failures++;
    console.log(`trial ${t}: killed at ${delay} ms; second start ${second.started ? 'up' : 'FAILED'} in ${second.ms} ms; integrity ${integrity}; users ${users}, plans ${plans}; admin password: ${admin}${ok ? '' : `\n${second.out.slice(-1500)}`}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(failures ? `${failures} of ${TRIALS} trials FAILED` : `all ${TRIALS} trials passed`);
process.exit(failures ? 1 : 0);
