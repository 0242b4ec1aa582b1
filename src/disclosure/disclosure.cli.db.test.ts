// `gongkai items add`, `items expire-validity` and `privacy scan`, run as real processes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../test-support/cli.js';
import { createTestDb, type TestDb } from '../db/test-db.js';
import { destroyTestDb } from './items.fixtures.js';
import { todayCst } from '../lib/time.js';

describe('disclosure CLI', () => {
  let tdb: TestDb;
  const item = (id: number) => tdb.db.selectFrom('info_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const count = async () => Number((await tdb.db.selectFrom('info_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  before(async () => { tdb = await createTestDb(); });
  after(async () => { await destroyTestDb(tdb); });

  test('items add prints only the new id; --publish signs off as the CLI admin, audited', async () => {
    const r = runCli(tdb, ['items', 'add', '--unit', '区财政局', '--title', '2022年部门预算公开', '--body', '现将预算公开如下。\n\n第二段。', '--attribute', 'proactive', '--formed-on', '2022-06-01']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^\d+\n$/);
    const p = runCli(tdb, ['items', 'add', '--unit', '区财政局', '--title', '2022年部门决算公开', '--body', '决算正文', '--attribute', 'proactive', '--formed-on', '2022-06-01', '--publish']);
    assert.equal(p.code, 0, p.err);
    const [draft, pub] = await Promise.all([item(Number(r.out)), item(Number(p.out))]);
    assert.deepEqual([draft.status, draft.body_html, draft.index_no], ['draft', '<p>现将预算公开如下。</p><p>第二段。</p>', '370305005-2022-00001']);
    assert.deepEqual([pub.status, pub.published_on, pub.due_date], ['published', todayCst(), '2022-06-30']);
    const audit = await tdb.db.selectFrom('audit_log').select(['action', 'actor_label']).where('entity_id', '=', String(pub.id)).where('entity', '=', 'info_item').orderBy('id').execute();
    assert.deepEqual(audit.map((a) => a.action), ['item.create', 'item.submit', 'item.publish']);
    assert.ok(audit.every((a) => a.actor_label === '命令行管理员'));
  });

  test('--published-on cannot back-date a sign-off (nothing created); items import-historic keeps the original date, labelled, audited', async () => {
    const n = await count();
    const back = runCli(tdb, ['items', 'add', '--unit', '区财政局', '--title', '倒签的信息', '--body', '正文', '--attribute', 'proactive', '--formed-on', '2022-06-01', '--publish', '--published-on', '2022-06-10']);
    assert.equal(back.code, 2);
    assert.match(back.err, /发布日期即签发当日/);
    assert.equal(await count(), n);
    const h = runCli(tdb, ['items', 'import-historic', '--unit', '区财政局', '--title', '2019年部门预算', '--body', '原网站正文', '--published-on', '2019-03-01', '--source', 'http://old.linzi.gov.cn/art/2019/3/1/art_1.html', '--category', 'czyjs-ys']);
    assert.equal(h.code, 0, h.err);
    const row = await item(Number(h.out));
    assert.deepEqual([row.status, row.attribute, row.published_on, row.due_date, row.imported_from], ['published', 'proactive', '2019-03-01', null, 'http://old.linzi.gov.cn/art/2019/3/1/art_1.html']);
    const audit = await tdb.db.selectFrom('audit_log').select('action').where('entity_id', '=', String(row.id)).where('entity', '=', 'info_item').orderBy('id').execute();
    assert.deepEqual(audit.map((a) => a.action), ['item.create', 'item.import.historic']);
  });

  test('--publish is refused on 用词检查 hits (nothing created) unless --confirm-wording', async () => {
    const n = await count();
    const args = ['items', 'add', '--unit', '区财政局', '--title', '再接再励做好预算公开', '--body', '正文', '--attribute', 'proactive', '--publish'];
    const refused = runCli(tdb, args);
    assert.equal(refused.code, 2, refused.err);
    assert.match(refused.err, /“再接再励”应为“再接再厉”/);
    assert.equal(await count(), n);
    const ok = runCli(tdb, [...args, '--confirm-wording']);
    assert.equal(ok.code, 0, ok.err);
    assert.equal((await item(Number(ok.out))).status, 'published');
  });

  test('--publish is refused on unhandled personal data (nothing created) unless --keep-privacy gives a reason', async () => {
    const n = await count();
    const args = ['items', 'add', '--unit', '区财政局', '--title', '补贴发放公示', '--body', '联系人 张某 13853312345', '--attribute', 'proactive', '--publish'];
    const refused = runCli(tdb, args);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /个人信息尚未处理/);
    assert.equal(refused.out, '');
    assert.equal(await count(), n);
    const kept = runCli(tdb, [...args, '--keep-privacy', '公示联系人，经本人同意']);
    assert.equal(kept.code, 0, kept.err);
    const row = await item(Number(kept.out));
    assert.equal(row.status, 'published');
    assert.equal(JSON.parse(row.privacy_json!).kept[0].reason, '公示联系人，经本人同意');
  });

  test('withheld needs --basis and --reason; normative documents need --exempt-interpretation to publish alone; bad units and values fail', async () => {
    const base = ['items', 'add', '--unit', '区财政局', '--title', '内部请示', '--body', '请示正文'];
    const noBasis = runCli(tdb, [...base, '--attribute', 'withheld']);
    assert.equal(noBasis.code, 2);
    assert.match(noBasis.err, /不予公开必须选择法定依据/);
    const w = runCli(tdb, [...base, '--attribute', 'withheld', '--basis', 'art16_process_info', '--reason', '请示报告属于过程性信息', '--publish']);
    assert.equal(w.code, 0, w.err);
    const row = await item(Number(w.out));
    assert.deepEqual([row.status, row.attribute, row.withheld_basis, row.published_on], ['published', 'withheld', 'art16_process_info', null]);
    const norm = ['items', 'add', '--unit', '区财政局', '--title', '资金管理办法', '--body', '办法正文', '--attribute', 'proactive', '--type', 'normative', '--publish'];
    const refused = runCli(tdb, norm);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /退文/);
    const ok = runCli(tdb, [...norm, '--exempt-interpretation', '解读另行发布']);
    assert.equal(ok.code, 0, ok.err);
    assert.equal((await item(Number(ok.out))).validity, 'valid');
    assert.match(runCli(tdb, [...base, '--attribute', 'proactive', '--unit', '不存在的局']).err, /单位不存在/);
    const badAttr = runCli(tdb, [...base, '--attribute', 'public']);
    assert.equal(badAttr.code, 2);
    assert.match(badAttr.err, /请选择有效的公开属性/);
  });

  test('items expire-validity prints how many documents expired', () => {
    const r = runCli(tdb, ['items', 'expire-validity']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^\d+\n$/);
  });

  test('privacy scan: --json gives kind, text and UTF-16 offsets; --stdin; no false hits on 文号 and 索引号', () => {
    const text = '𠀋临政办字〔2022〕16号，索引号370305001-2022-00016。联系人手机13853312345，身份证370305199001011231，邮箱zhang@example.com。';
    const file = join(tdb.dataDir, 'scan.txt');
    writeFileSync(file, text);
    const r = runCli(tdb, ['privacy', 'scan', file, '--json']);
    assert.equal(r.code, 0, r.err);
    const hits = JSON.parse(r.out) as { kind: string; text: string; start: number; end: number }[];
    assert.deepEqual(hits.map((x) => Object.keys(x)), hits.map(() => ['kind', 'text', 'start', 'end']));
    assert.deepEqual(hits.map((x) => [x.kind, x.text]), [['mobile', '13853312345'], ['id_card', '370305199001011231'], ['email', 'zhang@example.com']]);
    for (const x of hits) assert.equal(text.slice(x.start, x.end), x.text);
    const s = runCli(tdb, ['privacy', 'scan', '--stdin'], '电话 13853312345');
    assert.equal(s.code, 0, s.err);
    assert.match(s.out, /3-14\t手机号码\t13853312345/);
    assert.match(runCli(tdb, ['privacy', 'scan', '--stdin'], '临财预〔2022〕12号 2022年6月23日 金额 13800000000 元').out, /未发现个人信息/);
    assert.equal(runCli(tdb, ['privacy', 'scan', join(tdb.dataDir, 'missing.txt')]).code, 2);
    assert.equal(runCli(tdb, ['privacy', 'scan']).code, 2);
  });
});
