// Upgrading a database indexed by the first search schema (0300): migration 0302 changes the FTS5
// table on SQLite and empties the index; the next start rebuilds it, so search answers as before.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { bootstrap } from '../bootstrap.js';
import { migrateTo } from '../db/migrate.js';
import { createTestDb, type TestDb } from '../db/test-db.js';
import { systemActor } from '../lib/context.js';
import { ensureDefaultOrg } from '../org/org.service.js';
import { insertItem } from './search.fixtures.js';
import { searchPublic } from './search.service.js';
import { segmentForIndex } from './text/segment.js';

let t: TestDb;
before(async () => { t = await createTestDb({ migrate: false }); });
after(async () => { await t.destroy(); });

test('an index built before the title tiers is rebuilt on the first start after the upgrade', async () => {
  await migrateTo(t.db, t.dialect, '20261128_0301_portal_indexes');
  const areaId = await ensureDefaultOrg(t.db);
  const unit = (await t.db.selectFrom('units').select('id').where('name', '=', '区住建局').executeTakeFirstOrThrow()).id;
  const items: number[] = [];
  for (const title of ['农村供水保障工程实施方案', '城区供水管网改造通知', '农村公路养护通知']) {
    const id = await insertItem(t.db, t.dialect, { area_id: areaId, unit_id: unit, title, body_text: `${title}正文。` }, { sync: t.dialect === 'postgres' });
    items.push(id);
    if (t.dialect === 'sqlite') {
      // What the 0300 indexer wrote: metadata plus a two-column FTS5 row.
      await t.db.insertInto('search_docs').values({
        item_id: id, area_id: areaId, unit_id: unit, category_code: 'gk.general', topic_code: null, item_type: 'general', validity: null,
        year: 2023, published_on: '2023-05-10', doc_number: '', index_no: `OLD-${id}`, indexed_at: '2023-05-10T08:00:00.000Z',
      }).execute();
      await sql`INSERT INTO search_fts (rowid, title, body) VALUES (${id}, ${segmentForIndex(title)}, ${segmentForIndex(`${title}正文。`)})`.execute(t.db);
    }
  }
  const lines: string[] = [];
  await bootstrap(t, { demo: false, log: (l) => lines.push(l) });
  assert.match(lines.join('\n'), /20261128_0302_search_title_tiers/);
  if (t.dialect === 'sqlite') assert.match(lines.join('\n'), /全文检索索引重建完成：3 条/);
  const ctx = { db: t.db, dialect: t.dialect, actor: systemActor('测试') };
  const r = await searchPublic(ctx, areaId, { q: '供水' });
  assert.deepEqual(new Set(r.hits.map((h) => h.id)), new Set([items[0], items[1]]));
  // The title tier works on the rebuilt index: both words in the title first.
  assert.deepEqual((await searchPublic(ctx, areaId, { q: '农村供水' })).hits.map((h) => h.id), [items[0]]);
});
