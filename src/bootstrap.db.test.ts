// First start under faults: nodes starting together on an empty database, and a first start killed half-way.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { bootstrap } from './bootstrap.js';
import { createTestDb, type TestDb } from './db/test-db.js';
import { openDatabase } from './db/connect.js';
import { systemActor } from './lib/context.js';
import { createUser } from './org/org.service.js';

const startNode = (tdb: TestDb) => new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
  const p = spawn(process.execPath, ['--import', 'tsx', 'src/db/fixtures/start-node.ts', tdb.databaseUrl ?? '-', tdb.dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  p.stdout.on('data', (d) => { out += d; });
  p.stderr.on('data', (d) => { err += d; });
  p.on('close', (code) => resolve({ code, out, err }));
});

describe('first start', () => {
  const dbs: TestDb[] = [];
  after(async () => { for (const d of dbs) await d.destroy().catch(() => {}); });

  test('two nodes starting together on an empty database both succeed; org, plan and demo accounts are created once', async (t) => {
    const tdb = await createTestDb({ migrate: false });
    dbs.push(tdb);
    await tdb.close();
    if (tdb.dialect === 'sqlite') return t.skip('one SQLite file is served by one node');
    const [a, b] = await Promise.all([startNode(tdb), startNode(tdb)]);
    assert.equal(a.code, 0, a.err);
    assert.equal(b.code, 0, b.err);
    const printed = [a, b].map((r) => JSON.parse(r.out.trim().split('\n').pop()!).demo as string[]).sort((x, y) => x.length - y.length);
    assert.deepEqual(printed, [[], ['admin', 'operator', 'reviewer', 'auditor']], 'accounts created (and their passwords printed) by one node only');
    const h = openDatabase({ databaseUrl: tdb.databaseUrl, dataDir: tdb.dataDir });
    try {
      const plans = await h.db.selectFrom('plans').select('id').execute();
      assert.equal(plans.length, 1);
      const tasks = await h.db.selectFrom('plan_tasks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(tasks.n), 63);
      const districts = await h.db.selectFrom('units').select('id').where('kind', '=', '区').execute();
      assert.equal(districts.length, 1);
      assert.equal((await h.db.selectFrom('users').select('id').execute()).length, 4);
    } finally {
      await h.close();
    }
  });

  test('a first start killed while creating the demo accounts: the next start finishes the rest and says how to get an admin password', async () => {
    const tdb = await createTestDb();
    dbs.push(tdb);
    // The state kill -9 leaves after the first account was created and before the rest and the mark.
    const { areaId } = await bootstrap(tdb, { demo: false });
    await createUser({ db: tdb.db, dialect: tdb.dialect, actor: systemActor('初始化') }, { username: 'admin', displayName: '政务公开办管理员', role: 'admin', unitId: areaId });
    const r = await bootstrap(tdb, { demo: true });
    assert.deepEqual(r.demo.map((d) => d.username), ['operator', 'reviewer', 'auditor']);
    assert.equal(r.notes.length, 1);
    assert.match(r.notes[0]!, /gongkai user reset-password admin/);
    assert.match(r.notes[0]!, /管理员账号 admin 已存在/);
    // And every later start is a normal one.
    const again = await bootstrap(tdb, { demo: true });
    assert.deepEqual(again, { demo: [], areaId, notes: [] });
  });
});
