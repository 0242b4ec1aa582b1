// Requests benchmark: a register of N requests (default 100,000) over 5 years (2020–2024) and 60 units.
// Measures server time (in-process HTTP, p50/p95) of the console list/filter pages and the overdue
// dashboard (target p95 ≤ 100 ms), and requestsYear for the district (target ≤ 500 ms), on SQLite and,
// with GONGKAI_BENCH_PG_URL (an admin URL of a scratch server), on PostgreSQL. The naive baseline in the
// same run reads every request of the area into memory and counts there (what a first implementation
// without the cached due/state columns and grouped SQL would do); the q filter's baseline is the LIKE scan
// it replaced (number/description LIKE '%…%', page + capped count, in-process query without HTTP).
//   node --import tsx bench/requests/run.ts
//   REQUESTS=20000 GONGKAI_BENCH_PG_URL=postgres://postgres@127.0.0.1:25432/postgres node --import tsx bench/requests/run.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../../src/app/app.js';
import { bootstrap } from '../../src/bootstrap.js';
import { getCalendar } from '../../src/calendar/public.js';
import { loadConfig } from '../../src/config/config.js';
import { openDatabase } from '../../src/db/connect.js';
import type { Db } from '../../src/db/schema.js';
import { systemActor, type Ctx } from '../../src/lib/context.js';
import { setNowForTests } from '../../src/lib/time.js';
import { createUser } from '../../src/org/org.service.js';
import { Agent } from '../../src/test-support/harness.js';
import { requestsYear } from '../../src/requests/public.js';
import { listRequests } from '../../src/requests/console.service.js';
import { APPLICANT_TYPES, DECISION_CODES, decisionRow, type DecisionCode } from '../../src/requests/table3.js';

const N = Number(process.env.REQUESTS ?? 100_000);
const UNITS = 60;
const RUNS = Number(process.env.RUNS ?? 40);
const TODAY = '2024-11-20';

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!; };
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** Deterministic PRNG (mulberry32). */
function rng(seed: number) {
  return () => { seed |= 0; seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

async function seed(db: Db, areaId: number): Promise<number[]> {
  const at = '2020-01-01T00:00:00.000Z';
  const have = await db.selectFrom('units').select('id').where('area_id', '=', areaId).where('kind', 'not in', ['区', '市']).orderBy('id').execute();
  const extra = Array.from({ length: Math.max(0, UNITS - have.length) }, (_, i) => ({ code: `RQ${i}`, name: `临淄区第${i + 1}承办单位`, kind: '其他' as const, parent_id: areaId, area_id: areaId, sort: 2000 + i, created_at: at }));
  if (extra.length) await db.insertInto('units').values(extra).execute();
  const units = (await db.selectFrom('units').select('id').where('area_id', '=', areaId).where('kind', 'not in', ['区', '市']).orderBy('id').execute()).slice(0, UNITS).map((u) => u.id);
  const cal = await getCalendar(db, areaId);
  const rand = rng(42);
  const start = Date.UTC(2020, 0, 1);
  const end = Date.UTC(2024, 10, 20);
  const seqByYear = new Map<number, number>();
  const rows = [];
  for (let i = 0; i < N; i++) {
    // Slightly more requests in recent years; receipt dates spread over the 5 years.
    const t = start + Math.floor(Math.sqrt(rand()) * (end - start));
    const received = new Date(t).toISOString().slice(0, 10);
    const year = Number(received.slice(0, 4));
    const seq = (seqByYear.get(year) ?? 0) + 1;
    seqByYear.set(year, seq);
    const due = cal.addWorkingDays(received, 20);
    const unit = units[Math.floor(rand() * units.length)]!;
    const age = cal.workingDaysBetween(received, TODAY);
    // Old requests are closed; recent ones open; a few old ones still open (overdue).
    const closed = age > 25 ? rand() > 0.002 : age > 5 && rand() < 0.4;
    const paused = !closed && rand() < 0.1;
    const decision = closed ? DECISION_CODES[Math.floor(Math.pow(rand(), 3) * DECISION_CODES.length)] as DecisionCode : null;
    const took = Math.max(1, Math.min(Math.max(1, age), Math.floor(rand() * 26)));
    const decided = closed ? cal.addWorkingDays(received, took) : null;
    rows.push({
      area_id: areaId, unit_id: unit, handling_unit_id: unit, number: `临淄依申〔${year}〕${String(seq).padStart(5, '0')}号`, channel: rand() < 0.6 ? 'online' : 'in_person',
      state: closed ? 'closed' : paused ? 'paused' : 'running', applicant_type: APPLICANT_TYPES[Math.floor(Math.pow(rand(), 2) * APPLICANT_TYPES.length)]!, applicant_name: `申请人${i}`,
      applicant_id_type: '居民身份证', applicant_id_number: null, applicant_contact: null, applicant_legal_rep: null, applicant_phone: null, applicant_email: null, applicant_address: null,
      description: `申请公开第${i % 997}号项目的审批文件和资金拨付情况`, purpose: null, format: 'electronic', delivery: 'online', submitted_on: received, received_on: received,
      due_on: paused ? null : due, consultation_until: paused ? cal.addWorkingDays(received, 15) : null, decision, decided_on: decided,
      on_time: closed ? (decided! <= due ? 1 : 0) : null, working_days: closed ? cal.workingDaysBetween(received, decided!) : null,
      query_code_hash: null, created_by: 'bench', created_at: at, updated_at: at,
    });
  }
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('info_requests').values(rows.slice(i, i + 500)).execute();
  // 复议/诉讼 register: a few hundred cases.
  const appeals = Array.from({ length: 400 }, (_, i) => ({
    area_id: areaId, unit_id: units[i % units.length]!, request_id: null, kind: ['review', 'litigation_direct', 'litigation_after_review'][i % 3]!, filed_on: `${2020 + (i % 5)}-0${1 + (i % 9)}-15`,
    result: ['upheld', 'corrected', 'other', 'pending'][i % 4]!, concluded_on: i % 4 === 3 ? null : `${2020 + (i % 5)}-1${i % 3}-20`, case_number: null, note: null, created_at: at, updated_at: at,
  }));
  await db.insertInto('info_request_appeals').values(appeals).execute();
  return units;
}

/** The naive baseline: every request of the area into memory, counted in JS. */
async function naiveDashboard(db: Db, areaId: number) {
  const rows = await db.selectFrom('info_requests').selectAll().where('area_id', '=', areaId).execute();
  const by = new Map<number, { overdue: number; week: number; open: number }>();
  for (const r of rows) {
    if (r.state === 'closed') continue;
    const u = r.handling_unit_id ?? r.unit_id;
    const e = by.get(u) ?? { overdue: 0, week: 0, open: 0 };
    e.open++;
    if (r.state === 'running' && r.due_on! < TODAY) e.overdue++;
    if (r.state === 'running' && r.due_on! >= TODAY && r.due_on! <= '2024-11-24') e.week++;
    by.set(u, e);
  }
  return by;
}
/** The register's q filter before the trigram indexes: LIKE '%…%' on number and description, the page and the capped count. */
async function naiveQ(db: Db, areaId: number, term: string) {
  const t = `%${term}%`;
  // `|| ''` keeps PostgreSQL from using the trigram indexes for this LIKE (they serve plain LIKE too): the scan it was.
  const q = db.selectFrom('info_requests').where('area_id', '=', areaId)
    .where((eb) => eb.or([eb(sql<string>`info_requests.number || ''`, 'like', t), eb(sql<string>`info_requests.description || ''`, 'like', t)]));
  return Promise.all([
    q.select(['id', 'number']).orderBy('id', 'desc').limit(50).execute(),
    db.selectFrom(q.select('id').limit(10001).as('c')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
}
async function naiveYear(db: Db, unitIds: number[], year: number) {
  const rows = await db.selectFrom('info_requests').selectAll().where('unit_id', 'in', unitIds).execute();
  const cells = new Map<string, number>();
  const add = (k: string) => cells.set(k, (cells.get(k) ?? 0) + 1);
  for (const r of rows) {
    if (r.received_on?.startsWith(String(year))) add(`一|${r.applicant_type}`);
    if (r.decided_on?.startsWith(String(year))) add(`${decisionRow(r.decision as DecisionCode)}|${r.applicant_type}`);
    if (r.received_on && r.received_on <= `${year}-12-31` && (!r.decided_on || r.decided_on > `${year}-12-31`)) add(`四|${r.applicant_type}`);
  }
  return cells;
}

async function runEngine(label: string, databaseUrl: string | null): Promise<Record<string, string>[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-bench-requests-'));
  const handle = openDatabase({ databaseUrl, dataDir });
  setNowForTests(new Date(`${TODAY}T02:00:00Z`));
  try {
    const { areaId } = await bootstrap(handle, { demo: false });
    const t0 = performance.now();
    const units = await seed(handle.db, areaId);
    await sql`ANALYZE`.execute(handle.db);
    console.log(`[${label}] seeded ${N} requests, ${units.length} units in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const ctx: Ctx = { db: handle.db, dialect: handle.dialect, actor: systemActor('bench') };
    await createUser(ctx, { username: 'bench_admin', displayName: 'bench', role: 'admin', unitId: areaId, password: 'Correct-Horse-Battery-9', mustChangePassword: false });
    const u = units[7]!;
    await createUser(ctx, { username: 'bench_unit', displayName: 'bench', role: 'unit_operator', unitId: u, password: 'Correct-Horse-Battery-9', mustChangePassword: false });
    const config = { ...loadConfig({ GONGKAI_DATA_DIR: dataDir, SESSION_SECRET: 'x'.repeat(40) }), databaseUrl, loginRateLimit: 100000 };
    const app = await buildApp({ config, handle });
    await app.ready();
    const office = new Agent(app);
    await office.loginAs('bench_admin', 'Correct-Horse-Battery-9');
    const unitAgent = new Agent(app);
    await unitAgent.loginAs('bench_unit', 'Correct-Horse-Battery-9');
    const out: Record<string, string>[] = [];
    const page = async (name: string, agent: Agent, url: string) => {
      for (let i = 0; i < 3; i++) await agent.get(url);
      const xs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const s = performance.now();
        const r = await agent.get(url);
        xs.push(performance.now() - s);
        if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode}`);
      }
      out.push({ engine: label, what: name, p50: ms(pct(xs, 50)), p95: ms(pct(xs, 95)) });
    };
    await page('list, default (office, newest first)', office, '/console/requests');
    await page('list, page 200', office, '/console/requests?page=200');
    await page('list, due=overdue', office, '/console/requests?due=overdue');
    await page('list, due=week', office, '/console/requests?due=week');
    await page('list, unit + year 2023', office, `/console/requests?unit=${u}&year=2023`);
    await page('list, state=paused', office, '/console/requests?state=paused');
    await page('list, q=编号', office, `/console/requests?q=${encodeURIComponent('〔2023〕0123')}`);
    await page('list, q=内容 (第123号项目)', office, `/console/requests?q=${encodeURIComponent('第123号项目')}`);
    await page('list, q=no match (不存在的内容)', office, `/console/requests?q=${encodeURIComponent('不存在的内容')}`);
    await page('list, q=2 chars (number only)', office, `/console/requests?q=${encodeURIComponent('99')}`);
    await page('list, q=in every row (审批文件)', office, `/console/requests?q=${encodeURIComponent('审批文件')}`);
    await page('list, unit operator (own unit)', unitAgent, '/console/requests');
    await page('overdue dashboard (district)', office, '/console/requests/dashboard');
    await page('overdue dashboard (unit)', unitAgent, '/console/requests/dashboard');
    const timeFn = async (name: string, fn: () => Promise<unknown>, runs = 10) => {
      await fn();
      const xs: number[] = [];
      for (let i = 0; i < runs; i++) { const s = performance.now(); await fn(); xs.push(performance.now() - s); }
      out.push({ engine: label, what: name, p50: ms(pct(xs, 50)), p95: ms(pct(xs, 95)) });
    };
    const all = [areaId, ...units];
    await timeFn('requestsYear(district, 2023)', () => requestsYear(handle.db, { unitIds: all }, 2023));
    // The q filter in process (no HTTP), next to the LIKE scan it replaced, on the same terms.
    for (const term of ['〔2023〕0123', '第123号项目', '不存在的内容', '审批文件']) {
      await timeFn(`q=${term}: listRequests (trigram index)`, () => listRequests(ctx, { q: term }, TODAY));
      await timeFn(`baseline: q=${term} by LIKE scan (page + capped count)`, () => naiveQ(handle.db, areaId, term), 5);
    }
    await timeFn('baseline: naive dashboard (all rows into JS)', () => naiveDashboard(handle.db, areaId), 5);
    await timeFn('baseline: naive requestsYear (all rows into JS)', () => naiveYear(handle.db, all, 2023), 5);
    const y = await requestsYear(handle.db, { unitIds: all }, 2023);
    console.log(`[${label}] 2023: 一 ${y.table3['一、本年新收政府信息公开申请数量']['总计']}, （七） ${y.table3['（七）总计']['总计']}, 四 ${y.table3['四、结转下年度继续办理']['总计']}, on time ${(100 * (y.onTimeRate ?? 0)).toFixed(1)}%, median ${y.medianWorkingDays} days`);
    await app.close();
    console.log(`[${label}] load average now ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    return out;
  } finally {
    setNowForTests(null);
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}; ${N} requests`);
const results = process.env.ENGINES === 'postgres' ? [] : await runEngine('sqlite', null);
const pgUrl = process.env.ENGINES === 'sqlite' ? undefined : process.env.GONGKAI_BENCH_PG_URL;
if (pgUrl) {
  const name = `gk_bench_requests_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  admin.on('error', (err) => console.error(`admin connection: ${err.message}`));
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  try {
    results.push(...await runEngine('postgres', url.toString()));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
} else console.log('GONGKAI_BENCH_PG_URL not set: PostgreSQL skipped');
console.table(results);
