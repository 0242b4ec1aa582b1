// The publication workflow end to end: sign-off, return, recall, withdrawal, every withheld basis, the
// re-review queue, "谁起草、谁解读" and interpretation deadlines across holidays.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';
import { getCalendar } from '../calendar/calendar.repo.js';
import type { Ctx } from '../lib/context.js';
import { AppError } from '../lib/errors.js';
import { setNowForTests, todayCst } from '../lib/time.js';
import { actorCtx, closeHarness, draftAs, submitAndPublish } from './items.fixtures.js';
import { addYears } from './item-rules.js';
import { WITHHELD_BASES } from './pure/legal-basis.js';
import { convertToProactive, keepAttribute, reviewQueue } from './review-queue.service.js';
import { exemptFromInterpretation, publishItem, recallItem, reopenItem, returnItem, submitItem, unpublishItem } from './workflow.service.js';
import { updateItem } from './items.service.js';
import { itemFields } from './items.fixtures.js';

const conflictCode = (code: string) => (e: unknown) => e instanceof AppError && e.kind === 'conflict' && e.code === code;
const invalidOn = (field: string) => (e: unknown) => e instanceof AppError && e.kind === 'invalid' && field in e.fields;

describe('publication workflow', () => {
  let h: Harness;
  let op: Ctx;
  let rev: Ctx;
  let admin: Ctx;
  const item = (id: number) => h.tdb.db.selectFrom('info_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const historyOf = async (id: number) => (await h.tdb.db.selectFrom('item_history').select(['action', 'note']).where('item_id', '=', id).orderBy('id').execute());
  before(async () => {
    h = await createHarness();
    [op, rev, admin] = await Promise.all([actorCtx(h, USERS.operator.username), actorCtx(h, USERS.reviewer.username), actorCtx(h, USERS.admin.username)]);
  });
  after(async () => { await closeHarness(h); });

  test('console: the operator drafts and submits, the reviewer signs off; history and audit record each step', async () => {
    const operator: Agent = await h.login(USERS.operator.username);
    await operator.get('/console/items/new');
    const created = await operator.request('POST', '/console/items', { form: { itemType: 'general', title: '2022年区级部门预算公开', categoryCode: 'czyjs-ys', formedOn: '2022-06-01', attribute: 'proactive', body: '<p>现将2022年部门预算予以公开。</p>' } });
    assert.equal(created.statusCode, 303);
    const id = Number(/\/console\/items\/(\d+)/.exec(String(created.headers.location))![1]);
    await operator.get(`/console/items/${id}`);
    assert.equal((await operator.request('POST', `/console/items/${id}/submit`, { form: {} })).statusCode, 303);
    assert.equal((await item(id)).status, 'submitted');
    const reviewer = await h.login(USERS.reviewer.username);
    const page = await reviewer.get(`/console/items/${id}`);
    assert.match(page.body, /保密审查与公开属性签发/);
    const bad = await reviewer.request('POST', `/console/items/${id}/publish`, { form: { attribute: 'proactive' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /签发前必须确认已完成保密审查/);
    setNowForTests(new Date('2022-06-20T02:00:00Z')); // the sign-off happens on 2022-06-20: that is its 发布日期
    const ok = await reviewer.request('POST', `/console/items/${id}/publish`, { form: { confidentialityChecked: 'on', attribute: 'proactive' } }).finally(() => setNowForTests(null));
    assert.equal(ok.statusCode, 303);
    const row = await item(id);
    assert.deepEqual([row.status, row.attribute, row.published_on, row.due_date], ['published', 'proactive', '2022-06-20', '2022-06-30']);
    assert.deepEqual((await historyOf(id)).map((x) => x.action), ['create', 'submit', 'publish']);
    assert.match((await historyOf(id))[2]!.note!, /保密审查已确认/);
    const audit = await h.tdb.db.selectFrom('audit_log').select(['action', 'actor_label']).where('entity', '=', 'info_item').where('entity_id', '=', String(id)).orderBy('id').execute();
    assert.deepEqual(audit.map((a) => a.action), ['item.create', 'item.submit', 'item.publish']);
    assert.match(audit[2]!.actor_label, /t_reviewer/);
    const list = await operator.get('/console/items?status=published');
    assert.match(list.body, /2022年区级部门预算公开/);
  });

  test('return with a comment, edit, resubmit; recall; unpublish with a reason; reopen', async () => {
    const id = await draftAs(op);
    await submitItem(op, id);
    await assert.rejects(updateItem(op, id, itemFields({ title: '提交后不能改' })), conflictCode('not_editable'));
    await assert.rejects(returnItem(rev, id, { comment: '' }), invalidOn('comment'));
    await returnItem(rev, id, { comment: '请补充文号' });
    assert.equal((await item(id)).status, 'returned');
    await updateItem(op, id, itemFields({ docNumber: '临财字〔2022〕3号' }));
    await submitItem(op, id);
    await recallItem(op, id);
    assert.equal((await item(id)).status, 'draft');
    await submitAndPublish(op, rev, id);
    await assert.rejects(submitItem(op, id), conflictCode('wrong_status'));
    await assert.rejects(unpublishItem(rev, id, {}), invalidOn('reason'));
    await unpublishItem(rev, id, { reason: '文件已被新文件替代' });
    assert.equal((await item(id)).status, 'withdrawn');
    await reopenItem(op, id);
    const row = await item(id);
    assert.deepEqual([row.status, row.published_on], ['draft', null]);
    assert.deepEqual((await historyOf(id)).map((x) => x.action), ['create', 'submit', 'return', 'update', 'submit', 'recall', 'submit', 'publish', 'unpublish', 'reopen']);
    assert.equal((await historyOf(id))[2]!.note, '请补充文号');
    assert.equal((await historyOf(id))[8]!.note, '文件已被新文件替代');
  });

  test('a publication date in the future, before formation or back-dated is refused: 发布日期 is the day of sign-off', async () => {
    const id = await draftAs(op, { formedOn: '2022-06-01' });
    await submitItem(op, id);
    await assert.rejects(publishItem(rev, id, { confidentialityChecked: true, attribute: 'proactive', publishedOn: '2099-01-01' }), invalidOn('publishedOn'));
    await assert.rejects(publishItem(rev, id, { confidentialityChecked: true, attribute: 'proactive', publishedOn: '2022-05-31' }), invalidOn('publishedOn'));
    await assert.rejects(publishItem(rev, id, { confidentialityChecked: true, attribute: 'proactive', publishedOn: '2022-06-20' }), invalidOn('publishedOn'));
    assert.equal((await item(id)).status, 'submitted');
    await publishItem(rev, id, { confidentialityChecked: true, attribute: 'proactive', publishedOn: todayCst() });
    assert.equal((await item(id)).published_on, todayCst());
  });

  for (const basis of WITHHELD_BASES) {
    test(`withheld on ${basis.code} (${basis.reportRowLabel}): basis and reason recorded, not public, queued for review`, async () => {
      const id = await draftAs(op, { attribute: 'withheld', withheldBasis: basis.code, attributeReason: `依据${basis.article}不予公开` });
      await submitAndPublish(op, rev, id, { attribute: 'withheld', withheldBasis: basis.code, attributeReason: `依据${basis.article}不予公开` });
      const row = await item(id);
      assert.deepEqual([row.status, row.attribute, row.withheld_basis, row.published_on, row.due_date], ['published', 'withheld', basis.code, null, null]);
      assert.equal(row.next_review_on, addYears(todayCst(), 1));
      assert.ok((await reviewQueue(rev)).some((r) => r.id === id));
    });
  }

  test('withheld needs a valid basis and a reason, at drafting and at sign-off', async () => {
    await assert.rejects(draftAs(op, { attribute: 'withheld', attributeReason: '理由' }), invalidOn('withheldBasis'));
    await assert.rejects(draftAs(op, { attribute: 'withheld', withheldBasis: 'art99_whatever', attributeReason: '理由' }), invalidOn('withheldBasis'));
    await assert.rejects(draftAs(op, { attribute: 'withheld', withheldBasis: 'art15_third_party' }), invalidOn('attributeReason'));
    const id = await draftAs(op);
    await submitItem(op, id);
    await assert.rejects(publishItem(rev, id, { confidentialityChecked: true, attribute: 'withheld' }), invalidOn('withheldBasis'));
    assert.equal((await item(id)).status, 'submitted');
  });

  test('review queue: keeping the attribute schedules the next review; converting to proactive publishes and keeps history', async () => {
    const id = await draftAs(op, { attribute: 'on_request', attributeReason: '仅涉及特定对象' });
    await submitAndPublish(op, rev, id, { attribute: 'on_request', attributeReason: '仅涉及特定对象', nextReviewOn: '2023-01-01' });
    assert.equal((await reviewQueue(rev)).find((r) => r.id === id)?.due, true);
    await assert.rejects(keepAttribute(op, id, { note: 'x' }), (e: unknown) => e instanceof AppError && e.kind === 'forbidden');
    await keepAttribute(rev, id, { note: '情况未变化', nextReviewOn: '2030-01-01' });
    assert.equal((await item(id)).next_review_on, '2030-01-01');
    await convertToProactive(admin, id, { reason: '相关事项已办结，可以主动公开' });
    const row = await item(id);
    assert.deepEqual([row.attribute, row.next_review_on, row.published_on, row.withheld_basis], ['proactive', null, todayCst(), null]);
    assert.ok(!(await reviewQueue(rev)).some((r) => r.id === id));
    const hist = await historyOf(id);
    assert.deepEqual(hist.slice(-2).map((x) => x.action), ['review.keep', 'review.convert']);
    assert.match(hist.at(-1)!.note!, /由依申请公开转为主动公开/);
    const snapshots = await h.tdb.db.selectFrom('item_history').select('snapshot_json').where('item_id', '=', id).orderBy('id').execute();
    assert.equal(JSON.parse(snapshots.at(-2)!.snapshot_json!).attribute, 'on_request');
    await assert.rejects(convertToProactive(admin, id, { reason: 'again' }), conflictCode('not_in_queue'));
  });

  test('退文: a normative document or a flagged policy document without an interpretation draft is refused unless exempted', async () => {
    const normative = await draftAs(op, { itemType: 'normative', categoryCode: 'zcwj-gfxwj', title: '临淄区城市管理办法', docNumber: '临政发〔2022〕5号' });
    await assert.rejects(submitItem(op, normative), conflictCode('interpretation_required'));
    assert.equal((await item(normative)).status, 'draft');
    assert.deepEqual((await historyOf(normative)).map((x) => x.action), ['create', 'refuse']);
    await draftAs(op, { itemType: 'interpretation', policyItemId: normative, interpForm: 'qa', title: '一图读懂《临淄区城市管理办法》' });
    await submitItem(op, normative);
    assert.equal((await item(normative)).status, 'submitted');

    const policy = await draftAs(op, { itemType: 'policy', needsInterpretation: true, categoryCode: 'zcwj-qtzcwj' });
    await assert.rejects(submitItem(op, policy), conflictCode('interpretation_required'));
    await assert.rejects(exemptFromInterpretation(op, policy, { reason: '无需解读' }), (e: unknown) => e instanceof AppError && e.kind === 'forbidden');
    await exemptFromInterpretation(rev, policy, { reason: '内部工作安排，不涉及公众切身利益' });
    await submitItem(op, policy);
    assert.equal((await item(policy)).interp_exempt_reason, '内部工作安排，不涉及公众切身利益');

    const plain = await draftAs(op, { itemType: 'policy', needsInterpretation: false, categoryCode: 'zcwj-qtzcwj' });
    await submitItem(op, plain);
    const withheld = await draftAs(op, { itemType: 'normative', attribute: 'withheld', withheldBasis: 'art16_process_info', attributeReason: '过程稿' });
    await submitItem(op, withheld);
  });

  test('interpretation deadlines across 国庆 2022: policy published 9/30 → due 10/10 (10/8 and 10/9 are make-up working days)', async () => {
    const cal = await getCalendar(h.tdb.db, h.areaId);
    assert.equal(cal.addWorkingDays('2022-09-30', 3), '2022-10-10');
    const policy = await draftAs(op, { itemType: 'normative', categoryCode: 'zcwj-gfxwj', formedOn: '2022-09-20', title: '临淄区养老服务补贴办法' });
    const onTime = await draftAs(op, { itemType: 'interpretation', policyItemId: policy, interpForm: 'text', formedOn: '2022-09-20', title: '《养老服务补贴办法》政策解读' });
    const late = await draftAs(op, { itemType: 'interpretation', policyItemId: policy, interpForm: 'graphic', formedOn: '2022-09-20', title: '图解《养老服务补贴办法》' });
    assert.equal((await item(onTime)).due_date, null, 'no due date before the policy is published');
    await submitItem(op, onTime);
    // Sign-offs on the days they happen (the clock is pinned to each day: 发布日期 is the day of sign-off).
    const on = async (day: string, run: () => Promise<unknown>) => {
      setNowForTests(new Date(`${day}T02:00:00Z`));
      try { await run(); } finally { setNowForTests(null); }
    };
    await on('2022-09-30', () => assert.rejects(publishItem(rev, onTime, { confidentialityChecked: true, attribute: 'proactive' }), conflictCode('policy_unpublished')));
    await on('2022-09-30', () => submitAndPublish(op, rev, policy));
    assert.equal((await item(policy)).published_on, '2022-09-30');
    assert.equal((await item(onTime)).due_date, '2022-10-10');
    assert.equal((await item(late)).due_date, '2022-10-10');
    await on('2022-10-10', () => publishItem(rev, onTime, { confidentialityChecked: true, attribute: 'proactive' }));
    await on('2022-10-11', () => submitAndPublish(op, rev, late));
    const reviewer = await h.login(USERS.reviewer.username);
    const page = await reviewer.get(`/console/items/${policy}`);
    assert.match(page.body, /《养老服务补贴办法》政策解读[\s\S]*?按时公开/);
    assert.match(page.body, /图解《养老服务补贴办法》[\s\S]*?逾期公开/);
    const api = (await reviewer.get(`/api/v1/items/${late}`)).json().data;
    assert.equal(api.timeliness, 'late');
    assert.equal(api.policy.id, policy);
  });
});
