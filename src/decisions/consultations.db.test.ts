// Consultations on both engines: the API contract (201 / 422 CONSULTATION_TOO_SHORT / 409
// CONSULTATION_CLOSED / 422 bad input), counters (received = published + withheld), the no-JS form,
// moderation with the privacy guard, grouping, 采纳情况 and the feedback report, rate limits.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createApiToken } from '../auth/auth.service.js';
import { buildApp } from '../app/app.js';
import { loadConfig } from '../config/config.js';
import { actorCtx } from '../disclosure/items.fixtures.js';
import { setNowForTests } from '../lib/time.js';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import * as svc from './consultations.service.js';

const TODAY = new Date('2026-12-01T04:00:00Z'); // 2026-12-01 in CST

describe('consultations', () => {
  let h: Harness;
  let token: string;
  const bearer = () => ({ authorization: `Bearer ${token}` });
  const count = async (table: 'consultations' | 'consultation_comments') =>
    Number((await h.tdb.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  const create = (json: unknown) => h.agent().request('POST', '/api/v1/consultations', { json, headers: bearer(), withCsrf: false });
  const comment = (id: number, json: unknown) => h.agent().request('POST', `/api/v1/public/consultations/${id}/comments`, { json, withCsrf: false });

  before(async () => {
    setNowForTests(TODAY);
    h = await createHarness();
    token = await createApiToken(h.ctx, USERS.admin.username, 'test');
  });
  after(async () => {
    setNowForTests(null);
    await h.close();
  });

  test('POST /api/v1/consultations: 201 {id,…}; a major decision under 30 days without a reason → 422 CONSULTATION_TOO_SHORT, nothing written', async () => {
    const ok = await create({ title: '临淄区养老服务设施布局规划（征求意见稿）', kind: 'major_decision', unit: '区财政局', opensOn: '2026-12-01', closesOn: '2026-12-31' });
    assert.equal(ok.statusCode, 201, ok.body);
    const body = ok.json();
    assert.ok(Number.isInteger(body.id));
    assert.equal(body.opensOn, '2026-12-01');
    assert.equal(body.unitId, await h.unitId('区财政局'));

    const before = await count('consultations');
    const short = await create({ title: '短期限', kind: 'major_decision', unit: '区财政局', opensOn: '2026-12-01', closesOn: '2026-12-30' });
    assert.equal(short.statusCode, 422);
    assert.equal(short.json().error.code, 'CONSULTATION_TOO_SHORT');
    assert.match(short.json().error.message, /29日/);
    assert.equal(await count('consultations'), before, 'nothing written');
    for (const shorteningReason of ['', '   ', null]) {
      const r = await create({ title: '短期限', kind: 'major_decision', unit: '区财政局', opensOn: '2026-12-01', closesOn: '2026-12-01', shorteningReason });
      assert.equal(r.json().error.code, 'CONSULTATION_TOO_SHORT', JSON.stringify(shorteningReason));
    }
    assert.equal(await count('consultations'), before);

    const reasoned = await create({ title: '有理由缩短', kind: 'major_decision', unit: String(await h.unitId('区财政局')), opensOn: '2026-12-01', closesOn: '2026-12-15', shorteningReason: '上级要求年底前出台，时间紧迫' });
    assert.equal(reasoned.statusCode, 201, reasoned.body);
    assert.equal(reasoned.json().shorteningReason, '上级要求年底前出台，时间紧迫');

    const past = await create({ title: '2025年已完成的征求意见', kind: 'major_decision', unit: '区住建局', opensOn: '2025-03-01', closesOn: '2025-04-10' });
    assert.equal(past.statusCode, 201, 'staff may record a past consultation');
  });

  test('other kinds use the configurable minimum; bad input → 422 with fields; permissions', async () => {
    const short = await create({ title: '规范性文件', kind: 'normative', unit: '区财政局', opensOn: '2026-12-01', closesOn: '2026-12-05' });
    assert.equal(short.statusCode, 422);
    assert.equal(short.json().error.code, 'consultation_invalid');
    assert.match(short.json().error.fields.closesOn, /不少于7日/);
    await svc.saveSettings(h.ctx, { minNormative: 3, minOther: 7, concentrated: 10 });
    assert.equal((await create({ title: '规范性文件', kind: 'normative', unit: '区财政局', opensOn: '2026-12-01', closesOn: '2026-12-05' })).statusCode, 201);
    await svc.saveSettings(h.ctx, { minNormative: 7, minOther: 7, concentrated: 10 });

    const before = await count('consultations');
    const bad = await create({ title: '', kind: 'law', unit: '不存在的局', opensOn: '2026-13-01', closesOn: 'x' });
    assert.equal(bad.statusCode, 422);
    assert.deepEqual(Object.keys(bad.json().error.fields).sort(), ['closesOn', 'kind', 'opensOn', 'title']);
    const unknownUnit = await create({ title: 't', kind: 'other', unit: '不存在的局', opensOn: '2026-12-01', closesOn: '2026-12-20' });
    assert.equal(unknownUnit.statusCode, 422);
    assert.ok(unknownUnit.json().error.fields.unit);
    const reversed = await create({ title: 't', kind: 'other', unit: '区财政局', opensOn: '2026-12-20', closesOn: '2026-12-01' });
    assert.equal(reversed.statusCode, 422);
    assert.equal(await count('consultations'), before);

    const anon = await h.agent().request('POST', '/api/v1/consultations', { json: { title: 't' }, withCsrf: false });
    assert.ok([401, 403].includes(anon.statusCode), 'anonymous: refused (no token, no session)');
    const op = await h.login(USERS.otherOperator.username);
    await op.get('/console');
    const foreign = await op.request('POST', '/api/v1/consultations', { json: { title: 't', kind: 'other', unit: '区财政局', opensOn: '2026-12-01', closesOn: '2026-12-20' } });
    assert.equal(foreign.statusCode, 403, 'an operator only for their own unit');
    const own = await op.request('POST', '/api/v1/consultations', { json: { title: 't', kind: 'other', unit: '区住建局', opensOn: '2026-12-01', closesOn: '2026-12-20' } });
    assert.equal(own.statusCode, 201, own.body);
    const aud = await h.login(USERS.auditor.username);
    await aud.get('/console');
    assert.equal((await aud.request('POST', '/api/v1/consultations', { json: { title: 't', kind: 'other', unit: '区住建局', opensOn: '2026-12-01', closesOn: '2026-12-20' } })).statusCode, 403);
  });

  test('public comments: 201 while open, 409 CONSULTATION_CLOSED before and after, 422 on bad input; counters add up; contacts never public', async () => {
    const open = (await create({ title: '开放中', kind: 'other', unit: '区财政局', opensOn: '2026-11-20', closesOn: '2026-12-01' })).json().id as number;
    const future = (await create({ title: '未开始', kind: 'other', unit: '区财政局', opensOn: '2026-12-02', closesOn: '2026-12-30' })).json().id as number;
    const closed = (await create({ title: '已结束', kind: 'other', unit: '区财政局', opensOn: '2026-11-01', closesOn: '2026-11-30' })).json().id as number;

    const r = await comment(open, { text: '建议第五条增加无障碍设施要求。', name: '王某某', contact: '13912345678' });
    assert.equal(r.statusCode, 201, r.body);
    assert.ok(Number.isInteger(r.json().id));
    assert.equal((await comment(open, { text: '第二条意见' })).statusCode, 201);

    const before = await count('consultation_comments');
    for (const id of [future, closed]) {
      const x = await comment(id, { text: '意见' });
      assert.equal(x.statusCode, 409);
      assert.equal(x.json().error.code, 'CONSULTATION_CLOSED');
    }
    for (const bad of [{}, { text: '' }, { text: 'x'.repeat(5001) }, { text: '好', contact: 'c'.repeat(101) }, { text: '好', name: 7 }, { text: 5 }, [1, 2]]) {
      const x = await comment(open, bad);
      assert.equal(x.statusCode, 422, JSON.stringify(bad));
      assert.equal(x.json().error.code, 'consultation_invalid');
    }
    assert.equal((await comment(999999, { text: 'x' })).statusCode, 404);
    // The CSRF exemption is for requests without a session only: a signed-in browser still needs the token.
    const staff = await h.login(USERS.operator.username);
    const forged = await staff.request('POST', `/api/v1/public/consultations/${open}/comments`, { json: { text: '伪造' }, withCsrf: false });
    assert.equal(forged.statusCode, 403);
    assert.equal(forged.json().error.code, 'csrf_invalid');
    const anonForm = await h.agent().request('POST', `/consultations/${open}/comments`, { form: { text: '没有令牌的表单' }, withCsrf: false });
    assert.equal(anonForm.statusCode, 403, 'the HTML form keeps its CSRF token');
    assert.equal(await count('consultation_comments'), before, 'nothing written on refusal');
    assert.equal((await comment(open, { text: 'x'.repeat(5000) })).statusCode, 201, '5,000 characters are allowed');

    const g = await h.agent().get(`/api/v1/public/consultations/${open}`);
    assert.equal(g.statusCode, 200);
    const v = g.json();
    assert.deepEqual({ id: v.id, title: v.title, opensOn: v.opensOn, closesOn: v.closesOn, status: v.status }, { id: open, title: '开放中', opensOn: '2026-11-20', closesOn: '2026-12-01', status: 'open' });
    assert.equal(v.received, 3);
    assert.equal(v.received, v.published + v.withheld);
    assert.equal(v.pending, 3);
    assert.equal((await h.agent().get(`/api/v1/public/consultations/${closed}`)).json().status, 'closed');
    assert.equal((await h.agent().get(`/api/v1/public/consultations/${future}`)).json().status, 'not_open');

    const page = await h.agent().get(`/consultations/${open}`);
    assert.doesNotMatch(page.body, /13912345678|王某某/);
    assert.doesNotMatch(page.body, /建议第五条/, 'pending comments are not shown');
  });

  test('the no-JS form: 400 with the input kept and Chinese messages; 303 on success; after closing the form is replaced by a message', async () => {
    const id = (await create({ title: '表单测试', kind: 'other', unit: '区财政局', opensOn: '2026-11-20', closesOn: '2026-12-10' })).json().id as number;
    const a = h.agent();
    const page = await a.get(`/consultations/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<form method="post" action="\/consultations\/\d+\/comments"/);
    const before = await count('consultation_comments');
    const bad = await a.request('POST', `/consultations/${id}/comments`, { form: { text: '', section: '第三条', contact: '13800001111' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /请填写意见内容/);
    assert.match(bad.body, /value="第三条"/);
    assert.equal(await count('consultation_comments'), before);
    const ok = await a.request('POST', `/consultations/${id}/comments`, { form: { text: '同意本方案。', section: '第三条' } });
    assert.equal(ok.statusCode, 303);
    assert.equal(await count('consultation_comments'), before + 1);
    assert.match((await a.get(ok.headers.location as string)).body, /您的意见已收到/);

    setNowForTests(new Date('2026-12-11T04:00:00Z'));
    try {
      const closedPage = await a.get(`/consultations/${id}`);
      assert.doesNotMatch(closedPage.body, /action="\/consultations\/\d+\/comments"/);
      assert.match(closedPage.body, /本次征求意见已于2026-12-10结束，不再接收意见/);
      const late = await a.request('POST', `/consultations/${id}/comments`, { form: { text: '晚了' } });
      assert.equal(late.statusCode, 409);
      assert.match(late.body, /已于2026-12-10截止/);
    } finally {
      setNowForTests(TODAY);
    }
  });

  test('moderation, privacy guard, grouping, 采纳情况, the report and its gate', async () => {
    const admin = await actorCtx(h, USERS.admin.username);
    const c = await svc.createConsultation(admin, { title: '关于城区停车管理的决定（草案）', kind: 'other', unit: '区财政局', opensOn: '2026-11-20', closesOn: '2026-12-05' });
    const anon = { ...h.ctx, actor: { kind: 'anonymous' as const, areaId: null } };
    const campaign = '坚决反对在老城区取消路边停车位，居民停车本来就难，请保留现有车位！';
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push((await svc.submitComment(anon, c.id, { text: i % 3 === 0 ? campaign : `${campaign.slice(0, -1)}${'，谢谢'.repeat(i % 3)}！` })).id);
    const phone = (await svc.submitComment(anon, c.id, { text: '我住在幸福小区，电话13912345678，建议夜间开放学校操场停车。', contact: '13912345678' })).id;
    const other = (await svc.submitComment(anon, c.id, { text: '建议增加公共充电桩的数量。' })).id;
    const spam = (await svc.submitComment(anon, c.id, { text: '优惠代开发票，联系微信' })).id;

    const grouped = await svc.regroup(admin, c.id);
    assert.deepEqual(grouped, { groups: 1, grouped: 12 }, 'the campaign with small variations is one group; the others stay single');
    const g = await h.tdb.db.selectFrom('consultation_groups').selectAll().where('consultation_id', '=', c.id).executeTakeFirstOrThrow();
    assert.equal(g.size, 12);

    assert.equal((await svc.moderateGroup(admin, g.id, { action: 'verbatim' })), 12);
    await svc.moderateComment(admin, phone, { action: 'verbatim' });
    await svc.moderateComment(admin, other, { action: 'summary', summary: '建议增加充电桩。' });
    await assert.rejects(svc.moderateComment(admin, spam, { action: 'withhold' }), (e: { fields: Record<string, string> }) => !!e.fields.reason);
    await assert.rejects(svc.moderateComment(admin, other, { action: 'summary', summary: '联系13800001111' }), { code: 'privacy_blocked' });
    await svc.moderateComment(admin, spam, { action: 'withhold', reason: 'advertising' });

    const pub = (await h.agent().get(`/api/v1/public/consultations/${c.id}`)).json();
    assert.deepEqual([pub.received, pub.published, pub.withheld, pub.pending], [15, 14, 1, 0]);
    assert.deepEqual(await svc.counters(h.tdb.db, c.id), await svc.countedCounters(h.tdb.db, c.id), 'stored counters = counted');
    const page = await h.agent().get(`/consultations/${c.id}`);
    assert.doesNotMatch(page.body, /13912345678/, 'the privacy guard masks personal data before a comment is shown');
    assert.match(page.body, /139\*+5678|139\*{4}5678/);
    assert.doesNotMatch(page.body, /优惠代开发票/, 'withheld comments never shown');
    assert.match(page.body, /相同或相近意见共12条（已归并）/);
    assert.equal((page.body.match(/坚决反对在老城区/g) ?? []).length, 1, 'a group shows once');

    // Withholding the group's first member: the group still shows once, through its next published member.
    await svc.moderateComment(admin, ids[0]!, { action: 'withhold', reason: 'duplicate_submission' });
    const list = await svc.publicComments(h.tdb.db, c.id, 1);
    assert.deepEqual(list.rows.map((r) => r.id), [ids[1]!, phone, other]);
    assert.equal(list.total, 3);
    await svc.moderateComment(admin, ids[0]!, { action: 'verbatim' });
    assert.deepEqual((await svc.publicComments(h.tdb.db, c.id, 1)).rows.map((r) => r.id), [ids[0]!, phone, other]);
    await svc.moderateComment(admin, other, { action: 'withhold', reason: 'off_topic' });
    assert.deepEqual((await svc.publicComments(h.tdb.db, c.id, 1)).rows.map((r) => r.id), [ids[0]!, phone]);
    await svc.moderateComment(admin, other, { action: 'summary', summary: '建议增加充电桩。' });
    await svc.moderateGroup(admin, g.id, { action: 'withhold', reason: 'duplicate_submission' });
    assert.deepEqual(await svc.counters(h.tdb.db, c.id), { received: 15, published: 2, withheld: 13, pending: 0 });
    await svc.moderateGroup(admin, g.id, { action: 'verbatim' });
    assert.deepEqual(await svc.counters(h.tdb.db, c.id), await svc.countedCounters(h.tdb.db, c.id));

    await assert.rejects(svc.disposeComment(admin, ids[0]!, { disposition: 'adopted', topic: '停车' }), { code: 'wrong_status' });
    await assert.rejects(svc.disposeGroup(admin, g.id, { disposition: 'not_adopted', topic: '停车' }), (e: { fields: Record<string, string> }) => /较为集中意见（12条）/.test(e.fields.reason ?? ''));
    await svc.disposeGroup(admin, g.id, { disposition: 'partly', topic: '停车', reason: '保留居住区周边车位，主干道两侧取消' });
    await svc.disposeComment(admin, phone, { disposition: 'adopted', topic: '停车' });
    await assert.rejects(svc.regroup(admin, c.id), { code: 'regroup_locked' });

    await assert.rejects(svc.publishReport(admin, c.id), { code: 'wrong_status' }, 'not before closing');
    setNowForTests(new Date('2026-12-06T04:00:00Z'));
    try {
      await assert.rejects(svc.publishReport(admin, c.id), (e: { code: string; message: string }) => e.code === 'feedback_incomplete' && /1 条意见/.test(e.message));
      assert.equal((await h.agent().get(`/consultations/${c.id}/feedback`)).statusCode, 404);
      await svc.disposeComment(admin, other, { disposition: 'out_of_scope', topic: '充电设施', reason: '另行研究' });
      const report = await svc.publishReport(admin, c.id);
      assert.deepEqual(report.byDisposition, { adopted: 1, partly: 12, not_adopted: 0, out_of_scope: 1 });
      assert.deepEqual(report.byTopic.map((t) => [t.topic, t.total]), [['停车', 13], ['充电设施', 1]]);
      assert.equal(report.totals.received, report.totals.published + report.totals.withheld);
      assert.equal(report.totals.concentrated, 1);
      const fb = await h.agent().get(`/consultations/${c.id}/feedback`);
      assert.equal(fb.statusCode, 200);
      assert.match(fb.body, /较为集中意见/);
      assert.match(fb.body, /保留居住区周边车位/);
      assert.doesNotMatch(fb.body, /13912345678|优惠代开发票/);
      const api = await h.agent().get(`/api/v1/public/consultations/${c.id}/feedback`);
      assert.equal(api.json().data.entries.length, 3);
      assert.equal((await h.agent().get(`/api/v1/public/consultations/${c.id}`)).json().feedbackPublished, true);
      await assert.rejects(svc.disposeComment(admin, other, { disposition: 'adopted', topic: 'x' }), { code: 'wrong_status' }, 'frozen after publication');
      const audit = await h.tdb.db.selectFrom('audit_log').select('action').where('action', 'like', 'consultation.%').execute();
      for (const a of ['consultation.create', 'consultation.comment', 'consultation.regroup', 'consultation.moderate_group', 'consultation.dispose_group', 'consultation.publish_report']) {
        assert.ok(audit.some((x) => x.action === a), a);
      }
    } finally {
      setNowForTests(TODAY);
    }
  });

  test('public comments are rate-limited per IP (config.commentRateLimit), form and API', async () => {
    const id = (await create({ title: '限流', kind: 'other', unit: '区财政局', opensOn: '2026-11-20', closesOn: '2026-12-10' })).json().id as number;
    const config = { ...loadConfig({ GONGKAI_DATA_DIR: h.tdb.dataDir, SESSION_SECRET: 'y'.repeat(40) }), commentRateLimit: 2 };
    const app = await buildApp({ config, handle: h.tdb });
    await app.ready();
    try {
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) {
        codes.push((await app.inject({ method: 'POST', url: `/api/v1/public/consultations/${id}/comments`, payload: { text: `意见${i}` }, remoteAddress: '10.0.0.7' })).statusCode);
      }
      assert.deepEqual(codes, [201, 201, 429]);
      assert.equal((await app.inject({ method: 'POST', url: `/api/v1/public/consultations/${id}/comments`, payload: { text: '另一人' }, remoteAddress: '10.0.0.8' })).statusCode, 201);
    } finally {
      await app.close();
    }
  });

  test('staff JSON API: regroup, moderate, disposition, report (with the same rules as the console)', async () => {
    const id = (await create({ title: 'API 流程', kind: 'other', unit: '区财政局', opensOn: '2026-11-20', closesOn: '2026-12-01' })).json().id as number;
    const a = await comment(id, { text: '建议增设公交站。' });
    assert.equal((await comment(id, { text: '建议增设公交站！' })).statusCode, 201);
    const post = (url: string, json: unknown = {}) => h.agent().request('POST', url, { json, headers: bearer(), withCsrf: false });
    assert.deepEqual((await post(`/api/v1/consultations/${id}/regroup`)).json().data, { groups: 1, grouped: 2 });
    const g = await h.tdb.db.selectFrom('consultation_groups').select('id').where('consultation_id', '=', id).executeTakeFirstOrThrow();
    assert.equal((await post(`/api/v1/consultation-groups/${g.id}/moderate`, { action: 'withhold' })).statusCode, 400, 'a reason is needed');
    assert.equal((await post(`/api/v1/consultation-groups/${g.id}/moderate`, { action: 'verbatim' })).json().data.moderated, 2);
    assert.equal((await post(`/api/v1/consultation-comments/${a.json().id}/disposition`, { disposition: 'adopted', topic: '公交' })).statusCode, 409, 'grouped: dispose the group');
    assert.equal((await post(`/api/v1/consultation-groups/${g.id}/disposition`, { disposition: 'adopted', topic: '公交' })).statusCode, 200);
    assert.equal((await post(`/api/v1/consultations/${id}/report`)).json().error.code, 'wrong_status', 'not before closing');
    setNowForTests(new Date('2026-12-02T04:00:00Z'));
    try {
      const r = await post(`/api/v1/consultations/${id}/report`);
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().data.byDisposition.adopted, 2);
    } finally {
      setNowForTests(TODAY);
    }
    const anon = await h.agent().request('POST', `/api/v1/consultations/${id}/regroup`, { json: {}, withCsrf: false });
    assert.ok([401, 403].includes(anon.statusCode));
  });

  test('moderating a group: members are published with their own text, personal data masked member by member', async () => {
    const admin = await actorCtx(h, USERS.admin.username);
    const c = await svc.createConsultation(admin, { title: '归并审核', kind: 'other', unit: '区财政局', opensOn: '2026-11-20', closesOn: '2026-12-10' });
    const anon = { ...h.ctx, actor: { kind: 'anonymous' as const, areaId: null } };
    const base = '强烈要求在幸福路口增设红绿灯，过马路太危险了，请尽快解决';
    const ids: number[] = [];
    for (const tail of ['。', '！', '！！', '，我的电话13912345678。']) ids.push((await svc.submitComment(anon, c.id, { text: base + tail })).id);
    await svc.regroup(admin, c.id);
    const g = await h.tdb.db.selectFrom('consultation_groups').select('id').where('consultation_id', '=', c.id).executeTakeFirstOrThrow();
    assert.equal(await svc.moderateGroup(admin, g.id, { action: 'verbatim' }), 4);
    const rows = await h.tdb.db.selectFrom('consultation_comments').select(['id', 'text', 'shown_text', 'status']).where('consultation_id', '=', c.id).orderBy('id').execute();
    assert.ok(rows.every((r) => r.status === 'published'));
    assert.deepEqual(rows.slice(0, 3).map((r) => r.shown_text), rows.slice(0, 3).map((r) => r.text));
    assert.doesNotMatch(rows[3]!.shown_text!, /13912345678/);
    assert.match(rows[3]!.shown_text!, /^强烈要求/);
    assert.deepEqual(await svc.counters(h.tdb.db, c.id), { received: 4, published: 4, withheld: 0, pending: 0 });
    await svc.moderateGroup(admin, g.id, { action: 'summary', summary: '要求在幸福路口增设红绿灯。' });
    assert.deepEqual((await h.tdb.db.selectFrom('consultation_comments').select('shown_text').where('consultation_id', '=', c.id).execute()).map((r) => r.shown_text), Array(4).fill('要求在幸福路口增设红绿灯。'));
  });

  test('staff record comments received by other channels, dated within the period, also after closing', async () => {
    const id = (await create({ title: '信函意见', kind: 'other', unit: '区财政局', opensOn: '2026-11-01', closesOn: '2026-11-20' })).json().id as number;
    const post = (json: unknown) => h.agent().request('POST', `/api/v1/consultations/${id}/comments`, { json, headers: bearer(), withCsrf: false });
    const ok = await post({ text: '来信：建议延长公示期。', receivedOn: '2026-11-15', name: '李某', contact: '临淄区某街道' });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal((await post({ text: '太晚', receivedOn: '2026-11-25' })).statusCode, 422);
    assert.equal((await post({ text: '', receivedOn: '2026-11-15' })).statusCode, 422);
    assert.equal((await comment(id, { text: '公众不能在截止后提交' })).statusCode, 409);
    const v = (await h.agent().get(`/api/v1/public/consultations/${id}`)).json();
    assert.deepEqual([v.received, v.pending], [1, 1]);
    assert.equal((await h.agent().request('POST', `/api/v1/consultations/${id}/comments`, { json: { text: 'x', receivedOn: '2026-11-15' }, withCsrf: false })).statusCode, 403, 'anonymous: refused');
  });
});
