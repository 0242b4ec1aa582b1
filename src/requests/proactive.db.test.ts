// 条例第四十四条 on both engines: N applicants asked for the same releasable information → staff create a DRAFT
// information item of the handling unit (disclosure module), prefilled, linked both ways, audited, and
// without any applicant data.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Ctx } from '../lib/context.js';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';
import { inboxEntries } from './console.service.js';
import { proactiveProposal } from './proactive.js';
import { addEvent, createRequest } from './requests.service.js';

describe('依申请公开转主动公开 (art. 44)', () => {
  let h: Harness;
  let office: Agent;
  let hc: number;
  before(async () => {
    h = await createHarness();
    office = await h.login(USERS.admin.username);
    hc = await h.unitId('区住建局');
  });
  after(async () => { await h.close(); });
  const db = () => h.tdb.db;
  const mk = async (name: string, description: string, outcome?: string, extra: Record<string, string> = {}) => {
    const r = await createRequest(h.ctx, { unit: hc, channel: 'in_person', receivedOn: '2022-03-01', applicant: { type: 'natural', name, ...extra }, description });
    if (outcome) await addEvent(h.ctx, r.id, { type: 'replied', on: '2022-03-10', outcome });
    return r;
  };
  const text = '临淄区2022年老旧小区改造项目清单及资金安排';
  const staffCtx = async (username: string): Promise<Ctx> => {
    const u = await db().selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
    return { db: db(), dialect: h.tdb.dialect, actor: { kind: 'user', userId: u.id, username: u.username, name: u.display_name, role: u.role, unitId: u.unit_id, areaId: h.areaId } };
  };
  const inboxEntry = async (username: string = USERS.admin.username) => (await inboxEntries(await staffCtx(username))).find((e) => e.label.includes('第四十四条'));

  test('below the threshold nothing is offered and a draft is refused', async () => {
    await mk('赵甲', '某街道2021年路灯维修合同', 'disclosed');
    const r = await mk('钱乙', '某街道2021年路灯维修合同');
    assert.equal(await proactiveProposal(db(), await db().selectFrom('info_requests').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow()), null);
    const page = await office.get(`/console/requests/${r.id}`);
    assert.doesNotMatch(page.body, /生成主动公开草稿/);
    assert.equal(await inboxEntry(), undefined, 'no 工作台 entry below the threshold');
    const refused = await office.request('POST', `/console/requests/${r.id}/proactive`, { form: { title: '路灯维修合同', body: '某街道2021年路灯维修合同' } });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /不足 3 位/);
  });

  test('three applicants: a prefilled form without applicant data; the draft is the handling unit\'s, linked and audited; once only', async () => {
    const a = await mk('孙丙丙', text, 'disclosed', { idType: '居民身份证', idNumber: '11010519491231002X', phone: '13800138000' });
    const b = await mk('李丁丁', `${text}（联系人李丁丁，13912345678）`, 'partial');
    const c = await mk('周戊戊', `请公开${text}`);
    // 工作台: one entry for the group (the newest request stands for it) while it has no draft.
    const entry = await inboxEntry();
    assert.deepEqual(entry && { count: entry.count, href: entry.href }, { count: 1, href: `/console/requests/${c.id}` });
    assert.ok(await inboxEntry(USERS.otherOperator.username), 'the handling unit sees it too');
    assert.equal(await inboxEntry(USERS.operator.username), undefined, 'another unit does not');
    const page = await office.get(`/console/requests/${c.id}`);
    assert.match(page.body, /已有 3 位申请人/);
    assert.match(page.body, /生成主动公开草稿/);
    const form = page.body.slice(page.body.indexOf(`/console/requests/${c.id}/proactive`));
    const formHtml = form.slice(0, form.indexOf('</form>'));
    assert.match(formHtml, /老旧小区改造项目清单/);
    for (const p of ['孙丙丙', '李丁丁', '周戊戊', '13912345678', '13800138000', '11010519491231002X']) assert.ok(!formHtml.includes(p), `${p} prefilled`);

    const items = async () => Number((await db().selectFrom('info_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await items();
    const withName = await office.request('POST', `/console/requests/${c.id}/proactive`, { form: { title: `李丁丁申请的${text}`, body: text } });
    assert.equal(withName.statusCode, 400);
    assert.match(withName.body, /含有申请人的个人信息/);
    assert.match(withName.body, /value="李丁丁申请的/, 'input kept');
    const withId = await office.request('POST', `/console/requests/${c.id}/proactive`, { form: { title: text, body: `联系电话 13700001111 ${text}` } });
    assert.equal(withId.statusCode, 400);
    assert.match(withId.body, /含有个人信息/);
    assert.equal(await items(), before, 'nothing written');

    const ok = await office.request('POST', `/console/requests/${c.id}/proactive`, { form: { title: `${text}公开`, body: `${text}。` } });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    const links = await db().selectFrom('info_request_proactive_items').selectAll().orderBy('request_id').execute();
    assert.deepEqual(links.map((l) => l.request_id), [a.id, b.id, c.id]);
    assert.equal(new Set(links.map((l) => l.item_id)).size, 1);
    const itemId = links[0]!.item_id;
    const item = await db().selectFrom('info_items').selectAll().where('id', '=', itemId).executeTakeFirstOrThrow();
    assert.equal(item.status, 'draft');
    assert.equal(item.unit_id, hc, 'the handling unit');
    assert.equal(item.attribute, 'proactive');
    assert.equal(item.title, `${text}公开`);
    const history = await db().selectFrom('item_history').select(['action', 'note']).where('item_id', '=', itemId).execute();
    assert.equal(history.length, 1);
    assert.match(history[0]!.note ?? '', new RegExp(`条例第四十四条.*${[a, b, c].map((r) => r.number!.replace(/[〔〕]/g, '.')).join('、')}`));
    for (const p of ['孙丙丙', '李丁丁', '周戊戊', '13912345678', '11010519491231002X']) assert.ok(!`${item.title}${item.body_text}${history[0]!.note}`.includes(p), `${p} in the item`);
    const audit = await db().selectFrom('audit_log').select('entity_id').where('action', '=', 'request.proactive_draft').execute();
    assert.deepEqual(audit.map((x) => Number(x.entity_id)).sort((x, y) => x - y), [a.id, b.id, c.id]);
    // The request links to the draft; a second draft is refused, also from another of the requests.
    assert.match((await office.get(`/console/requests/${c.id}`)).body, new RegExp(`href="/console/items/${itemId}"`));
    const again = await office.request('POST', `/console/requests/${a.id}/proactive`, { form: { title: text, body: text } });
    assert.equal(again.statusCode, 409);
    assert.equal(await items(), before + 1);
    assert.equal(await inboxEntry(), undefined, 'the group has its draft: no 工作台 entry');
    // A later request of the same group (a fourth applicant) joins the draft: linked, shown, no second draft offered.
    const d = await mk('吴己己', `申请公开${text}`);
    const dLinks = await db().selectFrom('info_request_proactive_items').select('item_id').where('request_id', '=', d.id).execute();
    assert.deepEqual(dLinks.map((l) => l.item_id), [itemId]);
    const dPage = (await office.get(`/console/requests/${d.id}`)).body;
    assert.match(dPage, new RegExp(`href="/console/items/${itemId}"`));
    assert.doesNotMatch(dPage, /生成主动公开草稿/);
    assert.equal((await office.request('POST', `/console/requests/${d.id}/proactive`, { form: { title: text, body: text } })).statusCode, 409);
    assert.equal(await items(), before + 1);
    assert.equal((await db().selectFrom('audit_log').select('id').where('action', '=', 'request.proactive_link').where('entity_id', '=', String(d.id)).execute()).length, 1);
    // An unrelated request is not linked.
    const e = await mk('郑庚庚', '某街道2023年垃圾分类宣传经费');
    assert.equal((await db().selectFrom('info_request_proactive_items').select('item_id').where('request_id', '=', e.id).execute()).length, 0);
    // The item is in the disclosure module's console for the handling unit, as a draft.
    const unitStaff = await h.login(USERS.otherOperator.username);
    assert.match((await unitStaff.get(`/console/items/${itemId}`)).body, /依申请公开转主动公开/);
    // Another unit's staff cannot see the request, so cannot propose from it.
    const fin = await h.login(USERS.operator.username);
    assert.equal((await fin.get(`/console/requests/${c.id}`)).statusCode, 404);
  });
});
