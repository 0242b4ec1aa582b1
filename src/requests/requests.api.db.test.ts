// The requests API contract (POST /api/v1/requests, POST …/events, GET …/{id}) on both engines.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiToken } from '../auth/auth.service.js';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';

describe('requests API', () => {
  let h: Harness;
  let a: Agent;
  let admin: Record<string, string>;
  let operator: Record<string, string>;
  let other: Record<string, string>;
  let auditor: Record<string, string>;
  before(async () => {
    h = await createHarness();
    a = h.agent();
    const bearer = async (u: string) => ({ authorization: `Bearer ${await createApiToken(h.ctx, u, 'test')}` });
    [admin, operator, other, auditor] = await Promise.all([bearer(USERS.admin.username), bearer(USERS.operator.username), bearer(USERS.otherOperator.username), bearer(USERS.auditor.username)]);
  });
  after(async () => { await h.close(); });

  const post = (url: string, json: unknown, headers = admin) => a.request('POST', url, { json, headers, withCsrf: false });
  const body = (over: Record<string, unknown> = {}) => ({
    unit: '区财政局', channel: 'in_person', receivedOn: '2022-09-28', applicant: { type: 'natural', name: '张三' },
    description: '2022年区级部门预算公开表', ...over,
  });
  const create = async (over: Record<string, unknown> = {}, headers = admin) => {
    const r = await post('/api/v1/requests', body(over), headers);
    assert.equal(r.statusCode, 201, r.body);
    return r.json() as { id: number; number: string | null; status: string; due: string | null };
  };
  const event = (id: number, json: unknown, headers = admin) => post(`/api/v1/requests/${id}/events`, json, headers);
  const eventCount = async (id: number) => (await h.tdb.db.selectFrom('info_request_events').select('id').where('request_id', '=', id).execute()).length;

  test('POST /api/v1/requests → 201 { id, number, status, due }: numbered in the series, due the 20th working day', async () => {
    const r1 = await create();
    assert.ok(r1.id > 0);
    assert.match(r1.number!, /^临淄依申〔2022〕\d{4}号$/);
    assert.equal(r1.status, 'running');
    assert.equal(r1.due, '2022-10-31');
    const r2 = await create({ unit: String(await h.unitId('区住建局')), applicant: { type: 'legal_service', name: '某律师事务所' } });
    const n1 = Number(/(\d{4})号/.exec(r1.number!)![1]);
    assert.equal(r2.number, `临淄依申〔2022〕${String(n1 + 1).padStart(4, '0')}号`);
    const audit = await h.tdb.db.selectFrom('audit_log').select(['action', 'after_json']).where('action', '=', 'request.create').where('entity_id', '=', String(r1.id)).executeTakeFirstOrThrow();
    assert.doesNotMatch(audit.after_json ?? '', /张三/, 'the audit after-image carries no applicant name');
  });

  test('events drive the clock: 补正 → restart, 征求意见 pause (due null) / resume, 延期, 答复 with onTime', async () => {
    const { id } = await create();
    const steps: [Record<string, unknown>, { status: string; due: string | null; onTime?: boolean }][] = [
      [{ type: 'correction_requested', on: '2022-09-30' }, { status: 'awaiting_correction', due: null }],
      [{ type: 'correction_received', on: '2022-10-14' }, { status: 'running', due: '2022-11-11' }],
      [{ type: 'consultation_started', on: '2022-10-21' }, { status: 'paused', due: null }],
      // Paused on 10/21 with 15 days left (10/24–11/11); resumed 10/28: 15 working days → 11/18.
      [{ type: 'consultation_ended', on: '2022-10-28' }, { status: 'running', due: '2022-11-18' }],
      [{ type: 'extended', on: '2022-11-18', days: 10 }, { status: 'running', due: '2022-12-02' }],
      [{ type: 'replied', on: '2022-12-02', outcome: 'partial' }, { status: 'closed', due: '2022-12-02', onTime: true }],
    ];
    for (const [ev, want] of steps) {
      const r = await event(id, ev);
      assert.equal(r.statusCode, 200, `${String(ev.type)}: ${r.body}`);
      const got = r.json();
      assert.equal(got.status, want.status, String(ev.type));
      assert.equal(got.due, want.due, String(ev.type));
      if (want.onTime !== undefined) assert.equal(got.onTime, want.onTime);
      else assert.equal('onTime' in got, false, 'onTime only after replied');
    }
    const g = await a.get(`/api/v1/requests/${id}`, admin);
    assert.equal(g.statusCode, 200);
    const d = g.json();
    assert.equal(d.id, id);
    assert.equal(d.status, 'closed');
    assert.equal(d.due, '2022-12-02');
    assert.equal(d.onTime, true);
    assert.equal(d.decision, 'partial');
    assert.deepEqual(d.events.map((e: { type: string }) => e.type), ['submitted', 'received', 'correction_requested', 'correction_received', 'consultation_started', 'consultation_ended', 'extended', 'replied']);
    assert.equal(d.events.find((e: { type: string }) => e.type === 'extended').days, 10);
    const row = await h.tdb.db.selectFrom('info_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.decided_on, '2022-12-02');
    assert.equal(row.on_time, 1);
    assert.ok(row.working_days! > 40);
  });

  test('a late reply is onTime false; replied needs only on and outcome (even other_fee_unpaid without notices)', async () => {
    const { id } = await create();
    const r = await event(id, { type: 'replied', on: '2022-11-01', outcome: 'disclosed' });
    assert.deepEqual({ status: r.json().status, onTime: r.json().onTime }, { status: 'closed', onTime: false });
    const { id: id2 } = await create();
    const r2 = await event(id2, { type: 'replied', on: '2022-10-20', outcome: 'other_fee_unpaid' });
    assert.equal(r2.statusCode, 200);
    assert.equal(r2.json().onTime, true);
  });

  test('refused events answer 409 with a stable code and change nothing', async () => {
    const { id } = await create();
    assert.equal((await event(id, { type: 'extended', on: '2022-10-20', days: 5 })).statusCode, 200);
    const before = await a.get(`/api/v1/requests/${id}`, admin);
    const n = await eventCount(id);
    const refused: [Record<string, unknown>, string][] = [
      [{ type: 'extended', on: '2022-10-21', days: 5 }, 'request_already_extended'],
      [{ type: 'consultation_started', on: '2022-12-30' }, 'request_overdue'],
      [{ type: 'consultation_started', on: '2022-10-19' }, 'request_event_date_order'],
      [{ type: 'consultation_ended', on: '2022-10-21' }, 'request_illegal_transition'],
      [{ type: 'correction_received', on: '2022-10-21' }, 'request_illegal_transition'],
    ];
    for (const [ev, code] of refused) {
      const r = await event(id, ev);
      assert.equal(r.statusCode, 409, `${code}: ${r.body}`);
      assert.equal(r.json().error.code, code);
      assert.match(r.json().error.message, /[\u4e00-\u9fff]/);
    }
    assert.equal(await eventCount(id), n);
    assert.deepEqual((await a.get(`/api/v1/requests/${id}`, admin)).json(), before.json());
    const { id: id2 } = await create();
    const tooLong = await event(id2, { type: 'extended', on: '2022-10-20', days: 21 });
    assert.equal(tooLong.statusCode, 409);
    assert.equal(tooLong.json().error.code, 'request_extension_too_long');
    await event(id2, { type: 'replied', on: '2022-10-21', outcome: 'disclosed' });
    const afterClose = await event(id2, { type: 'consultation_started', on: '2022-10-22' });
    assert.equal(afterClose.json().error.code, 'request_closed');
  });

  test('bad input: 400 validation_failed with field messages in Chinese, nothing written', async () => {
    const count = async () => (await h.tdb.db.selectFrom('info_requests').select('id').execute()).length;
    const n = await count();
    const r = await post('/api/v1/requests', body({ channel: 'pigeon', receivedOn: '2022-02-30', applicant: { type: 'alien', name: '' }, description: '' }));
    assert.equal(r.statusCode, 400);
    const e = r.json().error;
    assert.equal(e.code, 'validation_failed');
    for (const f of ['channel', 'receivedOn', 'applicant.type', 'applicant.name', 'description']) assert.match(e.fields[f] ?? '', /[\u4e00-\u9fff]/, f);
    const unknown = await post('/api/v1/requests', body({ unit: '区不存在局' }));
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().error.code, 'unknown_unit');
    assert.equal(await count(), n);
    const { id } = await create();
    const bad = await event(id, { type: 'replied', on: '2022-10-10' });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().error.fields.outcome);
    const badType = await event(id, { type: 'withdrawn', on: '2022-10-10' });
    assert.equal(badType.statusCode, 400);
    assert.ok(badType.json().error.fields.type);
  });

  test('online without receivedOn waits in 待确认 (no number, due null); confirmation date becomes the receipt date', async () => {
    const r = await create({ channel: 'online', receivedOn: undefined, submittedOn: '2022-09-26' });
    assert.deepEqual({ number: r.number, status: r.status, due: r.due }, { number: null, status: 'pending_confirmation', due: null });
    const early = await event(r.id, { type: 'consultation_started', on: '2022-09-27' });
    assert.equal(early.statusCode, 409);
    assert.equal(early.json().error.code, 'request_not_confirmed');
    const c = await post(`/api/v1/requests/${r.id}/confirm`, { on: '2022-09-28' });
    assert.equal(c.statusCode, 200, c.body);
    assert.equal(c.json().status, 'running');
    assert.equal(c.json().due, '2022-10-31');
    assert.match(c.json().number, /^临淄依申〔2022〕\d{4}号$/);
    const again = await post(`/api/v1/requests/${r.id}/confirm`, { on: '2022-09-29' });
    assert.equal(again.statusCode, 409);
    // Staff-entered e-mail with a date is confirmed at once.
    const e = await create({ channel: 'email', receivedOn: '2022-09-28' });
    assert.equal(e.status, 'running');
  });

  test('unit staff: own unit only; other units neither see nor change; auditors read only', async () => {
    const own = await create({}, operator);
    assert.equal(own.status, 'running');
    const foreign = await post('/api/v1/requests', body({ unit: '区住建局' }), operator);
    assert.equal(foreign.statusCode, 403);
    assert.equal((await a.get(`/api/v1/requests/${own.id}`, other)).statusCode, 404);
    assert.equal((await event(own.id, { type: 'extended', on: '2022-10-20', days: 5 }, other)).statusCode, 404);
    assert.equal((await a.get(`/api/v1/requests/${own.id}`, auditor)).statusCode, 200);
    assert.equal((await event(own.id, { type: 'extended', on: '2022-10-20', days: 5 }, auditor)).statusCode, 403);
    assert.equal((await a.get(`/api/v1/requests/${own.id}`)).statusCode, 401);
    assert.equal((await event(own.id, { type: 'extended', on: '2022-10-20', days: 5 }, operator)).statusCode, 200);
  });

  test('the 复议/诉讼 register: API and console entry, office only', async () => {
    const r = await post('/api/v1/requests/appeals', { unit: '区财政局', kind: 'review', filedOn: '2022-03-01' });
    assert.equal(r.statusCode, 201, r.body);
    const bad = await post('/api/v1/requests/appeals', { unit: '区财政局', kind: 'review', filedOn: '2022-03-01', result: 'upheld' });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().error.fields.concludedOn);
    assert.equal((await post('/api/v1/requests/appeals', { unit: '区财政局', kind: 'review', filedOn: '2022-03-01' }, operator)).statusCode, 403);
    const done = await post(`/api/v1/requests/appeals/${r.json().data.id}/result`, { result: 'corrected', concludedOn: '2022-05-01' });
    assert.equal(done.statusCode, 200);
    const list = await a.get('/api/v1/requests/appeals?year=2022', admin);
    assert.equal(list.json().data[0].result, 'corrected');
    const browser = await h.login(USERS.admin.username);
    const page = await browser.get('/console/requests/appeals');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /结果纠正/);
    const invalid = await browser.postForm('/console/requests/appeals', { unit: '', kind: 'review', filedOn: '2022-13-01' });
    assert.equal(invalid.statusCode, 400);
    assert.match(invalid.body, /立案日期/);
    const ok = await browser.postForm('/console/requests/appeals', { unit: String(await h.unitId('区住建局')), kind: 'litigation_direct', filedOn: '2022-06-01', caseNumber: '（2022）鲁0305行初1号' });
    assert.equal(ok.statusCode, 303);
  });

  test('/api/docs lists the request endpoints and their error codes', async () => {
    const doc = (await a.get('/api/docs')).json();
    for (const p of ['/api/v1/requests', '/api/v1/requests/{id}/events', '/api/v1/requests/{id}']) assert.ok(doc.paths[p], p);
    assert.ok(doc.paths['/api/v1/requests'].post);
    assert.ok(doc.paths['/api/v1/requests/{id}'].get);
    assert.ok(doc.components.schemas.Error.properties.error.properties.code.enum.includes('request_already_extended'));
  });
});
