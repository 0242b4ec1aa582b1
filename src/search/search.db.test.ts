// Search on both engines (this file runs on SQLite and on PostgreSQL): segmentation, ranking,
// filters, pagination, exact lookups, graceful empty queries, and the index following publication.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createHarness, type Harness } from '../test-support/harness.js';
import { insertAttachment, insertItem, updateItem } from './search.fixtures.js';
import { REINDEX_LOCK, checkIndex, rebuildIndex, reconcileIndex, reindexAll } from './search.indexer.js';
import { setRanking } from './fts.js';
import { acquireLock, releaseLock } from '../jobs/jobs.js';
import { EMPTY_MESSAGE, STOPWORDS_MESSAGE, searchPublic } from './search.service.js';
import { syncItemIndex } from './search.sync.js';
import { createSegmentPool } from './segment-pool.js';
import { runJob } from '../jobs/jobs.js';
import { allJobs } from '../app/modules.js';

describe('search', () => {
  let h: Harness;
  let unitA: number;
  let unitB: number;
  const item = (spec: Omit<Parameters<typeof insertItem>[2], 'area_id' | 'unit_id'> & { unit_id?: number }) =>
    insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: unitA, ...spec });
  const search = (q: Record<string, unknown>) => searchPublic(h.ctx, h.areaId, q);
  const ids = async (q: Record<string, unknown>) => (await search(q)).hits.map((x) => x.id);

  before(async () => {
    h = await createHarness();
    unitA = await h.unitId('区住建局');
    unitB = await h.unitId('区财政局');
  });
  after(async () => { await h.close(); });

  test('Chinese segmentation: a compound word, its parts and a 2-character word all find the document', async () => {
    const id = await item({ title: '临淄区住房工作安排', body_text: '今年将筹集保障性租赁住房1200套，重点解决新市民、青年人住房困难。' });
    const other = await item({ title: '临淄区义务教育工作安排', body_text: '做好义务教育招生划片工作。' });
    for (const q of ['保障性租赁住房', '租赁住房', '保障性', '新市民']) {
      const found = await ids({ q });
      assert.ok(found.includes(id), q);
      assert.ok(!found.includes(other), q);
    }
    const r = await search({ q: '保障性租赁住房' });
    const hit = r.hits.find((x) => x.id === id)!;
    assert.ok(hit.snippet.some((s) => s.hit && s.text.includes('租赁住房')), JSON.stringify(hit.snippet));
    assert.deepEqual(r.terms.length > 0, true);
  });

  test('title boost: a title hit ranks above body mentions, even of a newer document', async () => {
    const inBody = await item({ title: '城市更新年度工作总结', body_text: '推进老旧小区改造。今年完成老旧小区改造项目12个。', published_on: '2024-06-01' });
    const inTitle = await item({ title: '老旧小区改造实施方案', body_text: '为改善居住条件，制定本方案。', published_on: '2021-03-01' });
    const found = await ids({ q: '老旧小区改造' });
    assert.deepEqual(found.slice(0, 2), [inTitle, inBody]);
  });

  test('relevance tiers: a document with every query word in its title comes before any without, whatever the body says', async () => {
    // A long report mentioning the words once in its title only, against a short note repeating them in
    // the body: one bm25 over all matches puts the note first (saturated term frequency, short length);
    // the tiers put the title match first and keep bm25 order inside each tier.
    const filler = '本年度各项工作有序推进，总体运行平稳。';
    const titled = await item({ title: '智慧停车建设情况报告', body_text: filler.repeat(1500), published_on: '2020-01-01' });
    const note = await item({ title: '城区交通工作简报', body_text: '智慧停车建设。智慧停车建设。智慧停车建设。智慧停车建设。智慧停车建设。智慧停车建设。', published_on: '2024-01-01' });
    const partial = await item({ title: '智慧停车收费标准', body_text: `停车场建设规划。${filler.repeat(30)}`, published_on: '2019-01-01' });
    for (let i = 0; i < 5; i++) await item({ title: `城区道路维护简报${i}`, body_text: '道路维护。'.repeat(40) });
    assert.deepEqual((await ids({ q: '智慧停车建设' })).slice(0, 3), [titled, note, partial]);
    setRanking('bm25');
    try {
      const flat = await ids({ q: '智慧停车建设' });
      assert.ok(flat.indexOf(note) < flat.indexOf(titled), `one bm25 ranking: ${flat.join(',')}`);
    } finally {
      setRanking('tiered');
    }
    // The second tier continues where the first ends, across pages.
    assert.equal((await search({ q: '智慧停车建设' })).total, 3);
  });

  test('recency breaks ties between equally relevant documents; sort=date orders by date', async () => {
    const older = await item({ title: '冬季供暖保障通知', body_text: '做好冬季供暖保障工作。', published_on: '2022-11-01' });
    const newer = await item({ title: '冬季供暖保障通知', body_text: '做好冬季供暖保障工作。', published_on: '2023-11-01' });
    assert.deepEqual((await ids({ q: '冬季供暖' })).slice(0, 2), [newer, older]);
    const byDate = await ids({ q: '供暖', sort: 'date' });
    assert.deepEqual(byDate.slice(0, 2), [newer, older]);
  });

  test('filters: category (with sub-categories), unit, year, validity, type', async () => {
    await h.tdb.db.insertInto('categories').values([
      { area_id: h.areaId, tree: 'catalog', code: 'flt', name: '筛选测试', parent_code: null, sort: 1 },
      { area_id: h.areaId, tree: 'catalog', code: 'flt.sub', name: '筛选测试子类', parent_code: 'flt', sort: 2 },
    ]).execute();
    const a = await item({ title: '河长制工作通报', body_text: '河长制巡河。', category_code: 'flt.sub', item_type: 'normative', validity: 'valid', published_on: '2021-04-01' });
    const b = await item({ title: '河长制工作通报', body_text: '河长制巡河。', unit_id: unitB, category_code: 'other', item_type: 'normative', validity: 'repealed', published_on: '2022-04-01' });
    const c = await item({ title: '河长制工作通报', body_text: '河长制巡河。', category_code: 'other', item_type: 'general', published_on: '2022-05-01' });
    assert.deepEqual(new Set(await ids({ q: '河长制' })), new Set([a, b, c]));
    assert.deepEqual(await ids({ q: '河长制', category: 'flt' }), [a]);
    assert.deepEqual(await ids({ q: '河长制', unit: String(unitB) }), [b]);
    assert.deepEqual(await ids({ q: '河长制', year: '2022' }), [c, b]);
    assert.deepEqual(await ids({ q: '河长制', validity: 'repealed' }), [b]);
    assert.deepEqual(await ids({ q: '河长制', type: 'general' }), [c]);
    assert.deepEqual(await ids({ q: '河长制', type: 'normative', year: '2021' }), [a]);
    // Filters without a query list the filtered items, newest first.
    const browse = await search({ q: '', unit: String(unitB), type: 'normative' });
    assert.equal(browse.status, 'results');
    assert.ok(browse.hits.every((x) => x.unitId === unitB && x.itemType === 'normative'));
    assert.ok(browse.hits.some((x) => x.id === b));
  });

  test('pagination: pages of ten, no overlap, total counted', async () => {
    const made: number[] = [];
    for (let i = 0; i < 23; i++) made.push(await item({ title: `第${i + 1}批秸秆综合利用项目公示`, body_text: '秸秆综合利用。', published_on: `2020-01-${String(i + 1).padStart(2, '0')}` }));
    const p1 = await search({ q: '秸秆综合利用' });
    const p3 = await search({ q: '秸秆综合利用', page: '3' });
    assert.equal(p1.total, 23);
    assert.equal(p1.pages, 3);
    assert.equal(p1.hits.length, 10);
    assert.equal(p3.hits.length, 3);
    const all = [...p1.hits, ...(await search({ q: '秸秆综合利用', page: '2' })).hits, ...p3.hits].map((x) => x.id);
    assert.deepEqual(new Set(all), new Set(made));
    assert.equal((await search({ q: '秸秆综合利用', page: '9' })).hits.length, 0);
  });

  test('文号 in any bracket spelling is an exact lookup, not a fuzzy match', async () => {
    const x16 = await item({ title: '临淄区2022年政务公开工作要点', doc_number: '临政办字〔2022〕16号', item_type: 'normative', validity: 'valid' });
    const x160 = await item({ title: '另一份文件', doc_number: '临政办字〔2022〕160号' });
    for (const q of ['临政办字〔2022〕16号', '临政办字[2022]16号', '临政办字（２０２２）第16号', ' 临政办字【2022】016号 ']) {
      const r = await search({ q });
      assert.equal(r.exact, 'doc_number', q);
      assert.deepEqual(r.hits.map((x) => x.id), [x16], q);
    }
    assert.deepEqual((await search({ q: '临政办字[2022]160号' })).hits.map((x) => x.id), [x160]);
  });

  test('索引号 is an exact lookup', async () => {
    const id = await item({ title: '索引号查找测试', index_no: '11370305MB2855027X-2023-000042' });
    const r = await search({ q: '11370305mb2855027x-2023-000042' });
    assert.equal(r.exact, 'index_no');
    assert.deepEqual(r.hits.map((x) => x.id), [id]);
  });

  test('empty and stopword-only queries get a message, not an error; FTS syntax in a query is inert', async () => {
    const empty = await search({ q: '   ' });
    assert.equal(empty.status, 'empty');
    assert.equal(empty.message, EMPTY_MESSAGE);
    for (const q of ['的', '关于的和', '，。！', 'the and of']) {
      const r = await search({ q });
      assert.equal(r.status, 'stopwords', q);
      assert.equal(r.message, STOPWORDS_MESSAGE);
      assert.equal(r.hits.length, 0);
    }
    for (const q of ['"OR NOT', 'a* NEAR(b c)', "'); DROP TABLE info_items; --", '租赁 OR 住房 AND NOT x', '^住房 -租赁 +']) {
      const r = await search({ q });
      assert.equal(r.status, 'results', q);
    }
    await assert.rejects(search({ q: '字'.repeat(101) }), (e: Error & { fields?: Record<string, string> }) => /不能超过100个字符/.test(e.fields?.q ?? ''));
  });

  test('attachment text is searchable, and the snippet comes from the attachment', async () => {
    const id = await item({ title: '附件检索测试', body_text: '详见附件。' });
    await insertAttachment(h.tdb.db, h.tdb.dialect, id, '项目清单.txt', '第一项：农村人居环境整治提升行动。');
    const r = await search({ q: '人居环境整治' });
    const hit = r.hits.find((x) => x.id === id);
    assert.ok(hit);
    assert.equal(hit.snippetFrom, '项目清单.txt');
    assert.ok(hit.snippet.some((s) => s.hit));
  });

  test('only published proactive items are ever indexed', async () => {
    const hidden = [
      await item({ title: '草稿甲', body_text: '隐藏词乙丙丁草稿', status: 'draft' }),
      await item({ title: '已提交', body_text: '隐藏词乙丙丁提交', status: 'submitted' }),
      await item({ title: '依申请', body_text: '隐藏词乙丙丁依申请', attribute: 'on_request' }),
      await item({ title: '不予公开', body_text: '隐藏词乙丙丁不予公开', attribute: 'withheld' }),
      await item({ title: '已撤回', body_text: '隐藏词乙丙丁撤回', status: 'withdrawn' }),
    ];
    const count = await h.tdb.db.selectFrom('search_docs').select('item_id').where('item_id', 'in', hidden).execute();
    assert.equal(count.length, 0);
    assert.equal((await search({ q: '隐藏词乙丙丁' })).total, 0);
  });

  test('a withdrawn item disappears from search at once (same transaction), even from a cached answer', async () => {
    const id = await item({ title: '城乡环卫一体化通知', body_text: '推进城乡环卫一体化。' });
    assert.deepEqual(await ids({ q: '城乡环卫一体化' }), [id]);
    assert.deepEqual(await ids({ q: '城乡环卫一体化' }), [id]); // now cached
    await h.tdb.db.transaction().execute(async (tx) => {
      await tx.updateTable('info_items').set({ status: 'withdrawn' }).where('id', '=', id).execute();
      await syncItemIndex(tx, h.tdb.dialect, id);
    });
    assert.deepEqual(await ids({ q: '城乡环卫一体化' }), []);
    // A rolled-back withdrawal leaves it searchable.
    await updateItem(h.tdb.db, h.tdb.dialect, id, { status: 'published' });
    await assert.rejects(h.tdb.db.transaction().execute(async (tx) => {
      await tx.updateTable('info_items').set({ status: 'withdrawn' }).where('id', '=', id).execute();
      await syncItemIndex(tx, h.tdb.dialect, id);
      throw new Error('rollback');
    }));
    assert.deepEqual(await ids({ q: '城乡环卫一体化' }), [id]);
    // Edits are re-indexed: the old words go, the new ones come.
    await updateItem(h.tdb.db, h.tdb.dialect, id, { title: '农村公路养护通知', body_text: '做好农村公路养护。' });
    assert.deepEqual(await ids({ q: '城乡环卫一体化' }), []);
    assert.deepEqual(await ids({ q: '农村公路养护' }), [id]);
    // Changing the attribute to on_request removes it as well.
    await updateItem(h.tdb.db, h.tdb.dialect, id, { attribute: 'on_request' });
    assert.deepEqual(await ids({ q: '农村公路养护' }), []);
  });

  test('reconcile repairs an index that missed a sync; reindexAll rebuilds the same answers', async () => {
    const id = await item({ title: '海绵城市建设方案', body_text: '海绵城市建设。' });
    const missing = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: unitA, title: '海绵城市试点', body_text: '海绵城市。' }, { sync: false });
    await h.tdb.db.updateTable('info_items').set({ status: 'withdrawn' }).where('id', '=', id).execute(); // no sync: a bug elsewhere
    const r = await reconcileIndex(h.tdb.db, h.tdb.dialect);
    assert.deepEqual(r, { removed: [id], added: [missing] });
    assert.deepEqual(await ids({ q: '海绵城市' }), [missing]);
    const before = await search({ q: '河长制' });
    const pool = await createSegmentPool(2);
    const rebuilt = await reindexAll(h.tdb.db, h.tdb.dialect, { batch: 7, segmenter: pool }).finally(() => pool.close());
    assert.ok(rebuilt.indexed > 30);
    assert.equal(rebuilt.removed, rebuilt.indexed);
    assert.deepEqual((await search({ q: '河长制' })).hits.map((x) => x.id), before.hits.map((x) => x.id));
    assert.deepEqual(await reconcileIndex(h.tdb.db, h.tdb.dialect), { removed: [], added: [] });
    const job = allJobs().find((j) => j.name === 'search.reconcile')!;
    await h.tdb.db.updateTable('info_items').set({ attribute: 'withheld' }).where('id', '=', missing).execute(); // again without a sync
    assert.match((await runJob(h.tdb.db, h.tdb.dialect, job))!, new RegExp(`移除 1 条非公开信息（${missing}）`));
    assert.equal(await runJob(h.tdb.db, h.tdb.dialect, job), '索引与公开信息一致');
  });

  test('rebuildIndex: only when public items exist and none is indexed, once per cluster (lock), with progress', async () => {
    assert.equal(await rebuildIndex(h.tdb.db, h.tdb.dialect), null); // index present: nothing to do
    const expected = (await search({ q: '河长制' })).hits.map((x) => x.id);
    assert.ok(expected.length > 0);
    await h.tdb.db.deleteFrom('search_docs').execute(); // the state a migration that changed the index leaves
    if (h.tdb.dialect === 'sqlite') await sql`INSERT INTO search_fts (search_fts) VALUES ('delete-all')`.execute(h.tdb.db);
    await h.tdb.db.updateTable('search_state').set((eb) => ({ generation: eb('generation', '+', 1) })).execute();
    assert.deepEqual((await search({ q: '河长制' })).hits, []);
    // Another node holds the lock: this one leaves the rebuild to it; the hourly check waits too.
    assert.ok(await acquireLock(h.tdb.db, REINDEX_LOCK, 60_000, '00000000-0000-0000-0000-000000000000'));
    const lines: string[] = [];
    assert.equal(await rebuildIndex(h.tdb.db, h.tdb.dialect, { log: (l) => lines.push(l) }), null);
    assert.match(lines.join('\n'), /其他进程/);
    assert.equal(await checkIndex(h.tdb.db, h.tdb.dialect), null);
    await releaseLock(h.tdb.db, REINDEX_LOCK, '00000000-0000-0000-0000-000000000000');
    const r = await rebuildIndex(h.tdb.db, h.tdb.dialect, { log: (l) => lines.push(l) });
    assert.ok(r && r.indexed > 30);
    assert.match(lines.join('\n'), /已索引 \d+ \/ \d+（100%）/);
    assert.deepEqual((await search({ q: '河长制' })).hits.map((x) => x.id), expected);
    assert.equal(await rebuildIndex(h.tdb.db, h.tdb.dialect), null);
  });
});
