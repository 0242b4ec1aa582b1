// Issue 17 finding 5: the audit log refuses INSERT OR REPLACE (SQLite) and TRUNCATE (PostgreSQL), and
// its hash chain shows any edit made behind the triggers' back (`gongkai audit verify`).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import { runCli } from '../test-support/cli.js';
import { writeAudit } from './audit.repo.js';
import { verifyAuditChain } from './audit-chain.js';

describe('audit log tamper evidence', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
    await h.login(USERS.admin.username); // a login writes an audit row through the web app
  });
  after(async () => { await h.close(); });

  test('every write extends the chain; parallel transactions keep it linear; the CLI reports it intact', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => h.tdb.db.transaction().execute(async (tx) => {
      await writeAudit(tx, h.ctx, { action: 'test.parallel', entity: 'test', entityId: i, after: { i } });
    })));
    const r = await verifyAuditChain(h.tdb.db);
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.ok(r.rows >= 21);
    const cli = runCli(h.tdb, ['audit', 'verify']);
    assert.equal(cli.code, 0, cli.err);
    assert.match(cli.out, /审计日志完整/);
  });

  test('INSERT OR REPLACE (SQLite) and TRUNCATE (PostgreSQL) are refused', async () => {
    const first = await h.tdb.db.selectFrom('audit_log').selectAll().orderBy('id').limit(1).executeTakeFirstOrThrow();
    if (h.tdb.dialect === 'sqlite') {
      await assert.rejects(sql`INSERT OR REPLACE INTO audit_log (id, at, actor_label, action, entity, entity_id) VALUES (${first.id}, '2020-01-01T00:00:00Z', 'x', 'forged', 'x', '1')`.execute(h.tdb.db), /append-only/);
      await assert.rejects(sql`REPLACE INTO audit_log (id, at, actor_label, action, entity, entity_id) VALUES (${first.id}, '2020-01-01T00:00:00Z', 'x', 'forged', 'x', '1')`.execute(h.tdb.db), /append-only/);
    } else {
      await assert.rejects(sql`TRUNCATE audit_log`.execute(h.tdb.db), /append-only/);
    }
    await assert.rejects(sql`UPDATE audit_log SET action = 'forged' WHERE id = ${first.id}`.execute(h.tdb.db), /append-only/);
    await assert.rejects(sql`DELETE FROM audit_log WHERE id = ${first.id}`.execute(h.tdb.db), /append-only/);
    const again = await h.tdb.db.selectFrom('audit_log').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
    assert.deepEqual(again, first);
  });

  test('a row edited with the triggers dropped makes verify fail at that row', async () => {
    const rows = await h.tdb.db.selectFrom('audit_log').select(['id']).orderBy('id').execute();
    const victim = rows[Math.floor(rows.length / 2)]!.id;
    if (h.tdb.dialect === 'sqlite') await sql`DROP TRIGGER audit_log_no_update`.execute(h.tdb.db);
    else await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(h.tdb.db);
    await sql`UPDATE audit_log SET after_json = '{"i":999}' WHERE id = ${victim}`.execute(h.tdb.db);
    const r = await verifyAuditChain(h.tdb.db);
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.brokenId, victim);
    assert.equal(!r.ok && r.reason, 'hash_mismatch');
    const cli = runCli(h.tdb, ['audit', 'verify']);
    assert.equal(cli.code, 3, cli.out + cli.err);
    assert.match(cli.out, new RegExp(`第一处断开在记录 #${victim}：记录内容与哈希不符`));
  });
});

describe('the hash-chain migration chains rows written before it', () => {
  test('rows from an older schema verify after the upgrade', async () => {
    const { createTestDb } = await import('../db/test-db.js');
    const { migrateTo, migrateToLatest } = await import('../app/migrations.js');
    const tdb = await createTestDb({ migrate: false });
    try {
      await migrateTo(tdb.db, tdb.dialect, '20261128_0303_search_title_vector');
      for (let i = 0; i < 5; i++) {
        await sql`INSERT INTO audit_log (at, actor_id, actor_label, action, entity, entity_id, before_json, after_json, request_id, area_id) VALUES (${`2026-11-2${i}T00:00:00.000Z`}, ${i === 0 ? null : i}, ${'旧记录'}, ${'old.action'}, ${'x'}, ${String(i)}, ${null}, ${'{"a":1}'}, ${null}, ${null})`.execute(tdb.db);
      }
      await migrateToLatest(tdb.db, tdb.dialect);
      const r = await verifyAuditChain(tdb.db);
      assert.deepEqual(r.ok && r.rows, 5);
      await writeAudit(tdb.db, { db: tdb.db, dialect: tdb.dialect, actor: { kind: 'system', label: 't', areaId: null } }, { action: 'new', entity: 'x', entityId: 1 });
      assert.equal((await verifyAuditChain(tdb.db)).ok, true);
    } finally {
      await tdb.destroy();
    }
  });
});

describe('audit retention (GONGKAI_AUDIT_RETENTION_DAYS, at least six months)', () => {
  let h: Harness;
  before(async () => { h = await createHarness(); });
  after(async () => { (await import('../lib/time.js')).setNowForTests(null); await h.close(); });

  test('the purge removes only records older than the period; the kept chain still verifies; plain deletes stay refused', async () => {
    const { setNowForTests } = await import('../lib/time.js');
    const { purgeAuditLog } = await import('./audit-chain.js');
    const { runJob } = await import('../jobs/jobs.js');
    const { allJobs } = await import('../app/modules.js');
    setNowForTests(new Date('2025-01-10T00:00:00Z'));
    for (let i = 0; i < 3; i++) await writeAudit(h.tdb.db, h.ctx, { action: 'test.old', entity: 'test', entityId: i });
    setNowForTests(null);
    for (let i = 0; i < 2; i++) await writeAudit(h.tdb.db, h.ctx, { action: 'test.new', entity: 'test', entityId: i });
    await assert.rejects(purgeAuditLog(h.tdb.db, h.ctx, 30), /180/);
    const job = allJobs().find((j) => j.name === 'audit.retention');
    assert.ok(job, 'the retention job is registered');
    const summary = await runJob(h.tdb.db, h.tdb.dialect, job!);
    const left = await h.tdb.db.selectFrom('audit_log').select(['action']).orderBy('id').execute();
    const actions = left.map((r) => r.action);
    // The harness wrote records dated today before the old ones: only a prefix of the log may go, so nothing does.
    assert.equal(summary, '');
    assert.equal(actions.filter((a) => a === 'test.old').length, 3);
    assert.ok(actions.includes('test.new'));
    assert.equal((await verifyAuditChain(h.tdb.db)).ok, true);
    await assert.rejects(sql`DELETE FROM audit_log WHERE action = 'test.new'`.execute(h.tdb.db), /append-only/);
  });

  test('a purge on a log that starts with old records removes them and verify accepts the new start', async () => {
    const { createTestDb } = await import('../db/test-db.js');
    const { setNowForTests } = await import('../lib/time.js');
    const { purgeAuditLog } = await import('./audit-chain.js');
    const tdb = await createTestDb();
    const ctx = { db: tdb.db, dialect: tdb.dialect, actor: { kind: 'system' as const, label: '测试', areaId: null } };
    try {
      setNowForTests(new Date('2025-01-10T00:00:00Z'));
      for (let i = 0; i < 4; i++) await writeAudit(tdb.db, ctx, { action: 'test.old', entity: 'test', entityId: i });
      setNowForTests(new Date('2026-12-01T00:00:00Z'));
      for (let i = 0; i < 2; i++) await writeAudit(tdb.db, ctx, { action: 'test.new', entity: 'test', entityId: i });
      assert.equal(await purgeAuditLog(tdb.db, ctx, 180), 4);
      const actions = (await tdb.db.selectFrom('audit_log').select('action').orderBy('id').execute()).map((r) => r.action);
      assert.deepEqual(actions, ['test.new', 'test.new', 'audit.purge']);
      assert.equal((await verifyAuditChain(tdb.db)).ok, true);
      await assert.rejects(sql`DELETE FROM audit_log`.execute(tdb.db), /append-only/);
      // Deleting the new first row behind the triggers' back is caught: its successor's link is wrong.
      if (tdb.dialect === 'sqlite') await sql`DROP TRIGGER audit_log_no_delete`.execute(tdb.db);
      else await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(tdb.db);
      const firstId = (await tdb.db.selectFrom('audit_log').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
      await sql`DELETE FROM audit_log WHERE id = ${firstId}`.execute(tdb.db);
      assert.equal((await verifyAuditChain(tdb.db)).ok, false);
    } finally {
      setNowForTests(null);
      await tdb.destroy();
    }
  });
});
