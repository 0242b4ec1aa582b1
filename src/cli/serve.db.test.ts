// The README's first command, as a new user runs it: `npm start` on an empty data dir.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createTestDb, type TestDb } from '../db/test-db.js';

describe('npm start on an empty data dir', () => {
  let tdb: TestDb;
  let proc: ChildProcess;
  let out = '';
  before(async () => { tdb = await createTestDb(); await tdb.close(); });
  after(async () => {
    // The start script runs under sh; kill the whole process group so no server outlives the test.
    if (proc?.pid) {
      try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* already gone */ }
      proc.stdout?.destroy();
      proc.stderr?.destroy();
    }
    await tdb.destroy().catch(() => {});
  });

  test('starts, loads the Linzi plan, prints demo accounts once, and the admin can log in', async () => {
    const start = JSON.parse(readFileSync('package.json', 'utf8')).scripts.start as string;
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', GONGKAI_DATA_DIR: tdb.dataDir };
    if (tdb.databaseUrl) env.DATABASE_URL = tdb.databaseUrl;
    else delete env.DATABASE_URL;
    proc = spawn('sh', ['-c', start], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    proc.stdout!.on('data', (d) => { out += d; });
    proc.stderr!.on('data', (d) => { out += d; });
    const deadline = Date.now() + 60_000;
    // The demo accounts may arrive in several chunks: wait for the last one (auditor).
    while (!/auditor\s+\S{19}/.test(out) && Date.now() < deadline && proc.exitCode === null) await new Promise((r) => setTimeout(r, 100));
    assert.match(out, /已载入默认工作方案：2022年临淄区政务公开工作方案（63 项任务）/, out);
    const port = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out)![1];
    const password = /admin\s+(\S+)/.exec(out)![1]!;
    for (const role of ['operator', 'reviewer', 'auditor']) assert.match(out, new RegExp(`${role}\\s+\\S{19}`));
    const home = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(home.status, 200);
    assert.match(await home.text(), /<html lang="zh-CN">/);
    const loginPage = await fetch(`http://127.0.0.1:${port}/login`);
    const cookies = loginPage.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await loginPage.text())![1]!;
    const login = await fetch(`http://127.0.0.1:${port}/login`, {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies },
      body: new URLSearchParams({ _csrf: csrf, username: 'admin', password }).toString(),
    });
    assert.equal(login.status, 303);
    const session = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const plans = await fetch(`http://127.0.0.1:${port}/console/plans`, { headers: { cookie: `${cookies}; ${session}` } });
    assert.equal(plans.status, 200);
    assert.match(await plans.text(), /2022年临淄区政务公开工作方案/);
  });
});
