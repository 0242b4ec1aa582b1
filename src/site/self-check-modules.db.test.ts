// The self-inspection runs the other modules' indicators too: a message left unanswered for more than three
// months (the national 单项否决 on the consultation channel, from the Q&A module) and an annual report not
// published by its deadline (from the report module) are found in one run of 网站自查, with the page to fix each.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { todayCst } from '../lib/time.js';
import { actorCtx, closeHarness } from '../disclosure/items.fixtures.js';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import { runSiteCheck } from './self-check.service.js';

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);

describe('网站自查 over every module', () => {
  let h: Harness;
  before(async () => { h = await createHarness(); });
  after(async () => { await closeHarness(h); });

  test('an old unanswered message and a late annual report are found in one run; answering the message clears the veto', async () => {
    const admin = await actorCtx(h, USERS.admin.username);
    const unit = await h.unitId('区财政局');
    const received = addDays(todayCst(), -100);
    const at = new Date().toISOString();
    const msg = await h.tdb.db.insertInto('qa_messages').values({
      area_id: h.areaId, question: '低保怎么申请', contact_name: '张三', contact: 'zs@example.com', unit_id: unit, assigned_unit_id: unit,
      assignee_id: null, status: 'assigned', received_on: received, due_on: addDays(received, 7), consent: 0, reply: null, replied_at: null,
      replied_by: null, public_question: null, public_reply: null, published: 0, escalated_at: null, created_at: at,
    }).returning('id').executeTakeFirstOrThrow();

    const first = await runSiteCheck(admin, { trigger: 'console' });
    const consult = first.results.find((r) => r.id === 'qa.consult-unanswered');
    assert.ok(consult, 'the Q&A module contributes its indicator');
    assert.equal(consult.status, 'FAIL');
    assert.equal(consult.veto, true, 'an unanswered message older than 3 months is a 单项否决');
    assert.ok(consult.findings.some((f) => f.href === `/console/qa/messages/${msg.id}`), 'the finding links to the message');
    assert.ok(first.vetoes >= 1);

    const report = first.results.find((r) => r.id === 'report.annual_on_time');
    assert.ok(report, 'the report module contributes its indicator');
    // Today (after 31 January and 31 March) no unit has published last year's report: late everywhere.
    assert.equal(report.status, 'FAIL');
    assert.ok(report.findings.some((f) => f.message.startsWith('区财政局：') && /未公开/.test(f.message) && f.href?.startsWith('/console/reports/annual')), JSON.stringify(report.findings.slice(0, 3)));

    await h.tdb.db.updateTable('qa_messages').set({ status: 'answered', reply: '请到街道便民服务中心申请。', replied_at: at }).where('id', '=', msg.id).execute();
    const second = await runSiteCheck(admin, { trigger: 'console' });
    assert.equal(second.results.find((r) => r.id === 'qa.consult-unanswered')!.status, 'PASS');
  });
});
