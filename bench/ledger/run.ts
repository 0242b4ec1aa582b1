// Ledger benchmark: 200 units × the 63 tasks of the Linzi 2022 plan × 3 measures (37,800 measures).
// Measures the dashboard page's server time (p50/p95 over in-process requests, target p95 ≤ 150 ms on
// SQLite) and the district-wide .xlsx export (target ≤ 5 s), on SQLite and, when GONGKAI_BENCH_PG_URL
// is set (an admin URL of a scratch server), on PostgreSQL.
//   node --import tsx bench/ledger/run.ts
//   GONGKAI_BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/ledger/run.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { bootstrap } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config/config.js';
import { openDatabase } from '../../src/db/connect.js';
import { systemActor, type Ctx } from '../../src/lib/context.js';
import { setNowForTests } from '../../src/lib/time.js';
import { createUser } from '../../src/org/org.service.js';
import { Agent } from '../../src/test-support/harness.js';
import { buildApp } from '../../src/app/app.js';
import { seed, UNITS, TODAY } from './seed.js';
import { exportDistrict } from '../../src/ledger/ledger-excel.js';
import { runLedgerTracking } from '../../src/ledger/ledger-tracking.js';
import { updateMeasureStatus } from '../../src/ledger/ledger.service.js';
import { sql } from 'kysely';

const REQUESTS = Number(process.env.REQUESTS ?? 60);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function runEngine(label: string, databaseUrl: string | null): Promise<Record<string, string>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-bench-ledger-'));
  const handle = openDatabase({ databaseUrl, dataDir });
  setNowForTests(new Date(`${TODAY}T02:00:00Z`));
  try {
    const { areaId } = await bootstrap(handle, { demo: false });
    const t0 = performance.now();
    const { planId } = await seed(handle, areaId);
    const ctx: Ctx = { db: handle.db, dialect: handle.dialect, actor: systemActor('bench') };
    // A live database has planner statistics; a freshly bulk-loaded one gets them here.
    await sql`ANALYZE`.execute(handle.db);
    const counts = await handle.db.selectFrom('ledger_measures').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    console.log(`[${label}] seeded ${UNITS} units, ${Number(counts.n)} measures in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await createUser(ctx, { username: 'bench_admin', displayName: 'bench', role: 'admin', unitId: areaId, password: 'correct-horse-battery' });
    const config = { ...loadConfig({ GONGKAI_DATA_DIR: dataDir, SESSION_SECRET: 'x'.repeat(40) }), databaseUrl, loginRateLimit: 100000 };
    const app = await buildApp({ config, handle });
    await app.ready();
    const agent = new Agent(app);
    await agent.loginAs('bench_admin', 'correct-horse-battery');
    const url = `/console/ledger-dashboard?plan=${planId}`;

    const time = async (n: number, between?: (i: number) => Promise<void>) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        if (between) await between(i);
        const s = performance.now();
        const r = await agent.get(url);
        out.push(performance.now() - s);
        if (r.statusCode !== 200) throw new Error(`dashboard ${r.statusCode}`);
      }
      return out;
    };
    const cold = await time(1);
    await time(5);
    const warm = await time(REQUESTS);
    // Data changing between views: a unit completes a measure (through the service, as the console
    // does) before every request, so the figures are recomputed each time.
    const open = await handle.db.selectFrom('ledger_measures').select(['id', 'ledger_id']).where('status', '<>', 'done').orderBy('id').limit(REQUESTS * 50).execute();
    const picks = Array.from({ length: REQUESTS }, (_, i) => open[(i * 47) % open.length]!);
    const changing = await time(REQUESTS, async (i) => { await updateMeasureStatus(ctx, picks[i]!.ledger_id, picks[i]!.id, { status: 'done', completedOn: '2022-10-09' }); });
    console.log(`[${label}] dashboard: cold ${ms(cold[0]!)}; unchanged data p50 ${ms(pct(warm, 50))} p95 ${ms(pct(warm, 95))}; changing data p50 ${ms(pct(changing, 50))} p95 ${ms(pct(changing, 95))} (${REQUESTS} requests each)`);

    const ex: number[] = [];
    let size = 0;
    for (let i = 0; i < 2; i++) {
      const s = performance.now();
      const r = await exportDistrict(ctx, planId);
      ex.push(performance.now() - s);
      size = r.buffer.length;
    }
    console.log(`[${label}] district export: ${ex.map((x) => `${(x / 1000).toFixed(2)} s`).join(', ')} (${(size / 1024 / 1024).toFixed(2)} MB, ${UNITS} sheets)`);

    const s = performance.now();
    const job = await runLedgerTracking(ctx, TODAY);
    const jobMs = performance.now() - s;
    console.log(`[${label}] tracking job: ${(jobMs / 1000).toFixed(2)} s (marked ${job.markedOverdue}, reminders ${JSON.stringify(job.reminders)})`);
    await app.close();
    console.log(`[${label}] load average now ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    return {
      engine: label, cold: ms(cold[0]!), warmP50: ms(pct(warm, 50)), warmP95: ms(pct(warm, 95)), changingP50: ms(pct(changing, 50)), changingP95: ms(pct(changing, 95)),
      export: `${(Math.min(...ex) / 1000).toFixed(2)} s`, job: `${(jobMs / 1000).toFixed(2)} s`,
    };
  } finally {
    setNowForTests(null);
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const results = [await runEngine('sqlite', null)];
const pgUrl = process.env.GONGKAI_BENCH_PG_URL;
if (pgUrl) {
  const name = `gk_bench_ledger_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  admin.on('error', (err) => console.error(`admin connection: ${err.message}`));
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  try {
    results.push(await runEngine('postgres', u.toString()));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
} else console.log('GONGKAI_BENCH_PG_URL not set: PostgreSQL skipped');
console.table(results);
