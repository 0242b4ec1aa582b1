// The decision catalog on both engines: creation, stages only with evidence documents, the gate
// before 决策公布 (dispositions + published report), adjustments with history, termination, the
// public catalog and decision pages (documents as links to public items only), the console dashboard.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { actorCtx } from '../disclosure/items.fixtures.js';
import type { Ctx } from '../lib/context.js';
import { setNowForTests } from '../lib/time.js';
import { insertItem, updateItem } from '../search/search.fixtures.js';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import * as cat from './catalog.service.js';
import * as svc from './consultations.service.js';
import { inbox } from './dashboard.service.js';

describe('decision catalog', () => {
  let h: Harness;
  let admin: Ctx;
  let unit: number;
  let doc: (title: string, status?: 'published' | 'draft') => Promise<number>;

  before(async () => {
    setNowForTests(new Date('2026-12-01T04:00:00Z'));
    h = await createHarness();
    admin = await actorCtx(h, USERS.admin.username);
    unit = await h.unitId('区财政局');
    doc = (title, status = 'published') => insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: unit, title, status, published_on: status === 'published' ? '2026-11-01' : null });
  });
  after(async () => {
    setNowForTests(null);
    await h.close();
  });

  const base = { year: 2026, name: '临淄区老旧小区改造三年行动方案', category: '1', decisionBody: '区人民政府', leadUnit: '区财政局', supportingUnits: '区住建局', legalBasis: '《重大行政决策程序暂行条例》', plannedOn: '2026-10-31', hearing: true, steps: 'public,risk,legality,collective' };

  test('stages: each completes only with its evidence document; 决策公布 waits for every disposition and the published report', async () => {
    const d = await cat.createDecision(admin, base);
    assert.equal(d.status, 'planned');
    await assert.rejects(cat.advanceDecision(admin, d.id, { completedOn: '2026-11-01' }), { code: 'evidence_required' });
    await assert.rejects(cat.advanceDecision(admin, d.id, { completedOn: '2026-11-01', evidenceItemId: 999999 }), (e: { fields: Record<string, string> }) => !!e.fields.evidenceItemId);
    const background = await doc('老旧小区改造决策背景说明');
    const draft = await doc('老旧小区改造三年行动方案（征求意见稿）');
    const internal = await doc('合法性审查意见书（内部）', 'draft');
    await cat.advanceDecision(admin, d.id, { completedOn: '2026-11-01', evidenceItemId: background });
    await cat.advanceDecision(admin, d.id, { completedOn: '2026-11-02', evidenceItemId: draft });

    const c = await svc.createConsultation(admin, { title: '老旧小区改造方案征求意见', kind: 'major_decision', unit: '区财政局', opensOn: '2026-11-03', closesOn: '2026-12-03', decisionId: d.id, draftItemId: draft });
    const anon = { ...h.ctx, actor: { kind: 'anonymous' as const, areaId: null } };
    const m = await svc.submitComment(anon, c.id, { text: '建议加装电梯的费用由政府补贴一部分。', contact: 'wang@example.com' });
    for (const stage of ['consultation', 'assessment', 'legality']) {
      void stage;
      await cat.advanceDecision(admin, d.id, { completedOn: '2026-11-20', evidenceItemId: stage === 'legality' ? internal : draft });
    }
    assert.equal((await cat.getDecision(h.tdb.db, d.id)).status, 'collective');
    const refuse = async (re: RegExp) => assert.rejects(cat.advanceDecision(admin, d.id, { completedOn: '2026-11-30', evidenceItemId: draft }),
      (e: { code: string; message: string }) => e.code === 'feedback_incomplete' && re.test(e.message));
    await refuse(/1 条意见待审核/);
    await svc.moderateComment(admin, m.id, { action: 'verbatim' });
    await refuse(/1 条意见和 0 个归并组未标注采纳情况/);
    await svc.disposeComment(admin, m.id, { disposition: 'partly', topic: '加装电梯', reason: '按省里标准补贴' });
    await refuse(/采纳情况尚未公布/);
    setNowForTests(new Date('2026-12-04T04:00:00Z'));
    await svc.publishReport(admin, c.id);
    // The report is registered as a draft information item (the one publishing path): public only once published there.
    const itemId = await svc.registerReportItem(admin, c.id);
    await assert.rejects(svc.registerReportItem(admin, c.id), { code: 'wrong_status' });
    const item = await h.tdb.db.selectFrom('info_items').select(['status', 'title', 'body_text', 'unit_id']).where('id', '=', itemId).executeTakeFirstOrThrow();
    assert.equal(item.status, 'draft');
    assert.equal(item.unit_id, unit);
    assert.match(item.title, /征求意见采纳情况的说明/);
    assert.match(item.body_text, /部分采纳1条/);
    assert.doesNotMatch(item.body_text, /wang@example\.com/);
    assert.doesNotMatch((await h.agent().get(`/decisions/${d.id}`)).body, /意见采纳情况说明/, 'a draft is not linked');
    await updateItem(h.tdb.db, h.tdb.dialect, itemId, { status: 'published', published_on: '2026-12-04' });
    assert.match((await h.agent().get(`/decisions/${d.id}`)).body, new RegExp(`意见采纳情况说明：<a href="/items/${itemId}">`));
    const minutes = await doc('区政府常务会议纪要');
    const done = await cat.advanceDecision(admin, d.id, { completedOn: '2026-12-04', evidenceItemId: minutes });
    assert.equal(done.status, 'published');

    // Public pages: the catalog shows the status; the decision page links public documents only.
    const list = await h.agent().get('/decisions?year=2026');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /临淄区老旧小区改造三年行动方案/);
    assert.match(list.body, /决策公布/);
    assert.match(list.body, /<li>2026-11-01 进入起草<\/li>/, 'the catalog shows each item’s timeline');
    assert.match(list.body, /<li>2026-12-04 进入决策公布<\/li>/);
    const page = await h.agent().get(`/decisions/${d.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`<a href="/items/${draft}">老旧小区改造三年行动方案（征求意见稿）</a>`));
    assert.match(page.body, new RegExp(`<a href="/items/${background}">`));
    assert.match(page.body, new RegExp(`<a href="/consultations/${c.id}/feedback">意见采纳情况</a>`));
    assert.doesNotMatch(page.body, /合法性审查意见书（内部）/, 'an unpublished evidence item is never named on the public page');
    assert.match(page.body, /证明材料已存档/);
    assert.doesNotMatch(page.body, /wang@example\.com/);
    const api = (await h.agent().get('/api/v1/public/decisions?year=2026')).json();
    assert.equal(api.data.items[0].status, 'published');
    setNowForTests(new Date('2026-12-01T04:00:00Z'));
  });

  test('adjustments keep the history with reasons; termination; admin only; bad input writes nothing', async () => {
    const d = await cat.createDecision(admin, { ...base, name: '区域供热专项规划', category: '2', plannedOn: '2026-06-30' });
    await assert.rejects(cat.adjustDecision(admin, d.id, { ...base, name: '区域供热专项规划', category: '2', plannedOn: '2027-06-30' }), (e: { fields: Record<string, string> }) => !!e.fields.reason);
    await cat.adjustDecision(admin, d.id, { ...base, name: '区域供热专项规划', category: '2', plannedOn: '2027-06-30', reason: '上级规划调整，推迟一年' });
    const ev = await h.tdb.db.selectFrom('decision_events').selectAll().where('decision_id', '=', d.id).where('kind', '=', 'adjust').executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(ev.before_json!), { planned_on: '2026-06-30' });
    assert.deepEqual(JSON.parse(ev.after_json!), { planned_on: '2027-06-30' });
    assert.equal(ev.reason, '上级规划调整，推迟一年');
    const page = await h.agent().get(`/decisions/${d.id}`);
    assert.match(page.body, /目录调整/);
    assert.match(page.body, /调整内容：计划完成时间；理由：上级规划调整，推迟一年/);

    const op = await actorCtx(h, USERS.operator.username);
    await assert.rejects(cat.createDecision(op, base), { code: 'forbidden' });
    await assert.rejects(cat.createDecision(admin, { ...base, category: '9', leadUnit: '不存在的局' }), (e: { fields: Record<string, string> }) => !!e.fields.category);
    await assert.rejects(cat.terminateDecision(admin, d.id, { reason: '' }));
    await cat.terminateDecision(admin, d.id, { reason: '并入全市统一规划' });
    await assert.rejects(cat.advanceDecision(admin, d.id, { completedOn: '2026-11-01', evidenceItemId: await doc('x') }), { code: 'wrong_status' });
    assert.match((await h.agent().get(`/decisions/${d.id}`)).body, /终止/);
  });

  test('console: dashboard counts, forms re-render with 400, stage form; inbox entries', async () => {
    await cat.createDecision(admin, { ...base, name: '落后于计划的事项', plannedOn: '2026-01-31' });
    await svc.createConsultation(admin, { title: '即将截止的征求意见', kind: 'other', unit: '区财政局', opensOn: '2026-11-25', closesOn: '2026-12-05' });
    await svc.createConsultation(admin, { title: '已结束未反馈', kind: 'other', unit: '区财政局', opensOn: '2026-11-01', closesOn: '2026-11-20' });
    const a = await h.login(USERS.admin.username);
    const page = await a.get('/console/decisions');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /个7日内截止/);
    assert.match(page.body, /落后于计划的事项/);
    const entries = await inbox(admin);
    assert.ok(entries.some((e) => e.label.includes('采纳情况未公布') && e.count >= 1));
    assert.ok(entries.some((e) => e.label.includes('晚于计划') && e.count >= 1));
    const bad = await a.request('POST', '/console/consultations', { form: { title: '表单', kind: 'major_decision', unit: '区财政局', opensOn: '2026-12-01', closesOn: '2026-12-10' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /缩短期限的理由/);
    assert.match(bad.body, /value="表单"/);
    const ok = await a.request('POST', '/console/consultations', { form: { title: '表单', kind: 'major_decision', unit: '区财政局', opensOn: '2026-12-01', closesOn: '2026-12-10', shorteningReason: '紧急' } });
    assert.equal(ok.statusCode, 303);
    const manage = await a.get(ok.headers.location as string);
    assert.equal(manage.statusCode, 200);
    const d = await cat.createDecision(admin, { ...base, name: '表单事项' });
    const stage = await a.request('POST', `/console/decisions/${d.id}/advance`, { form: { completedOn: '2026-11-01', evidenceItemId: '' } });
    assert.equal(stage.statusCode, 409);
    assert.match(stage.body, /须附证明材料/);
  });

  test('reminder job: once per consultation closed without 采纳情况 and per meeting closed without a selection', async () => {
    const { runDecisionReminders } = await import('./reminders.js');
    const { createMeeting } = await import('./participation.service.js');
    const c = await svc.createConsultation(admin, { title: '提醒测试征求意见', kind: 'other', unit: '区财政局', opensOn: '2026-11-01', closesOn: '2026-11-25' });
    const m = await createMeeting(admin, { title: '提醒测试会议', meetingOn: '2026-12-10', signupOpensOn: '2026-11-20', signupClosesOn: '2026-11-28', seats: 2, rules: '抽签' });
    const first = await runDecisionReminders(h.ctx);
    assert.ok(first.feedback >= 1 && first.meetings >= 1);
    const again = await runDecisionReminders(h.ctx);
    assert.deepEqual(again, { feedback: 0, meetings: 0 }, 'exactly once');
    const notes = await h.tdb.db.selectFrom('notifications').select(['user_id', 'link']).where('link', 'in', [`/console/consultations/${c.id}`, `/console/meetings/${m.id}`]).execute();
    const operator = (await h.tdb.db.selectFrom('users').select('id').where('username', '=', USERS.operator.username).executeTakeFirstOrThrow()).id;
    assert.ok(notes.some((n) => n.user_id === operator && n.link === `/console/consultations/${c.id}`), 'the unit is told');
    assert.ok(notes.some((n) => n.link === `/console/meetings/${m.id}`), 'the admins are told about the meeting');
  });

  test('catalog API: create (admin token), advance needs evidence, adjust needs a reason; bad input writes nothing', async () => {
    const { createApiToken } = await import('../auth/auth.service.js');
    const token = await createApiToken(h.ctx, USERS.admin.username, 'catalog');
    const post = (url: string, json: unknown) => h.agent().request('POST', url, { json, headers: { authorization: `Bearer ${token}` }, withCsrf: false });
    const n = async () => (await h.tdb.db.selectFrom('decisions').select('id').execute()).length;
    const before = await n();
    const bad = await post('/api/v1/decisions', { ...base, year: 'x', name: '' });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().error.fields.year && bad.json().error.fields.name);
    assert.equal(await n(), before);
    const ok = await post('/api/v1/decisions', { ...base, name: 'API 事项' });
    assert.equal(ok.statusCode, 201, ok.body);
    const id = ok.json().data.id as number;
    assert.equal((await post(`/api/v1/decisions/${id}/advance`, { completedOn: '2026-11-01' })).json().error.code, 'evidence_required');
    const ev = await doc('API 事项启动文件');
    assert.equal((await post(`/api/v1/decisions/${id}/advance`, { completedOn: '2026-11-01', evidenceItemId: ev })).json().data.status, 'drafting');
    assert.equal((await post(`/api/v1/decisions/${id}/adjust`, { ...base, name: 'API 事项（调整）' })).statusCode, 400);
    assert.equal((await post(`/api/v1/decisions/${id}/adjust`, { ...base, name: 'API 事项（调整）', reason: '名称规范' })).json().data.name, 'API 事项（调整）');
  });
});
