// Console of the requests module on both engines: staff intake (art. 31), request page with the
// due-date explanation, assign / hand back, 补正 / 延期 / 征求意见 from the console, list filters,
// dashboard, reminders exactly once, inbox, the 申请编号 template.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiToken } from '../auth/auth.service.js';
import { setNowForTests } from '../lib/time.js';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';
import { dashboard, endOfWeek, inboxEntries, listRequests, runReminders } from './console.service.js';
import { addEvent, createRequest } from './requests.service.js';
import { systemActor, type Ctx } from '../lib/context.js';

describe('requests console', () => {
  let h: Harness;
  let office: Agent;
  let fin: number;
  let hc: number;
  let admin: Record<string, string>;
  const staffCtx = async (username: string): Promise<Ctx> => {
    const u = await h.tdb.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
    return { db: h.tdb.db, dialect: h.tdb.dialect, actor: { kind: 'user', userId: u.id, username: u.username, name: u.display_name, role: u.role, unitId: u.unit_id, areaId: h.areaId } };
  };
  before(async () => {
    h = await createHarness();
    office = await h.login(USERS.admin.username);
    fin = await h.unitId('区财政局');
    hc = await h.unitId('区住建局');
    admin = { authorization: `Bearer ${await createApiToken(h.ctx, USERS.admin.username, 'test')}` };
  });
  afterEach(() => setNowForTests(null));
  after(async () => { await h.close(); });
  const make = (over: Record<string, unknown> = {}) => createRequest(h.ctx, { unit: fin, channel: 'in_person', receivedOn: '2022-09-28', applicant: { type: 'natural', name: '陈一' }, description: '某项资金分配结果', ...over });

  test('staff intake by channel (art. 31): in person runs at once, a letter needs its signed-for day, fax without confirmation waits', async () => {
    await office.get('/console/requests/new');
    const base = { type: 'natural', name: '林二', idType: '居民身份证', idNumber: '11010519491231002X', unit: String(fin), description: '2022年政府采购项目清单' };
    const r = await office.request('POST', '/console/requests/new', { form: { ...base, channel: 'in_person', receivedOn: '2022-09-28' } });
    assert.equal(r.statusCode, 303, r.body.slice(0, 500));
    const page = await office.get(r.headers.location as string);
    assert.match(page.body, /答复期限：<strong>2022-10-31<\/strong>/);
    assert.match(page.body, /自 2022-09-28 的次日起算，第 20 个工作日为 2022-10-31/);
    assert.match(page.body, /2022-10-01：国庆节/);
    assert.match(page.body, /11010519491231002X/, 'the office sees the applicant data');
    const letter = await office.request('POST', '/console/requests/new', { form: { ...base, channel: 'post' } });
    assert.equal(letter.statusCode, 400);
    assert.match(letter.body, /签收之日/);
    const badId = await office.request('POST', '/console/requests/new', { form: { ...base, channel: 'in_person', idNumber: '110105194912310021' } });
    assert.equal(badId.statusCode, 400);
    assert.match(badId.body, /校验位/);
    assert.match(badId.body, /value="林二"/);
    const fax = await office.request('POST', '/console/requests/new', { form: { ...base, channel: 'fax' } });
    assert.equal(fax.statusCode, 303);
    const faxPage = await office.get(fax.headers.location as string);
    assert.match(faxPage.body, /待确认/);
    assert.match(faxPage.body, /确认收到（生成申请编号，开始计时）/);
  });

  test('assign to a handling unit, the unit sees it and may hand it back with a reason; the office is notified', async () => {
    const { id } = await createRequest(h.ctx, { unit: h.areaId, channel: 'in_person', receivedOn: '2022-09-28', applicant: { type: 'natural', name: '陈一' }, description: '全区教育经费' });
    const other = await h.login(USERS.otherOperator.username);
    assert.equal((await other.get(`/console/requests/${id}`)).statusCode, 404);
    await office.get(`/console/requests/${id}`);
    const as = await office.request('POST', `/console/requests/${id}/assign`, { form: { unitId: String(hc) } });
    assert.equal(as.statusCode, 303);
    const seen = await other.get(`/console/requests/${id}`);
    assert.equal(seen.statusCode, 200);
    const noReason = await other.request('POST', `/console/requests/${id}/hand-back`, { form: { reason: '' } });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /退回理由/);
    const back = await other.request('POST', `/console/requests/${id}/hand-back`, { form: { reason: '不属于本单位职责，建议由区教体局承办' } });
    assert.equal(back.statusCode, 303);
    const row = await h.tdb.db.selectFrom('info_requests').select('handling_unit_id').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.handling_unit_id, null);
    const notes = await h.tdb.db.selectFrom('notifications').select(['kind', 'title']).where('kind', 'in', ['request.assigned', 'request.handed_back']).execute();
    assert.equal(notes.filter((n) => n.kind === 'request.assigned').length, 2, 'both staff of the handling unit');
    assert.ok(notes.some((n) => n.kind === 'request.handed_back'), 'the office');
    assert.equal((await other.get(`/console/requests/${id}`)).statusCode, 404, 'handed back: no longer the unit\'s');
  });

  test('补正 from the console needs what and a period; late notice flagged; no correction closes only after the period', async () => {
    const { id } = await make();
    const op = await h.login(USERS.operator.username);
    await op.get(`/console/requests/${id}`);
    const missing = await op.request('POST', `/console/requests/${id}/event`, { form: { type: 'correction_requested', on: '2022-10-13', what: '', periodDays: '' } });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /请写明需要补正的事项/);
    const ok = await op.request('POST', `/console/requests/${id}/event`, { form: { type: 'correction_requested', on: '2022-10-13', what: '请写明所需文件的名称或文号', periodDays: '10' } });
    assert.equal(ok.statusCode, 303);
    const page = await op.get(`/console/requests/${id}`);
    assert.match(page.body, /晚于收到申请后第7个工作日（2022-10-12）/);
    assert.match(page.body, /补正期限 2022-10-27/);
    const cn = await op.get(`/console/requests/${id}/notices/correction`);
    assert.match(cn.body, /请您对以下内容作出补正：请写明所需文件的名称或文号/);
    assert.match(cn.body, /请于2022-10-27前（10个工作日内）/);
    assert.match(cn.body, /视为放弃申请/);
    const early = await op.request('POST', `/console/requests/${id}/correction-lapse`, { form: { on: '2022-10-27' } });
    assert.equal(early.statusCode, 409);
    assert.match(early.body, /尚未届满/);
    const lapse = await op.request('POST', `/console/requests/${id}/correction-lapse`, { form: { on: '2022-10-28' } });
    assert.equal(lapse.statusCode, 303);
    const row = await h.tdb.db.selectFrom('info_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual([row.state, row.decision], ['closed', 'other_no_correction']);
    const ev = await h.tdb.db.selectFrom('info_request_events').selectAll().where('request_id', '=', id).where('type', '=', 'correction_requested').executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(ev.data_json!), { what: '请写明所需文件的名称或文号', periodDays: 10, consequence: '申请人无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。' });
  });

  test('延期 needs the approving 负责人 and shows how the new due date was computed; a second is refused', async () => {
    const { id } = await make();
    await office.get(`/console/requests/${id}`);
    const noApprover = await office.request('POST', `/console/requests/${id}/event`, { form: { type: 'extended', on: '2022-10-31', days: '20' } });
    assert.equal(noApprover.statusCode, 400);
    assert.match(noApprover.body, /批准人/);
    const ok = await office.request('POST', `/console/requests/${id}/event`, { form: { type: 'extended', on: '2022-10-31', days: '20', approver: '区政府办公室副主任 王某' } });
    assert.equal(ok.statusCode, 303);
    const page = await office.get(`/console/requests/${id}`);
    assert.match(page.body, /答复期限：<strong>2022-11-28<\/strong>/);
    assert.match(page.body, /自 2022-10-31 的次日起算，第 20 个工作日为 2022-11-28/);
    assert.doesNotMatch(page.body, /延期答复（只能一次/, 'the extension form is gone');
    const again = await office.request('POST', `/console/requests/${id}/event`, { form: { type: 'extended', on: '2022-11-01', days: '5', approver: '王某' } });
    assert.equal(again.statusCode, 409);
    const notice = await office.get(`/console/requests/${id}/notices/extension`);
    assert.equal(notice.statusCode, 200);
    assert.match(notice.body, /政府信息公开申请延期答复告知书/);
    assert.match(notice.body, /答复期限延长20个工作日，本机关将于2022-11-28前作出答复/);
    assert.equal((await office.get(`/console/requests/${id}/notices/extension/docx`)).rawPayload.subarray(0, 2).toString(), 'PK');
    assert.equal((await office.get(`/console/requests/${id}/notices/correction`)).statusCode, 404);
  });

  test('list filters and the dashboard: due today / this week / overdue / paused / 待确认, per unit and district; unit staff see their own', async () => {
    const today = '2022-10-26'; // Wednesday
    assert.equal(endOfWeek(today), '2022-10-30');
    await h.tdb.db.deleteFrom('info_request_events').execute();
    await h.tdb.db.deleteFrom('info_request_fees').execute();
    await h.tdb.db.deleteFrom('info_request_files').execute();
    await h.tdb.db.deleteFrom('info_requests').execute();
    const mk = async (unit: number, receivedOn: string | undefined, events: Record<string, unknown>[] = [], channel = 'in_person') => {
      const r = await createRequest(h.ctx, { unit, channel, receivedOn, submittedOn: receivedOn ?? '2022-10-20', applicant: { type: 'natural', name: '某' }, description: '某信息' });
      for (const e of events) await addEvent(h.ctx, r.id, e);
      return r.id;
    };
    // due = received + 20 working days: 09-28 → 10-31 (next week); 09-23 → 10-26 (today); 09-26 → 10-27 (this week); 09-20 → 10-21 (overdue).
    await mk(fin, '2022-09-28');
    await mk(fin, '2022-09-23');
    await mk(fin, '2022-09-26');
    await mk(hc, '2022-09-20');
    await mk(hc, '2022-09-20', [{ type: 'consultation_started', on: '2022-09-21' }]);
    await mk(hc, undefined, [], 'email');
    await mk(fin, '2022-09-20', [{ type: 'replied', on: '2022-09-30', outcome: 'disclosed' }]);
    const ids = async (f: Record<string, unknown>, ctx = h.ctx) => (await listRequests(ctx, f, today)).total;
    assert.equal(await ids({ due: 'today' }), 1);
    assert.equal(await ids({ due: 'week' }), 2);
    assert.equal(await ids({ due: 'overdue' }), 1);
    assert.equal(await ids({ state: 'paused' }), 1);
    assert.equal(await ids({ state: 'pending_confirmation' }), 1);
    assert.equal(await ids({ unit: hc }), 3);
    const op = await staffCtx(USERS.operator.username);
    assert.equal(await ids({}, op), 4, 'the finance bureau sees its four');
    const d = await dashboard(h.ctx, today);
    const byUnit = Object.fromEntries(d.rows.map((r) => [r.unitName, r]));
    assert.deepEqual({ ...byUnit['区财政局'], unitId: 0 }, { unitId: 0, unitName: '区财政局', open: 3, dueToday: 1, dueWeek: 2, overdue: 0, paused: 0, pending: 0 });
    assert.deepEqual({ ...byUnit['区住建局'], unitId: 0 }, { unitId: 0, unitName: '区住建局', open: 3, dueToday: 0, dueWeek: 0, overdue: 1, paused: 1, pending: 1 });
    assert.deepEqual([d.total.open, d.total.overdue, d.total.dueWeek], [6, 1, 2]);
    setNowForTests(new Date(`${today}T02:00:00Z`));
    const page = await office.get('/console/requests/dashboard');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /全区合计/);
    const overdue = await office.get('/console/requests?due=overdue');
    assert.match(overdue.body, /共 1 件/);
    assert.match(overdue.body, /已逾期/);
    assert.equal((await office.get('/console/requests?due=someday')).statusCode, 400);
    const api = await h.agent().get('/api/v1/requests?due=week', admin);
    assert.equal(api.json().meta.total, 2);
    assert.ok(!('applicant_name' in api.json().data[0]));
    // Inbox: the office sees overdue, due this week and 待确认; the finance operator only its own.
    const inbox = await inboxEntries(await staffCtx(USERS.admin.username));
    assert.deepEqual(inbox.map((e) => [e.label, e.count]), [['已逾期的政府信息公开申请', 1], ['本周到期的政府信息公开申请', 2], ['待确认的网上申请', 1]]);
    assert.deepEqual((await inboxEntries(op)).map((e) => e.count), [2]);

    // Reminders: exactly once per rule; the consultation without an answer resumes on its 15th working day.
    const first = await runReminders({ ...h.ctx, actor: systemActor('任务') }, today);
    const second = await runReminders({ ...h.ctx, actor: systemActor('任务') }, today);
    assert.equal(first.resumed, 1);
    assert.equal(second.resumed, 0);
    assert.ok(first.dueSoon >= 3 && first.overdue >= 1 && first.pending === 1, JSON.stringify(first));
    assert.deepEqual({ ...second, resumed: 0 }, { dueSoon: 0, overdue: 0, pending: 0, resumed: 0 });
    const auto = await h.tdb.db.selectFrom('info_request_events').selectAll().where('actor_label', '=', '系统').execute();
    assert.equal(auto.length, 1);
    assert.equal(auto[0]!.on_date, '2022-10-17'); // 09-21 + 15 working days: 9/22–30 (7), 10/1–7 off, make-up 10/8–9 (9), 10/10–14 (14), 10/17
    const notes = await h.tdb.db.selectFrom('notifications').select('kind').where('kind', 'like', 'request.%').execute();
    assert.ok(notes.filter((n) => n.kind === 'request.overdue').length >= 2, 'handler and office');
  });

  test('the 申请编号 template is configurable (office only)', async () => {
    const bad = await h.agent().request('PUT', '/api/v1/requests/number-template', { json: { template: '临淄依申' }, headers: admin, withCsrf: false });
    assert.equal(bad.statusCode, 400);
    const op = { authorization: `Bearer ${await createApiToken(h.ctx, USERS.operator.username, 't')}` };
    assert.equal((await h.agent().request('PUT', '/api/v1/requests/number-template', { json: { template: 'X{seq}' }, headers: op, withCsrf: false })).statusCode, 403);
    const ok = await h.agent().request('PUT', '/api/v1/requests/number-template', { json: { template: '临政依申〔{year}〕第{seq:3}号' }, headers: admin, withCsrf: false });
    assert.equal(ok.statusCode, 200);
    const r = await createRequest(h.ctx, { unit: fin, channel: 'in_person', receivedOn: '2030-01-02', applicant: { type: 'natural', name: '某' }, description: '某信息' });
    assert.equal(r.number, '临政依申〔2030〕第001号');
    const page = await office.get('/console/requests/settings');
    assert.match(page.body, /临政依申〔\{year\}〕第\{seq:3\}号/);
  });
});
