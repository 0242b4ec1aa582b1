// Annual-report benchmark: the district 汇总 over 60 units and 100,000 requests (plus appeals and
// normative documents), target ≤ 2 s; baseline in the same run: requestsYear alone (tables 3 and 4).
// On SQLite and, when GONGKAI_BENCH_PG_URL is set (an admin URL of a scratch server), on PostgreSQL.
//   node --import tsx bench/report/run.ts                 (REQUESTS=100000 UNITS=60 RUNS=5 by default)
//   GONGKAI_BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/report/run.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { bootstrap } from '../../src/bootstrap.js';
import { openDatabase, type DbHandle } from '../../src/db/connect.js';
import { DECISION_CODES, requestsYear } from '../../src/requests/public.js';
import { compose } from '../../src/report/report.service.js';
import { scopeUnitIds } from '../../src/report/report.service.js';

const N = Number(process.env.REQUESTS ?? 100_000);
const UNITS = Number(process.env.UNITS ?? 60);
const RUNS = Number(process.env.RUNS ?? 5);
const YEAR = 2022;
const TYPES = ['natural', 'natural', 'natural', 'commercial', 'research', 'social', 'legal_service', 'other_org'];

// Deterministic PRNG (mulberry32).
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const day = (y: number, doy: number) => new Date(Date.UTC(y, 0, 1) + doy * 86_400_000).toISOString().slice(0, 10);

async function seed(handle: DbHandle, areaId: number) {
  const db = handle.db;
  const at = new Date().toISOString();
  const existing = await db.selectFrom('units').select('id').where('area_id', '=', areaId).where('id', '<>', areaId).execute();
  for (let i = existing.length; i < UNITS - 1; i++) {
    await db.insertInto('units').values({ code: `bench${i}`, name: `基准单位${i}`, kind: '区直部门', parent_id: areaId, area_id: areaId, sort: 100 + i, created_at: at }).execute();
  }
  const units = (await db.selectFrom('units').select('id').where((eb) => eb.or([eb('area_id', '=', areaId), eb('id', '=', areaId)])).where('kind', '<>', '市').execute()).map((u) => u.id).slice(0, UNITS);
  const rnd = prng(42);
  const rows = [];
  for (let i = 0; i < N; i++) {
    const y = rnd() < 0.45 ? YEAR - 1 : YEAR;
    const doy = Math.floor(rnd() * 365);
    const received = day(y, doy);
    const open = rnd() < 0.03;
    const decided = open ? null : day(y, Math.min(doy + 3 + Math.floor(rnd() * 25), 364 + (y === YEAR - 1 ? 20 : 0)));
    rows.push({
      area_id: areaId, unit_id: units[Math.floor(rnd() * units.length)]!, handling_unit_id: null, number: null, channel: 'online', state: open ? 'running' : 'closed',
      applicant_type: TYPES[Math.floor(rnd() * TYPES.length)]!, applicant_name: `申请人${i}`, applicant_id_type: null, applicant_id_number: null, applicant_contact: null,
      applicant_phone: null, applicant_email: null, applicant_address: null, description: '基准', purpose: null, format: null, delivery: null,
      submitted_on: received, received_on: received, due_on: null, consultation_until: null,
      decision: open ? null : DECISION_CODES[Math.floor(rnd() * DECISION_CODES.length)]!, decided_on: decided, on_time: open ? null : rnd() < 0.95 ? 1 : 0,
      working_days: open ? null : 1 + Math.floor(rnd() * 20), query_code_hash: null, created_by: 'bench', created_at: at, updated_at: at,
    });
  }
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('info_requests').values(rows.slice(i, i + 500)).execute();
  const appeals = [];
  for (let i = 0; i < 600; i++) {
    appeals.push({ area_id: areaId, unit_id: units[i % units.length]!, kind: ['review', 'litigation_direct', 'litigation_after_review'][i % 3]!, filed_on: day(YEAR - (i % 2), i % 300),
      result: ['pending', 'upheld', 'corrected', 'other'][i % 4]!, concluded_on: i % 4 ? day(YEAR, (i % 300) + 30) : null, request_id: null, case_number: null, note: null, created_at: at, updated_at: at });
  }
  await db.insertInto('info_request_appeals').values(appeals as never).execute();
  // 3,000 normative documents, some repealed or expired.
  const items = [];
  for (let i = 0; i < 3000; i++) {
    const published = day(YEAR - 1 - (i % 3), i % 360);
    items.push({
      area_id: areaId, unit_id: units[i % units.length]!, index_no: `bench-${i}`, doc_number: `临基发〔${YEAR}〕${i}号`, title: `基准规范性文件${i}`, item_type: 'normative', category_code: 'zcwj-gfxwj', topic_code: null,
      body_html: '<p>基准</p>', body_text: '基准', written_on: published, formed_on: published, published_on: published, published_at: `${published}T02:00:00.000Z`, attribute: 'proactive',
      withheld_basis: null, attribute_reason: null, status: 'published', disclosure_days: 20, due_date: published, validity: i % 10 === 0 ? 'repealed' : 'valid',
      valid_until: i % 7 === 0 ? day(YEAR, i % 360) : null, replaced_by_id: null, policy_item_id: null, interp_form: null, needs_interpretation: 0, interp_exempt_reason: null,
      next_review_on: null, privacy_json: null, created_by: null, created_at: at, updated_at: `${day(YEAR, i % 360)}T02:00:00.000Z`,
    });
  }
  for (let i = 0; i < items.length; i += 200) await db.insertInto('info_items').values(items.slice(i, i + 200) as never).execute();
  return units;
}

const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function runEngine(label: string, databaseUrl: string | null) {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-bench-report-'));
  const handle = openDatabase({ databaseUrl, dataDir });
  try {
    const { areaId } = await bootstrap(handle, { demo: false });
    const t0 = performance.now();
    const units = await seed(handle, areaId);
    await sql`ANALYZE`.execute(handle.db);
    console.log(`[${label}] seeded ${units.length} units, ${N} requests in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const district = (await handle.db.selectFrom('units').selectAll().where('id', '=', areaId).executeTakeFirstOrThrow());
    const ids = await scopeUnitIds(handle.db, district, '汇总');
    const base: number[] = [];
    const full: number[] = [];
    let fails = 0;
    for (let i = 0; i < RUNS + 1; i++) {
      let s = performance.now();
      await requestsYear(handle.db, { unitIds: ids }, YEAR);
      if (i) base.push(performance.now() - s);
      s = performance.now();
      const c = await compose(handle.db, areaId, district, YEAR, '汇总', null);
      if (i) full.push(performance.now() - s);
      fails = c.checks.filter((x) => x.id.startsWith('t3.') && x.status === 'FAIL').length;
    }
    const r = { engine: label, units: ids.length, requests: N, requestsYearMedian: `${med(base).toFixed(0)} ms`, districtReportMedian: `${med(full).toFixed(0)} ms`, districtReportMax: `${Math.max(...full).toFixed(0)} ms`, table3Fails: fails };
    console.log(`[${label}] load average now ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    return r;
  } finally {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const results = [await runEngine('sqlite', null)];
const pgUrl = process.env.GONGKAI_BENCH_PG_URL;
if (pgUrl) {
  const name = `gk_bench_report_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgUrl });
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
