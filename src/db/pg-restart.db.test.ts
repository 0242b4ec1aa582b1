// A PostgreSQL restart under load (a private throwaway cluster this test starts and restarts itself):
// the server process survives, answers 503 (Chinese page) while the database is away, and serves
// again when it returns, without a restart of its own.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startThrowawayCluster, type Cluster } from './throwaway-pg.js';
import { openDatabase } from './connect.js';
import { bootstrap } from '../bootstrap.js';
import { systemActor } from '../lib/context.js';
import { createUser } from '../org/org.service.js';
import { createApiToken } from '../auth/auth.service.js';
import { itemFields } from '../disclosure/items.fixtures.js';

describe('PostgreSQL restart under load', () => {
  let cluster: Cluster | null = null;
  let server: ChildProcess | null = null;
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-restart-'));
  before(async () => {
    if (process.env.GONGKAI_TEST_DB !== 'postgres') return;
    cluster = await startThrowawayCluster();
  });
  after(() => {
    server?.kill('SIGKILL');
    cluster?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('the node survives a fast restart of the database, 503 during the outage, 200 after', async (t) => {
    if (!cluster) return t.skip('PostgreSQL only (SQLite has no server to restart)');
    // An admin with an API token publishes throughout (transactions that segment text while holding a connection).
    const setup = openDatabase({ databaseUrl: cluster.url, dataDir });
    const { areaId } = await bootstrap(setup, { demo: false });
    const sys = { db: setup.db, dialect: setup.dialect, actor: systemActor('测试') };
    await createUser(sys, { username: 'r_admin', displayName: '管理员', role: 'admin', unitId: areaId, password: 'Correct-Horse-Battery-9', mustChangePassword: false });
    const token = await createApiToken(sys, 'r_admin', '压测');
    const unitId = (await setup.db.selectFrom('units').select('id').where('name', '=', '区财政局').executeTakeFirstOrThrow()).id;
    await setup.close();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', GONGKAI_DATA_DIR: dataDir, DATABASE_URL: cluster.url, SESSION_SECRET: 'z'.repeat(40), GONGKAI_SEARCH_RATE_LIMIT: '1000000' };
    server = spawn(process.execPath, ['bin/gongkai.js', 'serve', '--no-demo'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    server.stdout!.on('data', (d) => { out += d; });
    server.stderr!.on('data', (d) => { out += d; });
    const deadline = Date.now() + 90_000;
    while (!/http:\/\/127\.0\.0\.1:(\d+)\//.test(out) && Date.now() < deadline && server.exitCode === null) await new Promise((r) => setTimeout(r, 100));
    const port = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out)?.[1];
    assert.ok(port, out);
    const base = `http://127.0.0.1:${port}`;
    const statuses = new Map<number, number>();
    const bodies503: string[] = [];
    let refused = 0;
    let running = true;
    const urls = ['/', '/search?q=政务公开', '/catalog', '/api/v1/public/items', '/login'];
    const loop = async (k: number) => {
      for (let i = k; running; i++) {
        try {
          const r = await fetch(base + urls[i % urls.length]!, { signal: AbortSignal.timeout(15_000) });
          const body = await r.text();
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          if (r.status === 503 && bodies503.length < 3 && !r.url.includes('/api/')) bodies503.push(body);
        } catch {
          refused++;
          await new Promise((res) => setTimeout(res, 50));
        }
      }
    };
    const api = (path: string, body: unknown) => fetch(base + path, { method: 'POST', signal: AbortSignal.timeout(15_000), headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    let published = 0;
    const publisher = async () => {
      while (running) {
        try {
          const c = await api('/api/v1/items', itemFields({ unitId, title: `压力测试发布${published}`, body: `<p>${'推进政务公开标准化规范化建设，'.repeat(300)}</p>` }));
          statuses.set(c.status, (statuses.get(c.status) ?? 0) + 1);
          if (c.status !== 201) { await c.text(); continue; }
          const id = (await c.json()).data.id as number;
          for (const [path, body] of [['submit', {}], ['publish', { confidentialityChecked: true, attribute: 'proactive' }]] as const) {
            const r = await api(`/api/v1/items/${id}/${path}`, body);
            await r.text();
            statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
            if (r.status === 200 && path === 'publish') published++;
          }
        } catch {
          refused++;
          await new Promise((res) => setTimeout(res, 50));
        }
      }
    };
    const loops = [...Array.from({ length: 10 }, (_, k) => loop(k)), ...Array.from({ length: 4 }, () => publisher())];
    await new Promise((r) => setTimeout(r, 1500));
    cluster.stop(); // fast shutdown: every backend, busy or idle, is terminated (57P01)
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(server.exitCode, null, `the node died when the database went away:\n${out.slice(-3000)}`);
    cluster.start();
    // Recovery without restarting the node.
    let recovered = false;
    for (let i = 0; i < 60 && !recovered; i++) {
      await new Promise((r) => setTimeout(r, 500));
      recovered = (await fetch(`${base}/catalog`).then((r) => r.status).catch(() => 0)) === 200;
    }
    running = false;
    await Promise.all(loops);
    assert.equal(server.exitCode, null, `the node died:\n${out.slice(-3000)}`);
    assert.ok(published > 0, `publishing ran: ${JSON.stringify([...statuses])}\n${out.slice(-2000)}`);
    assert.ok(recovered, `no 200 after the database returned: ${JSON.stringify([...statuses])}`);
    assert.equal(refused, 0, 'no request failed at the connection level (the node kept listening)');
    assert.ok((statuses.get(503) ?? 0) > 0, `503 during the outage: ${JSON.stringify([...statuses])}`);
    assert.equal(statuses.get(500) ?? 0, 0, `no 500: ${JSON.stringify([...statuses])}\n${out.slice(-2000)}`);
    assert.ok(bodies503.some((b) => /服务暂时不可用/.test(b) && /数据库暂时无法访问，请稍后重试/.test(b)), bodies503[0]?.slice(0, 500));
  });
});
