/**
 * Portal under load while publishing runs (issue 18): 200 connections × N seconds of autocannon on
 * the public portal of a real `gongkai serve` process (SQLite, fresh data dir), first alone
 * (baseline), then with publishers creating, submitting and publishing items through the API as
 * fast as they can. Prints req/s, latency p50/p99, timeouts, errors, non-2xx, publications/s.
 *
 *   node --import tsx bench/load/portal-publishing.ts [seconds=60] [connections=200] [publishers=2]
 *   BENCH_CPU_PROF=/tmp/prof node --import tsx bench/load/portal-publishing.ts 20   # + a CPU profile of the server
 *
 * Run of record (idle machine): `node --import tsx bench/load/portal-publishing.ts 60 200 2` — see README.md.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/connect.js';
import { bootstrap } from '../../src/bootstrap.js';
import { systemActor } from '../../src/lib/context.js';
import { createUser } from '../../src/org/org.service.js';
import { createApiToken } from '../../src/auth/auth.service.js';

type Result = { requests: { average: number; total: number }; latency: { p50: number; p99: number; max: number }; non2xx: number; errors: number; timeouts: number };
const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as (o: Record<string, unknown>) => Promise<Result>;

const SECONDS = Number(process.argv[2] ?? 60);
const CONNECTIONS = Number(process.argv[3] ?? 200);
const PUBLISHERS = Number(process.argv[4] ?? 2);
const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-load-'));

const setup = openDatabase({ databaseUrl: null, dataDir });
const { areaId } = await bootstrap(setup, { demo: false });
const sys = { db: setup.db, dialect: setup.dialect, actor: systemActor('压测') };
await createUser(sys, { username: 'load_admin', displayName: '压测管理员', role: 'admin', unitId: areaId, password: 'Correct-horse-9', mustChangePassword: false });
const token = await createApiToken(sys, 'load_admin', '压测');
const unitIds = (await setup.db.selectFrom('units').select('id').where('area_id', '=', areaId).where('kind', '!=', '区').orderBy('id').limit(10).execute()).map((u) => u.id);
await setup.close();

const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', GONGKAI_DATA_DIR: dataDir, SESSION_SECRET: 'b'.repeat(40), GONGKAI_SEARCH_RATE_LIMIT: '10000000' };
delete env.DATABASE_URL;
// BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it exits (open in Chrome DevTools).
const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
const child = spawn(process.execPath, [...prof, 'bin/gongkai.js', 'serve', '--no-demo'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
let log = '';
child.stderr.on('data', (d) => { log += d; if (process.env.BENCH_SERVER_LOG) process.stderr.write(d); });
const port = await new Promise<number>((resolve, reject) => {
  child.stdout.on('data', (b: Buffer) => { const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(b.toString()); if (m) resolve(Number(m[1])); });
  child.once('exit', (code) => reject(new Error(`server exited ${code}: ${log}`)));
});
const base = `http://127.0.0.1:${port}`;

const words = ['保障性租赁住房', '义务教育招生', '老旧小区改造', '乡村振兴', '养老服务', '营商环境', '医疗保障', '减税降费', '河长制', '垃圾分类'];
const api = async (path: string, body: unknown) => {
  const r = await fetch(base + path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, text, json: () => JSON.parse(text) };
};
let serial = 0;
/** One publication: create, submit, publish (three transactions, the last segments and indexes the text). */
async function publishOne(): Promise<boolean> {
  const n = serial++;
  const w = words[n % words.length]!;
  const c = await api('/api/v1/items', {
    itemType: 'general', title: `关于${w}工作的通知（第${n}号）`, categoryCode: 'czyjs-ys', formedOn: '2026-11-20', attribute: 'proactive', unitId: unitIds[n % unitIds.length],
    body: `<p>${`为进一步做好${w}工作，现将有关事项通知如下。`.repeat(20)}</p>`,
  });
  if (c.status !== 201) return fail('create', c);
  const id = c.json().data.id as number;
  const s = await api(`/api/v1/items/${id}/submit`, {});
  if (s.status !== 200) return fail('submit', s);
  const p = await api(`/api/v1/items/${id}/publish`, { confidentialityChecked: true, attribute: 'proactive' });
  return p.status === 200 || fail('publish', p);
}
let reported = 0;
/** Prints the first few failures (status and answer), so a changed API contract shows at once. */
function fail(step: string, r: { status: number; text: string }): false {
  if (reported++ < 3) console.error(`${step} failed: ${r.status} ${r.text.slice(0, 300)}`);
  return false;
}

// Content for the portal: 300 published items.
for (let i = 0; i < 300; i += 6) await Promise.all(Array.from({ length: 6 }, () => publishOne()));
const ids: number[] = [];
for (let page = 1; page <= 3; page++) {
  const body = await (await fetch(`${base}/api/v1/public/items?page=${page}`)).json() as { data: { items: { id: number }[] } };
  ids.push(...body.data.items.map((x) => x.id));
}
if (ids.length === 0) throw new Error(`no published items: ${log}`);
const paths = ['/', '/catalog', ...words.map((w) => `/search?q=${encodeURIComponent(w)}`), ...ids.slice(0, 50).map((id) => `/items/${id}`)];
// Warm-up, not measured: every path once (JIT, first renders), so both phases measure a running server.
for (const p of paths) await (await fetch(base + p)).text();

async function measure(label: string, publishing: boolean) {
  let running = publishing;
  let ok = 0;
  let failed = 0;
  const pubs = publishing ? Array.from({ length: PUBLISHERS }, async () => {
    while (running) { try { if (await publishOne()) ok++; else failed++; } catch { failed++; } }
  }) : [];
  let i = 0;
  const t0 = Date.now();
  const r = await autocannon({
    url: base, connections: CONNECTIONS, duration: SECONDS, timeout: 10,
    requests: [{ method: 'GET', setupRequest: (req: Record<string, unknown>) => ({ ...req, path: paths[i++ % paths.length] }) }],
  });
  running = false;
  await Promise.all(pubs);
  const secs = (Date.now() - t0) / 1000;
  console.log(`${label.padEnd(28)} ${Math.round(r.requests.average).toString().padStart(5)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  max ${r.latency.max} ms  timeouts ${r.timeouts}  errors ${r.errors}  non-2xx ${r.non2xx}`
    + (publishing ? `  | published ${ok} (${(ok / secs).toFixed(1)}/s), failed ${failed}` : ''));
}

console.log(`autocannon ${CONNECTIONS} connections × ${SECONDS} s, loopback, SQLite, ${paths.length} portal paths (home, catalog, search, item pages); ${PUBLISHERS} API publishers`);
try {
  await measure('portal alone (baseline)', false);
  await measure('portal + publishing', true);
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  rmSync(dataDir, { recursive: true, force: true });
}
