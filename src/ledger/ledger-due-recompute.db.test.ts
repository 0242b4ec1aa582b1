// A plan task's time limit is corrected after ledgers were filled (issue 19): the open measures of that
// task move with it, in the plan edit's transaction and audited; done measures and a unit's own earlier
// date stay; a unit's date later than the new plan date is brought back to it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { USERS, type Agent } from '../test-support/harness.js';
import { setNowForTests } from '../lib/time.js';
import { createLedgerHarness, fillLedger, type LedgerHarness } from './ledger-test-setup.js';
import * as ledgers from './ledger.service.js';

describe('plan task time limit → ledger measure due dates', () => {
  let h: LedgerHarness;
  let admin: Agent;
  let ledgerId = 0;
  const ids = { rule: 0, manual: 0, done: 0, other: 0 };
  const measure = (id: number) => h.tdb.db.selectFrom('ledger_measures').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const edit = (seq: number, timeLimit: string) => admin.request('POST', `/console/plans/${h.planId}/tasks/${h.taskIds.get(seq)}/edit`, {
    form: { requirement: '加大重点民生领域的部门联合“双随机、一公开”监管信息公开力度', timeLimit, unitsText: '区财政局' },
  });

  before(async () => {
    setNowForTests(new Date('2022-06-20T02:00:00Z'));
    h = await createLedgerHarness();
    admin = await h.login(USERS.admin.username);
    ledgerId = await fillLedger(h, '区财政局');
    const rows = await h.tdb.db.selectFrom('ledger_rows').select(['id', 'seq']).where('ledger_id', '=', ledgerId).orderBy('seq').execute();
    const row1 = rows.find((r) => r.seq === 1)!.id;
    const measures = await h.tdb.db.selectFrom('ledger_measures').select(['id', 'row_id']).where('ledger_id', '=', ledgerId).execute();
    ids.rule = measures.find((m) => m.row_id === row1)!.id;
    ids.other = measures.find((m) => m.row_id !== row1)!.id;
    ids.manual = await ledgers.addMeasure(h.sys, ledgerId, row1, { content: '单位自定日期的举措', dueDate: '2022-06-25' });
    ids.done = await ledgers.addMeasure(h.sys, ledgerId, row1, { content: '已完成的举措', status: 'done', completedOn: '2022-06-19' });
    // Submitted to the office: the frozen version keeps what was submitted; tracking follows the plan.
    await ledgers.submitLedger(h.sys, ledgerId, {});
    await admin.get(`/console/plans/${h.planId}/tasks/${h.taskIds.get(1)}/edit`);
  });
  after(async () => {
    setNowForTests(null);
    await h.close();
  });

  test('a later plan date moves the open plan-dated measures; the unit’s own date and done measures stay', async () => {
    assert.equal((await measure(ids.rule)).due_date, '2022-06-30');
    const before = await h.tdb.db.selectFrom('ledgers').select(['revision', 'status']).where('id', '=', ledgerId).executeTakeFirstOrThrow();
    const r = await edit(1, '9月底前');
    assert.equal(r.statusCode, 303, r.body.slice(0, 300));
    const rule = await measure(ids.rule);
    assert.equal(rule.due_date, '2022-09-30');
    assert.equal(rule.deadline, '2022-09-30');
    assert.equal(rule.due_source, 'rule');
    assert.match(rule.due_note ?? '', /9月底前/);
    assert.equal((await measure(ids.manual)).due_date, '2022-06-25', 'the unit’s own earlier date stays');
    const done = await measure(ids.done);
    assert.equal(done.due_date, '2022-06-30', 'a done measure keeps the date it was done against');
    assert.equal(done.status, 'done');
    assert.equal((await measure(ids.other)).due_date, null, 'another task’s measure (working days, no start date) is untouched');
    const audits = await h.tdb.db.selectFrom('audit_log').select(['entity_id', 'before_json', 'after_json']).where('action', '=', 'ledger.measure.due_recomputed').execute();
    assert.deepEqual(audits.map((a) => a.entity_id), [String(ids.rule)]);
    assert.match(audits[0]!.before_json ?? '', /2022-06-30/);
    assert.match(audits[0]!.after_json ?? '', /2022-09-30/);
    const now = await h.tdb.db.selectFrom('ledgers').select(['revision', 'status']).where('id', '=', ledgerId).executeTakeFirstOrThrow();
    assert.ok(now.revision > before.revision, 'the ledger’s figures are recomputed');
    assert.equal(now.status, 'submitted', 'the ledger’s state is not changed');
  });

  test('an earlier plan date brings a later own date back to it; a passed date marks the measure overdue', async () => {
    const r = await edit(1, '2022年6月15日前');
    assert.equal(r.statusCode, 303, r.body.slice(0, 300));
    const rule = await measure(ids.rule);
    assert.equal(rule.due_date, '2022-06-15');
    assert.equal(rule.status, 'overdue');
    const manual = await measure(ids.manual);
    assert.equal(manual.due_date, '2022-06-15');
    assert.equal(manual.due_source, 'rule');
    assert.equal(manual.status, 'overdue');
    assert.equal((await measure(ids.done)).due_date, '2022-06-30');
    // Back to a date in the future: overdue again becomes in progress.
    assert.equal((await edit(1, '9月底前')).statusCode, 303);
    assert.equal((await measure(ids.rule)).status, 'in_progress');
  });

  test('a failed plan edit moves nothing', async () => {
    const before = await measure(ids.rule);
    const bad = await admin.request('POST', `/console/plans/${h.planId}/tasks/${h.taskIds.get(1)}/edit`, { form: { requirement: '', timeLimit: '6月底前', unitsText: '区财政局' } });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(await measure(ids.rule), before);
  });
});
