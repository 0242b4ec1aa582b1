// Upgrading a database indexed by the first search schema (0300): on SQLite migration 0302 changes
// the FTS5 table and empties the index, and the next start rebuilds it; on PostgreSQL 0303 derives
// the title vectors from the existing ones. Either way search answers as before, with title tiers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { bootstrap } from '../bootstrap.js';
import { migrateTo } from '../app/migrations.js';
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
    const id = await insertItem(t.db, t.dialect, { area_id: areaId, unit_id: unit, title, body_text: `${title}正文。` }, { sync: false });
    items.push(id);
    // What the 0300 indexer wrote: metadata plus a two-column FTS5 row, or a weighted tsvector.
    const meta = sql`${id}, ${areaId}, ${unit}, 'gk.general', 'general', 2023, '2023-05-10', '', ${`OLD-${id}`}, '2023-05-10T08:00:00.000Z'`;
    const [titleSeg, bodySeg] = [segmentForIndex(title), segmentForIndex(`${title}正文。`)];
    const cols = sql`item_id, area_id, unit_id, category_code, item_type, year, published_on, doc_number, index_no, indexed_at`;
    if (t.dialect === 'sqlite') {
      await sql`INSERT INTO search_docs (${cols}) VALUES (${meta})`.execute(t.db);
      await sql`INSERT INTO search_fts (rowid, title, body) VALUES (${id}, ${titleSeg}, ${bodySeg})`.execute(t.db);
    } else {
      await sql`INSERT INTO search_docs (${cols}, tsv) VALUES (${meta},
        setweight(to_tsvector('simple', ${titleSeg}), 'A') || setweight(to_tsvector('simple', ${bodySeg}), 'B'))`.execute(t.db);
    }
  }
  const lines: string[] = [];
  await bootstrap(t, { demo: false, log: (l) => lines.push(l) });
  assert.match(lines.join('\n'), /20261128_0302_search_title_tiers, 20261128_0303_search_title_vector/);
  if (t.dialect === 'sqlite') assert.match(lines.join('\n'), /全文检索索引重建完成：3 条/);
  const ctx = { db: t.db, dialect: t.dialect, actor: systemActor('测试') };
  const r = await searchPublic(ctx, areaId, { q: '供水' });
  assert.deepEqual(new Set(r.hits.map((h) => h.id)), new Set([items[0], items[1]]));
  // The title tier works on the rebuilt index: both words in the title first.
  assert.deepEqual((await searchPublic(ctx, areaId, { q: '农村供水' })).hits.map((h) => h.id), [items[0]]);
});
