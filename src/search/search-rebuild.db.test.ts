// A full rebuild never makes public information unsearchable: it fills a shadow index and swaps it in;
// changes made meanwhile reach both; a rebuild that dies leaves the old index and a lock that expires.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { createHarness, type Harness } from '../test-support/harness.js';
import { insertItem, updateItem } from './search.fixtures.js';
import { checkIndex, reconcileIndex, reindexAll, shadowExists } from './search.indexer.js';
import { searchPublic } from './search.service.js';
import { inlineSegmenter, type Segmenter } from './segment-pool.js';
import { runCli } from '../test-support/cli.js';

describe('search rebuild under faults', () => {
  let h: Harness;
  let unit: number;
  const total = async (q: string) => (await searchPublic(h.ctx, h.areaId, { q })).total;
  const ids = async (q: string) => (await searchPublic(h.ctx, h.areaId, { q, sort: 'date' })).hits.map((x) => x.id).sort((a, b) => a - b);
  const indexed = async (id: number) => !!(await h.tdb.db.selectFrom('search_docs').select('item_id').where('item_id', '=', id).executeTakeFirst());
  /** The index structure (tables' indexes and constraints by name and definition), to compare before and after a swap. */
  const structure = async () => h.tdb.dialect === 'postgres'
    ? (await sql<{ d: string }>`SELECT indexname || ': ' || indexdef AS d FROM pg_indexes WHERE tablename = 'search_docs' UNION ALL SELECT conname || ': ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'search_docs'::regclass ORDER BY 1`.execute(h.tdb.db)).rows.map((r) => r.d)
    : (await sql<{ d: string }>`SELECT name || ': ' || coalesce(sql, '') AS d FROM sqlite_master WHERE tbl_name IN ('search_docs', 'search_fts') OR name LIKE 'search_fts_%' ORDER BY 1`.execute(h.tdb.db)).rows.map((r) => r.d.replace(/["'](search_\w+)["']/g, '$1').replace(/"/g, '')); // RENAME re-quotes names
  before(async () => {
    h = await createHarness();
    unit = await h.unitId('区住建局');
  });
  after(async () => { await h.close(); });

  test('during a rebuild search answers from the complete old index; withdrawals, edits and publications made meanwhile are in the swapped-in index', async () => {
    const made: number[] = [];
    for (let i = 0; i < 20; i++) made.push(await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: unit, title: `老旧小区改造第${i}批通知`, body_text: '推进老旧小区改造工作。' }));
    assert.equal(await total('老旧小区改造'), 20);
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let reached!: () => void;
    const atGate = new Promise<void>((r) => { reached = r; });
    const gated: Segmenter = { segment: async (jobs) => { reached(); await gate; return inlineSegmenter.segment(jobs); }, close: async () => {} };
    const shape = await structure();
    const rebuild = reindexAll(h.tdb.db, h.tdb.dialect, { batch: 3, segmenter: gated });
    await atGate;
    // Mid-rebuild: every public item is still found.
    assert.equal(await total('老旧小区改造'), 20);
    const [withdrawn, edited] = [made[1]!, made[2]!];
    await updateItem(h.tdb.db, h.tdb.dialect, withdrawn, { status: 'withdrawn' });
    await updateItem(h.tdb.db, h.tdb.dialect, edited, { title: '雨污分流管网建设通知', body_text: '推进雨污分流。' });
    const published = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: unit, title: '老旧小区改造补充通知', body_text: '推进老旧小区改造工作。' });
    assert.equal(await total('老旧小区改造'), 19);
    release();
    await rebuild;
    assert.ok(!(await shadowExists(h.tdb.db, h.tdb.dialect)));
    assert.deepEqual(await structure(), shape, 'the swapped-in index has the same tables, indexes and constraints');
    assert.equal(await total('老旧小区改造'), 19);
    assert.ok(!(await indexed(withdrawn)), 'withdrawn during the rebuild: not in the new index');
    assert.ok(await indexed(published), 'published during the rebuild: in the new index');
    assert.equal(await total('老旧小区改造补充通知'), 1);
    assert.deepEqual(await ids('雨污分流'), [edited]);
    assert.deepEqual(await reconcileIndex(h.tdb.db, h.tdb.dialect), { removed: [], added: [] }, 'nothing for the safety net to repair');
  });

  test('a rebuild killed with -9: the old index stays complete, its lock expires (heartbeat), `search check` clears the leftover', async () => {
    const before = await total('老旧小区改造');
    assert.ok(before >= 19);
    process.env.GONGKAI_LOCK_TTL_MS = '1500';
    try {
      const env = { ...process.env, GONGKAI_LOCK_TTL_MS: '1500' };
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/search/fixtures/dying-rebuild.ts', h.tdb.databaseUrl ?? '-', h.tdb.dataDir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => { out += d; });
      child.stderr.on('data', (d) => { out += d; });
      const exited = new Promise((r) => child.on('close', r));
      const deadline = Date.now() + 60_000;
      while (!out.includes('STALLED') && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
      assert.match(out, /STALLED/, out);
      // Alive and stalled for longer than one lease: the heartbeat keeps its lock.
      await new Promise((r) => setTimeout(r, 2500));
      assert.ok(await shadowExists(h.tdb.db, h.tdb.dialect));
      assert.equal(await checkIndex(h.tdb.db, h.tdb.dialect), null, 'a live rebuild holds the lock');
      assert.equal(await total('老旧小区改造'), before, 'search uses the complete old index meanwhile');
      child.kill('SIGKILL');
      await exited;
      assert.equal(await total('老旧小区改造'), before, 'the dead rebuild took nothing away');
      // The dead holder's lease runs out within seconds: `search check` then runs and repairs.
      let r = runCli(h.tdb, ['search', 'check']);
      for (let i = 0; i < 20 && r.code === 3; i++) {
        await new Promise((res) => setTimeout(res, 500));
        r = runCli(h.tdb, ['search', 'check']);
      }
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.out, /已清除中断的重建留下的临时索引/);
      assert.ok(!(await shadowExists(h.tdb.db, h.tdb.dialect)));
      assert.equal(await total('老旧小区改造'), before);
      assert.equal(runCli(h.tdb, ['search', 'reindex']).code, 0);
      assert.equal(await total('老旧小区改造'), before);
    } finally {
      delete process.env.GONGKAI_LOCK_TTL_MS;
    }
  });
});
