// Two server processes on one database (behind a load balancer), started as an operator does,
// without SESSION_SECRET: a session made on one node is accepted by the other.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDb, type TestDb } from '../db/test-db.js';
import { bootstrap } from '../bootstrap.js';
import { systemActor } from '../lib/context.js';
import { createUser } from '../org/org.service.js';

const PASSWORD = 'Correct-Horse-Battery-9';

async function startNode(tdb: TestDb, dataDir: string, procs: ChildProcess[]): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', GONGKAI_DATA_DIR: dataDir, DATABASE_URL: tdb.databaseUrl ?? `sqlite:${join(tdb.dataDir, 'gongkai.sqlite')}` };
  delete env.SESSION_SECRET;
  const p = spawn(process.execPath, ['bin/gongkai.js', 'serve', '--no-demo'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  procs.push(p);
  let out = '';
  p.stdout!.on('data', (d) => { out += d; });
  p.stderr!.on('data', (d) => { out += d; });
  const deadline = Date.now() + 60_000;
  while (!/http:\/\/127\.0\.0\.1:(\d+)\//.test(out) && Date.now() < deadline && p.exitCode === null) await new Promise((r) => setTimeout(r, 100));
  const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
  assert.ok(m, out);
  return Number(m[1]);
}

describe('two nodes, no SESSION_SECRET', () => {
  let tdb: TestDb;
  const procs: ChildProcess[] = [];
  const dirs = [mkdtempSync(join(tmpdir(), 'gongkai-node1-')), mkdtempSync(join(tmpdir(), 'gongkai-node2-'))];
  before(async () => {
    tdb = await createTestDb();
    const { areaId } = await bootstrap(tdb, { demo: false });
    await createUser({ db: tdb.db, dialect: tdb.dialect, actor: systemActor('测试') }, { username: 'n_admin', displayName: '管理员', role: 'admin', unitId: areaId, password: PASSWORD, mustChangePassword: false });
  });
  after(async () => {
    for (const p of procs) p.kill('SIGKILL');
    await tdb.destroy().catch(() => {});
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test('a session created on node 1 is valid on node 2 (the cookie secret is shared through the database)', async () => {
    const [p1, p2] = await Promise.all([startNode(tdb, dirs[0]!, procs), startNode(tdb, dirs[1]!, procs)]);
    const loginPage = await fetch(`http://127.0.0.1:${p1}/login`);
    const cookies = loginPage.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await loginPage.text())![1]!;
    const login = await fetch(`http://127.0.0.1:${p1}/login`, {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies },
      body: new URLSearchParams({ _csrf: csrf, username: 'n_admin', password: PASSWORD }).toString(),
    });
    assert.equal(login.status, 303);
    const session = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    for (const port of [p1, p2]) {
      const r = await fetch(`http://127.0.0.1:${port}/console/plans`, { redirect: 'manual', headers: { cookie: `${cookies}; ${session}` } });
      assert.equal(r.status, 200, `node on port ${port}: ${r.status} ${r.headers.get('location') ?? ''}`);
    }
  });
});
