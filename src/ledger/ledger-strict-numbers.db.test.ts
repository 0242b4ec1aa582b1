// Strict numbers in the ledger's settings (issue 17): `[1]` and "0x10" are not numbers. The API answers
// 400 with the field named, the console form re-renders with the message, and nothing is stored.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { USERS, type Agent } from '../test-support/harness.js';
import { createLedgerHarness, type LedgerHarness } from './ledger-test-setup.js';

describe('ledger settings read numbers strictly', () => {
  let h: LedgerHarness;
  let admin: Agent;
  const scheme = { timely: 1, completion: 1, overdue: 1, evidence: 1, guidance: 1, latePartial: 0.5, overduePenalty: 0.1 };
  const stored = async (key: string) => (await h.tdb.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value ?? null;

  before(async () => {
    h = await createLedgerHarness();
    admin = await h.login(USERS.admin.username);
    await admin.get('/console/ledger-settings');
  });
  after(async () => h.close());

  test('the assessment scheme: an array or a hex string is refused per field; plain digits are read', async () => {
    for (const [field, value, message] of [['timely', [1], '按时报送权重必须是数字'], ['completion', '0x10', '完成率权重必须是数字'], ['latePartial', '1e-1', '逾期报送得分比例必须是数字'], ['disclosure', [0], '信息按时公开权重必须是数字']] as const) {
      const r = await admin.request('PUT', '/api/v1/ledgers/assessment/scheme', { json: { ...scheme, [field]: value } });
      assert.equal(r.statusCode, 400, `${field}=${JSON.stringify(value)}`);
      const err = r.json().error;
      assert.equal(err.code, 'validation_failed');
      assert.equal(err.fields[field], message);
    }
    assert.equal(await stored('ledger.assessment_scheme'), null, 'nothing stored');
    const ok = await admin.request('PUT', '/api/v1/ledgers/assessment/scheme', { json: { ...scheme, timely: '2', latePartial: '0.25' } });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().data.weights.timely, 2);
    assert.equal(ok.json().data.latePartial, 0.25);
  });

  test('reminder days: `[1]` and "0x10" are refused with the field named; "5" is read', async () => {
    for (const value of [[1], '0x10', ' 3', '3.5']) {
      const r = await admin.request('PUT', '/api/v1/ledgers/settings/reminder-days', { json: { reminderDays: value } });
      assert.equal(r.statusCode, 400, JSON.stringify(value));
      assert.match(r.json().error.fields.reminderDays, value === '3.5' ? /必须是整数/ : /必须是数字/);
    }
    const ok = await admin.request('PUT', '/api/v1/ledgers/settings/reminder-days', { json: { reminderDays: '5' } });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().data.reminderDays, 5);
  });

  test('a lead duty’s task number "0x2" re-renders the settings form with the message', async () => {
    const duty = await h.tdb.db.selectFrom('plan_lead_duties').select('id').where('plan_id', '=', h.planId).orderBy('seq').executeTakeFirstOrThrow();
    const bad = await admin.request('POST', `/console/ledger-settings/lead-duties?plan=${h.planId}`, { form: { dutyId: String(duty.id), taskSeq: '0x2', mode: 'add' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /任务序号必须是数字/);
    assert.equal((await h.tdb.db.selectFrom('lead_duty_tasks').select('duty_id').execute()).length, 0);
  });
});
