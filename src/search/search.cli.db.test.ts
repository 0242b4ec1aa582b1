// `gongkai search reindex` and `search check` as an operator runs them: a real process, progress on stderr.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, type TestDb } from '../db/test-db.js';
import { ensureDefaultOrg } from '../org/org.service.js';
import { runCli } from '../test-support/cli.js';
import { insertItem } from './search.fixtures.js';

let tdb: TestDb;
before(async () => {
  tdb = await createTestDb();
  const areaId = await ensureDefaultOrg(tdb.db);
  const unit = (await tdb.db.selectFrom('units').select('id').where('name', '=', '区住建局').executeTakeFirstOrThrow()).id;
  for (let i = 0; i < 12; i++) await insertItem(tdb.db, tdb.dialect, { area_id: areaId, unit_id: unit, title: `第${i + 1}批农房抗震改造公示` });
  await insertItem(tdb.db, tdb.dialect, { area_id: areaId, unit_id: unit, title: '草稿不应入索引', status: 'draft' });
  await tdb.close();
});
after(async () => { await tdb.destroy().catch(() => {}); });

test('search reindex rebuilds the index with progress; search check finds it consistent', () => {
  const r = runCli(tdb, ['search', 'reindex']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /正在重建全文检索索引：12 条公开信息/);
  assert.match(r.err, /已索引 12 \/ 12（100%）/);
  assert.match(r.out, /已索引 12 条公开信息/);
  const c = runCli(tdb, ['search', 'check']);
  assert.equal(c.code, 0, c.err);
  assert.match(c.out, /移除 0 条，补充 0 条/);
});
