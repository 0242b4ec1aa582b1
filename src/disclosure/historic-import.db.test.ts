// 发布日期 is the day of sign-off: no back-dating through the sign-off form or the API; 历史信息导入 is the
// admin's separate, audited path that keeps original dates, labels the items and leaves them out of timeliness.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { todayCst } from '../lib/time.js';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import { complianceByUnit } from './compliance.service.js';
import { actorCtx, closeHarness, draftAs } from './items.fixtures.js';
import { submitItem } from './workflow.service.js';

describe('publication dates are facts', () => {
  let h: Harness;
  const item = (id: number) => h.tdb.db.selectFrom('info_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  before(async () => { h = await createHarness(); });
  after(async () => { await closeHarness(h); });

  test('sign-off form: a back-dated 发布日期 is refused with 400 (nothing published); the form has no date field', async () => {
    const [op] = await Promise.all([actorCtx(h, USERS.operator.username)]);
    const id = await draftAs(op, { formedOn: '2022-06-01' });
    await submitItem(op, id);
    const reviewer = await h.login(USERS.reviewer.username);
    const page = await reviewer.get(`/console/items/${id}`);
    assert.doesNotMatch(page.body, /name="publishedOn"/);
    assert.match(page.body, new RegExp(`发布日期：签发当日（${todayCst()}）`));
    const r = await reviewer.request('POST', `/console/items/${id}/publish`, { form: { confidentialityChecked: 'on', attribute: 'proactive', publishedOn: '2022-06-20' } });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /发布日期即签发当日/);
    assert.equal((await item(id)).status, 'submitted');
    const ok = await reviewer.request('POST', `/console/items/${id}/publish`, { form: { confidentialityChecked: 'on', attribute: 'proactive' } });
    assert.equal(ok.statusCode, 303);
    assert.equal((await item(id)).published_on, todayCst());
  });

  test('API: a back-dated publishedOn answers 400 validation_failed on publishedOn; today is accepted', async () => {
    const op = await actorCtx(h, USERS.operator.username);
    const id = await draftAs(op, { formedOn: '2022-06-01' });
    await submitItem(op, id);
    const reviewer = await h.login(USERS.reviewer.username);
    await reviewer.get('/console/items');
    const r = await reviewer.request('POST', `/api/v1/items/${id}/publish`, { json: { confidentialityChecked: true, attribute: 'proactive', publishedOn: '2022-06-02' } });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().error.code, 'validation_failed');
    assert.ok('publishedOn' in r.json().error.fields);
    assert.equal((await item(id)).status, 'submitted');
    const ok = await reviewer.request('POST', `/api/v1/items/${id}/publish`, { json: { confidentialityChecked: true, attribute: 'proactive', publishedOn: todayCst() } });
    assert.equal(ok.statusCode, 200);
  });

  test('历史信息导入: admin only; keeps the original date, labelled on the portal and console, audited, out of timeliness', async () => {
    const unit = String(await h.unitId('区住建局'));
    const form = { unitId: unit, title: '2019年老旧小区改造计划', itemType: 'general', categoryCode: 'ghjh', originalPublishedOn: '2019-03-01', source: 'http://old.linzi.gov.cn/art/2019/3/1/art_9.html', body: '原网站发布的计划全文。' };
    const op = await h.login(USERS.operator.username);
    assert.equal((await op.get('/console/items/import-historic')).statusCode, 403);
    const admin = await h.login(USERS.admin.username);
    assert.equal((await admin.get('/console/items/import-historic')).statusCode, 200);
    const bad = await admin.request('POST', '/console/items/import-historic', { form: { ...form, originalPublishedOn: '' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /原发布日期/);
    assert.match(bad.body, /value="2019年老旧小区改造计划"/);
    const before = Number((await h.tdb.db.selectFrom('info_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const r = await admin.request('POST', '/console/items/import-historic', { form });
    assert.equal(r.statusCode, 303);
    const id = Number(/\/console\/items\/(\d+)/.exec(String(r.headers.location))![1]);
    assert.equal(Number((await h.tdb.db.selectFrom('info_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), before + 1);
    const row = await item(id);
    assert.deepEqual([row.status, row.published_on, row.due_date, row.imported_from], ['published', '2019-03-01', null, form.source]);
    const pub = await h.agent().get(`/items/${id}`);
    assert.match(pub.body, /<th scope="row">发布日期<\/th><td>2019-03-01<\/td>/);
    assert.match(pub.body, /历史信息导入（原网站发布，保留原发布日期；来源：http:\/\/old\.linzi\.gov\.cn/);
    assert.match((await admin.get(`/console/items/${id}`)).body, /历史信息导入，来源：/);
    const audit = await h.tdb.db.selectFrom('audit_log').select(['action', 'actor_label']).where('entity', '=', 'info_item').where('entity_id', '=', String(id)).orderBy('id').execute();
    assert.deepEqual(audit.map((a) => a.action), ['item.create', 'item.import.historic']);
    assert.match(audit[1]!.actor_label, /t_admin/);
    const api = (await admin.get(`/api/v1/items/${id}`)).json().data;
    assert.equal(api.timeliness, 'none');
    const comp = (await complianceByUnit(await actorCtx(h, USERS.admin.username), { year: 2019 })).find((u) => u.unitId === Number(unit))!;
    assert.deepEqual([comp.onTime, comp.late, comp.pending, comp.overduePending, comp.problems.length], [0, 0, 0, 0, 0], 'neither on time nor late: not counted');
  });

  test('RSS pubDate is the shown 发布日期 (China time), also for historic items', async () => {
    const xml = (await h.agent().get('/feed.xml')).body;
    const items = [...xml.matchAll(/<item><title>[^<]*<\/title><link>[^<]*\/items\/(\d+)<\/link>.*?<pubDate>([^<]+)<\/pubDate>/g)];
    assert.ok(items.length >= 2);
    for (const [, id, pubDate] of items) {
      const shown = (await item(Number(id))).published_on!;
      const d = new Date(pubDate!);
      const cst = new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
      assert.equal(cst, shown, `item ${id}: ${pubDate}`);
      assert.match(pubDate!, /\+0800$/);
      const [y, m, dd] = shown.split('-');
      assert.ok(pubDate!.includes(`${Number(dd) < 10 ? `0${Number(dd)}` : dd} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(m) - 1]} ${y}`), pubDate);
    }
  });
});
