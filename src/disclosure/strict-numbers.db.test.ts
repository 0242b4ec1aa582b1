// Strict numbers (issue 17) in the disclosure module: `[1]` and "0x10" are not numbers. Each surface — the item form
// (公开时限), one-click masking (位置) and a 公报 issue (年份, 期号) — answers with a 400 field error on the page and in
// the API, and writes nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';
import type { Ctx } from '../lib/context.js';
import { actorCtx, closeHarness, draftAs, itemFields } from './items.fixtures.js';

const BAD = ['0x10', '[1]'];
const PAGE_ONLY_BAD = ['1e1', ' 5'];

describe('strict numbers in disclosure input', () => {
  let h: Harness;
  let op: Ctx;
  let operator: Agent;
  let admin: Agent;
  const count = async (table: 'info_items' | 'gazette_issues' | 'audit_log') =>
    Number((await h.tdb.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  before(async () => {
    h = await createHarness();
    op = await actorCtx(h, USERS.operator.username);
    operator = await h.login(USERS.operator.username);
    admin = await h.login(USERS.admin.username);
  });
  after(async () => { await closeHarness(h); });

  test('公开时限: "0x10" and "[1]" on the item form, [20] and "0x10" in the API → 400 on the field, no item', async () => {
    const items = await count('info_items');
    const audits = await count('audit_log');
    const form = Object.fromEntries(Object.entries(itemFields()).map(([k, v]) => [k, String(v)]));
    for (const days of [...BAD, ...PAGE_ONLY_BAD]) {
      await operator.get('/console/items/new');
      const r = await operator.request('POST', '/console/items', { form: { ...form, disclosureDays: days } });
      assert.equal(r.statusCode, 400, days);
      assert.match(r.body, /公开时限（工作日）必须是数字/);
      assert.match(r.body, /关于开展2022年度财政预算公开工作的通知/, 'the input is kept');
    }
    for (const days of [[20], '0x10', '20 ']) {
      const r = await operator.request('POST', '/api/v1/items', { json: itemFields({ disclosureDays: days }) });
      assert.equal(r.statusCode, 400, JSON.stringify(days));
      assert.equal(r.json().error.fields.disclosureDays, '公开时限（工作日）必须是数字');
    }
    assert.equal(await count('info_items'), items);
    assert.equal(await count('audit_log'), audits);
    // The same field still takes plain digits and JSON numbers.
    const ok = await operator.request('POST', '/api/v1/items', { json: itemFields({ disclosureDays: 15 }) });
    assert.equal(ok.statusCode, 201);
    await operator.get('/console/items/new');
    const okPage = await operator.request('POST', '/console/items', { form: { ...form, disclosureDays: '15' } });
    assert.equal(okPage.statusCode, 303);
    const days = await h.tdb.db.selectFrom('info_items').select('disclosure_days').orderBy('id', 'desc').limit(2).execute();
    assert.deepEqual(days.map((d) => d.disclosure_days), [15, 15]);
  });

  test('masking: a position of "0x10" on the page or [0] in the API → 400, the item unchanged', async () => {
    const mobile = '13853312345';
    const id = await draftAs(op, { body: `<p>联系电话：${mobile}。</p>` });
    const hit = ((await operator.get(`/api/v1/items/${id}`)).json().data.privacyHits as { source: string; start: number; text: string }[])[0]!;
    assert.equal(hit.text, mobile);
    const body = async () => (await h.tdb.db.selectFrom('info_items').select('body_html').where('id', '=', id).executeTakeFirstOrThrow()).body_html;
    const before = await body();
    const audits = await count('audit_log');
    for (const start of [...BAD, `0x${hit.start.toString(16)}`]) {
      await operator.get(`/console/items/${id}`);
      const r = await operator.request('POST', `/console/items/${id}/privacy/mask`, { form: { source: hit.source, start, text: hit.text } });
      assert.equal(r.statusCode, 400, start);
      assert.match(r.body, /位置无效/);
    }
    for (const start of [[hit.start], String(`0x${hit.start.toString(16)}`)]) {
      const r = await operator.request('POST', `/api/v1/items/${id}/privacy/mask`, { json: { source: hit.source, start, text: hit.text } });
      assert.equal(r.statusCode, 400, JSON.stringify(start));
      assert.equal(r.json().error.fields.start, '位置无效');
    }
    assert.equal(await body(), before);
    assert.equal(await count('audit_log'), audits);
    const ok = await operator.request('POST', `/api/v1/items/${id}/privacy/mask`, { json: { source: hit.source, start: hit.start, text: hit.text } });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.notEqual(await body(), before);
  });

  test('公报: 年份 "0x7e6" / "[2022]" and 期号 "0x10" on the page, [2022] and [1] in the API → 400 on the field, no issue', async () => {
    const issues = await count('gazette_issues');
    const audits = await count('audit_log');
    for (const [year, number, field, message] of [
      ['0x7e6', '1', 'year', /年份必须是数字/], ['[2022]', '1', 'year', /年份必须是数字/],
      ['2022', '0x10', 'number', /期号必须是数字/], ['2022', '[1]', 'number', /期号必须是数字/],
    ] as const) {
      await admin.get('/console/gazette');
      const r = await admin.request('POST', '/console/gazette', { form: { year, number, title: '临淄区人民政府公报2022年第1期' } });
      assert.equal(r.statusCode, 400, `${field}=${year}/${number}`);
      assert.match(r.body, message);
      assert.match(r.body, /临淄区人民政府公报2022年第1期/, 'the input is kept');
    }
    for (const [json, field, message] of [
      [{ year: [2022], number: 1 }, 'year', '年份必须是数字'], [{ year: '0x7e6', number: 1 }, 'year', '年份必须是数字'],
      [{ year: 2022, number: [1] }, 'number', '期号必须是数字'], [{ year: 2022, number: '0x10' }, 'number', '期号必须是数字'],
    ] as const) {
      const r = await admin.request('POST', '/api/v1/gazette', { json: { ...json, title: '公报' } });
      assert.equal(r.statusCode, 400, JSON.stringify(json));
      assert.equal(r.json().error.fields[field], message);
    }
    assert.equal(await count('gazette_issues'), issues);
    assert.equal(await count('audit_log'), audits);
    const ok = await admin.request('POST', '/api/v1/gazette', { json: { year: '2022', number: 1, title: '公报' } });
    assert.equal(ok.statusCode, 201, ok.body);
  });
});
