// The CSRF token is read from the form body or the x-csrf-token header, never from the query string
// (issue 19: a token in a URL reaches access logs, history and Referer headers). Forms, upload forms
// and API clients keep working.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';
import { multipartBody } from '../test-support/multipart.js';
import { closeHarness } from '../disclosure/items.fixtures.js';

describe('CSRF token only from the body or a header', () => {
  let h: Harness;
  let admin: Agent;
  const count = async (title: string) => (await h.tdb.db.selectFrom('info_items').select('id').where('title', '=', title).execute()).length;
  const draft = (title: string) => ({ itemType: 'general', title, categoryCode: 'czyjs-ys', attribute: 'proactive', body: '<p>正文</p>' });
  before(async () => {
    h = await createHarness();
    admin = await h.login(USERS.admin.username);
    await admin.get('/console/items/new');
  });
  after(async () => { await closeHarness(h); });

  test('a form POST with the token only in the query string is refused (403) and writes nothing', async () => {
    const q = `?_csrf=${encodeURIComponent(admin.csrf)}`;
    const r = await admin.request('POST', `/console/items${q}`, { form: draft('只带查询串令牌的草稿'), withCsrf: false });
    assert.equal(r.statusCode, 403, r.body.slice(0, 200));
    assert.match(r.body, /页面已过期或来源无效/);
    assert.equal(await count('只带查询串令牌的草稿'), 0);
    // The same form with the token in its body is accepted.
    const ok = await admin.request('POST', '/console/items', { form: draft('表单里带令牌的草稿') });
    assert.equal(ok.statusCode, 303);
    assert.equal(await count('表单里带令牌的草稿'), 1);
  });

  test('JSON API clients with a session send the header; a query-string token is not enough', async () => {
    const refused = await admin.request('POST', `/api/v1/items?_csrf=${encodeURIComponent(admin.csrf)}`, { json: draft('接口查询串令牌'), withCsrf: false });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, 'csrf_invalid');
    assert.equal(await count('接口查询串令牌'), 0);
    const ok = await admin.request('POST', '/api/v1/items', { json: draft('接口请求头令牌') });
    assert.equal(ok.statusCode, 201, ok.body);
  });

  test('upload forms: a query-string token is refused; the token as the first multipart field works', async () => {
    await admin.get('/console/plans');
    const send = (url: string, fields: Record<string, string>) => {
      const { payload, contentType } = multipartBody(fields, { field: 'file', filename: 'plan.txt', content: Buffer.from('临淄区2022年政务公开工作要点\n一、测试\n1.测试任务。（责任单位：区财政局）') });
      return admin.request('POST', url, { payload, headers: { 'content-type': contentType } });
    };
    assert.equal((await send(`/console/plans/preview?_csrf=${encodeURIComponent(admin.csrf)}`, {})).statusCode, 403);
    const ok = await send('/console/plans/preview', { _csrf: admin.csrf });
    assert.notEqual(ok.statusCode, 403, ok.body.slice(0, 200));
    // A token in the query does not switch off the body check either.
    assert.equal((await send(`/console/plans/preview?_csrf=${encodeURIComponent(admin.csrf)}`, { _csrf: 'forged' })).statusCode, 403);
  });

  test('the public request form and its upload carry the token in the body, not the URL', async () => {
    const a = h.agent();
    const page = await a.get('/requests/new');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<form method="post" action="\/requests\/new"[^>]*enctype="multipart\/form-data"/);
    assert.doesNotMatch(page.body, /action="[^"]*_csrf=/);
    const { payload, contentType } = multipartBody({ description: '申请公开2022年预算执行情况' });
    const r = await a.request('POST', `/requests/new?_csrf=${encodeURIComponent(a.csrf)}`, { payload, headers: { 'content-type': contentType } });
    assert.equal(r.statusCode, 403);
    assert.equal((await h.tdb.db.selectFrom('info_requests').select('id').execute()).length, 0);
  });
});
