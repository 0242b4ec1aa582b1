// Drafting items: 索引号, sanitising on save, bad input, due dates and categories.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';
import type { Ctx } from '../lib/context.js';
import { AppError } from '../lib/errors.js';
import { actorCtx, closeHarness, draftAs, itemFields } from './items.fixtures.js';
import { createItem, updateItem } from './items.service.js';

const invalidOn = (field: string, message?: RegExp) => (e: unknown) =>
  e instanceof AppError && e.kind === 'invalid' && field in e.fields && (!message || message.test(e.fields[field]!));

describe('information items: drafting', () => {
  let h: Harness;
  let op: Ctx;
  let otherOp: Ctx;
  let admin: Ctx;
  let agent: Agent;
  before(async () => {
    h = await createHarness();
    [op, otherOp, admin] = await Promise.all([actorCtx(h, USERS.operator.username), actorCtx(h, USERS.otherOperator.username), actorCtx(h, USERS.admin.username)]);
    agent = await h.login(USERS.operator.username);
  });
  after(async () => { await closeHarness(h); });

  test('索引号 = unit code – year of formation – serial per unit and year', async () => {
    const a = await draftAs(op, { formedOn: '2022-03-01' });
    const b = await draftAs(op, { formedOn: '2022-05-01' });
    const c = await draftAs(op, { formedOn: '2021-12-30' });
    const d = await draftAs(otherOp, { formedOn: '2022-05-01' });
    const rows = await h.tdb.db.selectFrom('info_items').select(['id', 'index_no']).where('id', 'in', [a, b, c, d]).orderBy('id').execute();
    assert.deepEqual(rows.map((r) => r.index_no), ['370305005-2022-00001', '370305005-2022-00002', '370305005-2021-00001', '370305006-2022-00001']);
    const serials = await h.tdb.db.selectFrom('index_serials').selectAll().orderBy('unit_id').orderBy('year').execute();
    assert.deepEqual(serials.map((s) => [s.year, s.last]), [[2021, 1], [2022, 2], [2022, 1]]);
  });

  test('concurrent drafts of one unit never share a serial', async () => {
    const ids = await Promise.all(Array.from({ length: 8 }, () => draftAs(op, { formedOn: '2020-02-03' })));
    const rows = await h.tdb.db.selectFrom('info_items').select('index_no').where('id', 'in', ids).execute();
    assert.equal(new Set(rows.map((r) => r.index_no)).size, 8);
  });

  test('the body is sanitised on save: scripts, event handlers and javascript: URLs are removed', async () => {
    const id = await draftAs(op, {
      body: '<p onclick="steal()">通知正文<script>alert(1)</script><img src="x" onerror="alert(2)"><a href="javascript:alert(3)">链接</a><a href="jav&#x09;ascript:alert(4)">二</a><iframe src="https://evil.example"></iframe></p>',
    });
    const row = await h.tdb.db.selectFrom('info_items').select(['body_html', 'body_text']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.doesNotMatch(row.body_html, /script|onclick|onerror|javascript|iframe|alert/i);
    assert.match(row.body_html, /通知正文/);
    assert.equal(row.body_text, '通知正文链接二');
    const page = await agent.get(`/console/items/${id}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /<script>alert|onerror=|javascript:/);
  });

  test('bad input is refused by field and nothing is written', async () => {
    const count = async () => Number((await h.tdb.db.selectFrom('info_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const n = await count();
    await assert.rejects(createItem(op, itemFields({ title: '' })), invalidOn('title', /请填写标题/));
    await assert.rejects(createItem(op, itemFields({ title: '长'.repeat(201) })), invalidOn('title', /不能超过200/));
    await assert.rejects(createItem(op, itemFields({ title: ['数组'] })), invalidOn('title'));
    await assert.rejects(createItem(op, itemFields({ title: '标题\u0000' })), invalidOn('title', /无效字符/));
    await assert.rejects(createItem(op, itemFields({ body: '' })), invalidOn('body'));
    await assert.rejects(createItem(op, itemFields({ body: '<script>alert(1)</script>' })), invalidOn('body', /为空/));
    await assert.rejects(createItem(op, itemFields({ body: 'x'.repeat(200_001) })), invalidOn('body'));
    await assert.rejects(createItem(op, itemFields({ attribute: 'secret' })), invalidOn('attribute'));
    await assert.rejects(createItem(op, itemFields({ itemType: 'memo' })), invalidOn('itemType'));
    await assert.rejects(createItem(op, itemFields({ formedOn: '2022-02-30' })), invalidOn('formedOn'));
    await assert.rejects(createItem(op, itemFields({ formedOn: '1999-12-31' })), invalidOn('formedOn'));
    await assert.rejects(createItem(op, itemFields({ formedOn: '2099-01-01' })), invalidOn('formedOn', /晚于今天/));
    await assert.rejects(createItem(op, itemFields({ categoryCode: 'nope' })), invalidOn('categoryCode'));
    await assert.rejects(createItem(op, itemFields({ disclosureDays: 0 })), invalidOn('disclosureDays'));
    await assert.rejects(createItem(op, itemFields({ itemType: 'interpretation' })), invalidOn('policyItemId'));
    await assert.rejects(createItem(op, itemFields({ unitId: await h.unitId('区住建局') })), (e: unknown) => e instanceof AppError && e.kind === 'forbidden');
    assert.equal(await count(), n);
  });

  test('the console form shows errors in Chinese with input kept (400)', async () => {
    await agent.get('/console/items/new');
    const r = await agent.request('POST', '/console/items', { form: { itemType: 'general', title: '', attribute: 'withheld', body: '<p>保留的正文</p>' } });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /请填写标题/);
    assert.match(r.body, /不予公开必须选择法定依据/);
    assert.match(r.body, /不予公开必须说明理由/);
    assert.match(r.body, /&lt;p&gt;保留的正文&lt;\/p&gt;/);
  });

  test('due date: 20 working days from formation (start day not counted), 7 for 行政处罚; none for non-proactive items', async () => {
    // 2022-09-20 + 20 working days crosses 国庆: 9/21–9/30 are days 1–8, 10/1–7 off, the make-up Saturday and Sunday
    // 10/8–9 are days 9–10, so day 20 is 10/21. Seven working days end on 9/29.
    const a = await draftAs(op, { formedOn: '2022-09-20' });
    const b = await draftAs(op, { formedOn: '2022-09-20', itemType: 'penalty', categoryCode: 'xzzf-cf' });
    const c = await draftAs(op, { formedOn: '2022-09-20', attribute: 'on_request', attributeReason: '涉及个案' });
    const rows = await h.tdb.db.selectFrom('info_items').select(['id', 'due_date', 'disclosure_days']).where('id', 'in', [a, b, c]).orderBy('id').execute();
    assert.deepEqual(rows.map((r) => [r.disclosure_days, r.due_date]), [[20, '2022-10-21'], [7, '2022-09-29'], [20, null]]);
  });

  test('the admin drafts for any unit of the area; the auditor cannot draft', async () => {
    const id = await draftAs(admin, { unitId: await h.unitId('区住建局') });
    const row = await h.tdb.db.selectFrom('info_items').select(['unit_id', 'index_no']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.unit_id, await h.unitId('区住建局'));
    assert.match(row.index_no, /^370305006-2022-/);
    const auditor = await actorCtx(h, USERS.auditor.username);
    await assert.rejects(draftAs(auditor), (e: unknown) => e instanceof AppError && e.kind === 'forbidden');
  });

  test('editing a draft keeps its index number; the unit cannot change', async () => {
    const id = await draftAs(op, { formedOn: '2022-04-01' });
    const before = await h.tdb.db.selectFrom('info_items').select('index_no').where('id', '=', id).executeTakeFirstOrThrow();
    await updateItem(op, id, itemFields({ formedOn: '2023-04-01', title: '修改后的标题', docNumber: '临财字〔2023〕1号' }));
    const row = await h.tdb.db.selectFrom('info_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.index_no, before.index_no);
    assert.equal(row.title, '修改后的标题');
    assert.equal(row.doc_number, '临财字〔2023〕1号');
    await assert.rejects(updateItem(admin, id, itemFields({ unitId: await h.unitId('区住建局') })), invalidOn('unitId'));
    const history = await h.tdb.db.selectFrom('item_history').select('action').where('item_id', '=', id).orderBy('id').execute();
    assert.deepEqual(history.map((x) => x.action), ['create', 'update']);
    const audit = await h.tdb.db.selectFrom('audit_log').selectAll().where('entity', '=', 'info_item').where('entity_id', '=', String(id)).where('action', '=', 'item.update').executeTakeFirstOrThrow();
    assert.equal(JSON.parse(audit.before_json!).title, '关于开展2022年度财政预算公开工作的通知');
    assert.equal(JSON.parse(audit.after_json!).title, '修改后的标题');
  });

  test('default catalog and topic trees are seeded once per area and cover the statutory content', async () => {
    const cats = await h.tdb.db.selectFrom('categories').select(['tree', 'code', 'name', 'parent_code']).where('area_id', '=', h.areaId).execute();
    const names = cats.filter((c) => c.tree === 'catalog').map((c) => c.name);
    for (const n of ['机构职能', '政策文件', '行政规范性文件', '其他政策文件', '政策解读', '规划计划', '财政预决算', '行政执法', '行政处罚', '行政许可', '重点领域', '政府公报']) {
      assert.ok(names.includes(n), n);
    }
    assert.equal(cats.find((c) => c.code === 'xzzf-cf')?.parent_code, 'xzzf');
    assert.ok(cats.filter((c) => c.tree === 'topic').length >= 20);
    const { ensureDefaultCategories } = await import('./categories.repo.js');
    await ensureDefaultCategories(h.tdb.db, h.areaId);
    const again = await h.tdb.db.selectFrom('categories').select('id').where('area_id', '=', h.areaId).execute();
    assert.equal(again.length, cats.length);
  });
});
