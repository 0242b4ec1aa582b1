// 信息处理费 on both engines: 按件 counts the applicant's month, the notice pauses the clock,
// payment resumes it, unpaid after the pay-by date closes as other_fee_unpaid.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiToken } from '../auth/auth.service.js';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';
import { requestsYear } from './requests-year.js';

describe('information processing fees', () => {
  let h: Harness;
  let a: Agent;
  let admin: Record<string, string>;
  before(async () => {
    h = await createHarness();
    a = h.agent();
    admin = { authorization: `Bearer ${await createApiToken(h.ctx, USERS.admin.username, 'test')}` };
  });
  after(async () => { await h.close(); });
  const post = (url: string, json: unknown) => a.request('POST', url, { json, headers: admin, withCsrf: false });
  const create = async (receivedOn: string, applicant: Record<string, unknown> = { type: 'natural', name: '李四', idNumber: '370305199001011234' }) => {
    const r = await post('/api/v1/requests', { unit: '区财政局', channel: 'in_person', receivedOn, applicant, description: '某项目资金拨付明细' });
    assert.equal(r.statusCode, 201, r.body);
    return r.json().id as number;
  };

  test('按件: the 11th request of the applicant this month costs ¥100; the notice pauses the clock, payment resumes it', async () => {
    const ids: number[] = [];
    for (let i = 1; i <= 10; i++) ids.push(await create(`2022-03-${String(i).padStart(2, '0')}`));
    // Another applicant's and another month's requests do not count.
    await create('2022-03-03', { type: 'natural', name: '王五' });
    await create('2022-02-28');
    const free = await post(`/api/v1/requests/${ids[9]}/fee`, { method: 'per_request', on: '2022-03-11' });
    assert.equal(free.statusCode, 400);
    assert.match(free.json().error.fields.method, /不收费/);
    const eleventh = await create('2022-03-15');
    const n = await post(`/api/v1/requests/${eleventh}/fee`, { method: 'per_request', on: '2022-03-16', payment: '到区政务服务中心窗口缴纳' });
    assert.equal(n.statusCode, 201, n.body);
    assert.deepEqual({ amount: n.json().data.amountYuan, q: n.json().data.quantity, payBy: n.json().data.payBy }, { amount: 100, q: 11, payBy: '2022-04-14' });
    const g = (await a.get(`/api/v1/requests/${eleventh}`, admin)).json();
    assert.deepEqual({ status: g.status, due: g.due }, { status: 'awaiting_fee', due: null });
    const again = await post(`/api/v1/requests/${eleventh}/fee`, { method: 'per_volume', pages: 40, on: '2022-03-17' });
    assert.equal(again.statusCode, 409);
    // Paused on 3/16 with 19 of 20 days left (due was 4/13); paid 3/21 → 19 working days → 4/18.
    const paid = await post(`/api/v1/requests/${eleventh}/fee/paid`, { on: '2022-03-21' });
    assert.equal(paid.statusCode, 200, paid.body);
    assert.deepEqual(paid.json().data, { status: 'running', due: '2022-04-18' });
    const y = await requestsYear(h.tdb.db, { unitIds: [await h.unitId('区财政局')] }, 2022);
    assert.deepEqual(y.fees, { count: 1, amountYuan: 100 });
  });

  test('按量 250 pages = ¥4700; unpaid: lapse refused before the pay-by date, closes as other_fee_unpaid after; late payment refused', async () => {
    const id = await create('2022-06-01', { type: 'commercial', name: '某公司' });
    const n = await post(`/api/v1/requests/${id}/fee`, { method: 'per_volume', pages: 250, on: '2022-06-02' });
    assert.equal(n.json().data.amountYuan, 4700);
    const payBy = n.json().data.payBy as string;
    const early = await post(`/api/v1/requests/${id}/fee/lapse`, { on: payBy });
    assert.equal(early.statusCode, 409);
    const late = await post(`/api/v1/requests/${id}/fee/paid`, { on: '2022-08-01' });
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().error.code, 'request_fee_lapsed');
    const lapse = await post(`/api/v1/requests/${id}/fee/lapse`, { on: '2022-08-01' });
    assert.equal(lapse.statusCode, 200, lapse.body);
    const g = (await a.get(`/api/v1/requests/${id}`, admin)).json();
    assert.deepEqual({ status: g.status, decision: g.decision, onTime: g.onTime }, { status: 'closed', decision: 'other_fee_unpaid', onTime: true });
    const fee = await h.tdb.db.selectFrom('info_request_fees').selectAll().where('request_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(fee.paid_on, null);
    const bad = await post(`/api/v1/requests/${id}/fee`, { method: 'per_volume', on: '2022-06-02' });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().error.fields.pages);
  });

  test('console: fee page, notice form with Chinese errors, printable 收费通知书 with amount and pay-by date', async () => {
    const id = await create('2022-09-01', { type: 'natural', name: '赵六' });
    const staff = await h.login(USERS.operator.username);
    const page = await staff.get(`/console/requests/${id}/fee`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /国办函〔2020〕109号/);
    const bad = await staff.request('POST', `/console/requests/${id}/fee`, { form: { method: 'per_volume', pages: '', on: '2022-09-02' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /按量计收请填写页数/);
    assert.equal((await h.tdb.db.selectFrom('info_request_fees').select('id').where('request_id', '=', id).execute()).length, 0);
    const ok = await staff.request('POST', `/console/requests/${id}/fee`, { form: { method: 'per_volume', pages: '45', on: '2022-09-02', payment: '转账' } });
    assert.equal(ok.statusCode, 303, ok.body);
    const fee = await h.tdb.db.selectFrom('info_request_fees').selectAll().where('request_id', '=', id).executeTakeFirstOrThrow();
    const print = await staff.get(`/console/requests/${id}/fee-notice/${fee.id}`);
    assert.equal(print.statusCode, 200);
    assert.match(print.body, /人民币150元/);
    assert.match(print.body, new RegExp(`请您于${fee.pay_by}前`));
    assert.match(print.body, /第31—100页：15页 × 10元\/页 = 150元/);
    assert.match(print.body, /赵六/);
    const other = await h.login(USERS.otherOperator.username);
    assert.equal((await other.get(`/console/requests/${id}/fee-notice/${fee.id}`)).statusCode, 404);
  });
});
