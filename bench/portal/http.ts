/**
 * Portal throughput over loopback with autocannon (50 connections): the item page and the search
 * page against the same server answering a static string (the ceiling of this stack on this
 * machine). The server runs in a child process on the benchmark database of bench/search/run.ts
 * (100,000 published documents); the search rate limit is raised to 10,000,000 a minute for the run.
 *
 *   node --import tsx bench/portal/http.ts [seconds=10] [db=bench/out/search-100000.sqlite]
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as (o: Record<string, unknown>) => Promise<{ requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number }>;

const SECONDS = Number(process.argv[2] ?? 10);
const DB = process.argv[3] ?? new URL('../out/search-100000.sqlite', import.meta.url).pathname;

const probe = new Database(DB, { readonly: true });
const ids = (probe.prepare(`SELECT id FROM info_items WHERE status = 'published' AND attribute = 'proactive' ORDER BY id LIMIT 2000`).all() as { id: number }[]).map((r) => r.id);
probe.close();
const queries = ['保障性租赁住房', '义务教育招生划片', '行政处罚决定', '减税降费', '三公经费', '老旧小区改造', '乡村振兴', '养老服务', '营商环境', '医疗保障'];

async function startServer(cache: 'on' | 'off'): Promise<{ port: number; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./server.ts', import.meta.url).pathname, DB, cache], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => { const m = /listening (\d+)/.exec(b.toString()); if (m) resolve(Number(m[1])); });
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return { port, stop: () => child.kill('SIGTERM') };
}

async function run(label: string, port: number, paths: string[]) {
  let i = 0;
  const r = await autocannon({
    url: `http://127.0.0.1:${port}`, connections: 50, duration: SECONDS,
    requests: [{ method: 'GET', setupRequest: (req: Record<string, unknown>) => ({ ...req, path: paths[i++ % paths.length] }) }],
  });
  console.log(`${label.padEnd(46)} ${Math.round(r.requests.average).toString().padStart(6)} req/s   latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms   non-2xx ${r.non2xx}, errors ${r.errors}`);
}

console.log(`autocannon, 50 connections, ${SECONDS} s each, loopback; database ${DB} (${ids.length}+ public items)`);
const server = await startServer('on');
try {
  await run('static string (ceiling)', server.port, ['/bench/static']);
  await run('item page, one item', server.port, [`/items/${ids[0]}`]);
  await run(`item page, ${ids.length} different items`, server.port, ids.map((id) => `/items/${id}`));
  await run('search page, one query (caches on)', server.port, [`/search?q=${encodeURIComponent(queries[0]!)}`]);
  await run(`search page, ${queries.length * 8} queries×years (caches on)`, server.port, queries.flatMap((q) => [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026].map((y) => `/search?q=${encodeURIComponent(q)}&year=${y}`)));
} finally {
  server.stop();
}
const uncached = await startServer('off');
try {
  await run('item page, 2000 items, caches off', uncached.port, ids.map((id) => `/items/${id}`));
  await run('search page, one query, caches off', uncached.port, [`/search?q=${encodeURIComponent(queries[0]!)}`]);
} finally {
  uncached.stop();
}
