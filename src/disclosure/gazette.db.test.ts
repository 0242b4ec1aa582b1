// 政府公报 issues and the compliance view.
import { setNowForTests } from '../lib/time.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';
import type { Ctx } from '../lib/context.js';
import { AppError } from '../lib/errors.js';
import { complianceByUnit } from './compliance.service.js';
import { addEntry, createIssue, getIssue, moveEntry, publishIssue } from './gazette.service.js';
import { actorCtx, closeHarness, draftAs, submitAndPublish } from './items.fixtures.js';
import { submitItem, unpublishItem } from './workflow.service.js';

describe('gazette and compliance', () => {
  let h: Harness;
  let op: Ctx;
  let rev: Ctx;
  let admin: Ctx;
  let adminAgent: Agent;
  before(async () => {
    h = await createHarness();
    [op, rev, admin] = await Promise.all([actorCtx(h, USERS.operator.username), actorCtx(h, USERS.reviewer.username), actorCtx(h, USERS.admin.username)]);
    adminAgent = await h.login(USERS.admin.username);
  });
  after(async () => { await closeHarness(h); });

  test('an issue by year and number collects published documents into an ordered table of contents', async () => {
    const a = await draftAs(op, { title: '甲文件', docNumber: '临财字〔2022〕1号' });
    const b = await draftAs(op, { title: '乙文件' });
    const draft = await draftAs(op, { title: '未发布文件' });
    await submitAndPublish(op, rev, a);
    await submitAndPublish(op, rev, b);
    await adminAgent.get('/console/gazette');
    const created = await adminAgent.request('POST', '/console/gazette', { form: { year: '2022', number: '1', title: '临淄区人民政府公报2022年第1期' } });
    assert.equal(created.statusCode, 303);
    const issueId = Number(/\/console\/gazette\/(\d+)/.exec(String(created.headers.location))![1]);
    const dup = await adminAgent.request('POST', '/console/gazette', { form: { year: '2022', number: '1', title: '重复' } });
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /2022年第1期已存在/);
    const indexNo = (await h.tdb.db.selectFrom('info_items').select('index_no').where('id', '=', a).executeTakeFirstOrThrow()).index_no;
    await addEntry(admin, issueId, { itemRef: indexNo });
    await addEntry(admin, issueId, { itemRef: String(b) });
    await assert.rejects(addEntry(admin, issueId, { itemRef: String(draft) }), (e: unknown) => e instanceof AppError && /只能收录已发布/.test(e.fields.itemRef ?? ''));
    await assert.rejects(addEntry(admin, issueId, { itemRef: String(b) }), (e: unknown) => e instanceof AppError && e.kind === 'invalid');
    await assert.rejects(addEntry(op, issueId, { itemRef: String(b) }), (e: unknown) => e instanceof AppError && e.kind === 'forbidden');
    await moveEntry(admin, issueId, { itemId: b, direction: 'up' });
    assert.deepEqual((await getIssue(admin, issueId)).entries.map((e) => e.title), ['乙文件', '甲文件']);
    const page = await adminAgent.get(`/console/gazette/${issueId}`);
    assert.match(page.body, /<caption>目录<\/caption>[\s\S]*乙文件[\s\S]*甲文件[\s\S]*临财字〔2022〕1号/);
    await publishIssue(admin, issueId, { publishedOn: '2022-07-01' });
    const issue = (await getIssue(admin, issueId)).issue;
    assert.deepEqual([issue.status, issue.published_on], ['published', '2022-07-01']);
    await assert.rejects(addEntry(admin, issueId, { itemRef: String(a) }), (e: unknown) => e instanceof AppError && e.code === 'issue_published');
  });

  test('an issue cannot be published empty or with a withdrawn document', async () => {
    const issueId = await createIssue(admin, { year: 2022, number: 2, title: '第2期' });
    await assert.rejects(publishIssue(admin, issueId, {}), (e: unknown) => e instanceof AppError && e.code === 'issue_empty');
    const x = await draftAs(op, { title: '后来撤回的文件' });
    await submitAndPublish(op, rev, x);
    await addEntry(admin, issueId, { itemRef: String(x) });
    await unpublishItem(rev, x, { reason: '有误' });
    await assert.rejects(publishIssue(admin, issueId, {}), (e: unknown) => e instanceof AppError && e.code === 'issue_has_unpublished');
  });

  test('compliance per unit: on time, late, overdue-pending and late interpretations, each linked to its item', async () => {
    const other = await actorCtx(h, USERS.otherOperator.username);
    const otherRev = await actorCtx(h, USERS.otherReviewer.username);
    const onTime = await draftAs(other, { formedOn: '2022-06-01', title: '住建按时' });
    // Signed off on those days (发布日期 is the day of sign-off): the clock is pinned for each.
    const on = async (day: string, run: () => Promise<unknown>) => {
      setNowForTests(new Date(`${day}T02:00:00Z`));
      try { await run(); } finally { setNowForTests(null); }
    };
    await on('2022-06-30', () => submitAndPublish(other, otherRev, onTime));
    const late = await draftAs(other, { formedOn: '2022-06-01', title: '住建逾期' });
    await on('2022-07-01', () => submitAndPublish(other, otherRev, late));
    const overdue = await draftAs(other, { formedOn: '2022-06-01', title: '住建超期未公开' });
    await submitItem(other, overdue);
    const rows = await complianceByUnit(admin, { year: 2022 });
    const u = rows.find((r) => r.unitName === '区住建局')!;
    assert.deepEqual([u.onTime, u.late, u.overduePending], [1, 1, 1]);
    assert.deepEqual(u.problems.map((p) => [p.title, p.problem]), [['住建逾期', 'late'], ['住建超期未公开', 'overdue']]);
    assert.ok(rows.some((r) => r.unitName === '区档案馆' && r.onTime === 0), 'units without items are listed');
    await assert.rejects(complianceByUnit(op), (e: unknown) => e instanceof AppError && e.kind === 'forbidden');
    const auditor = await h.login(USERS.auditor.username);
    const page = await auditor.get('/console/compliance?year=2022');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`<a href="/console/items/${late}">住建逾期</a>`));
    assert.match(page.body, new RegExp(`<a href="/console/items/${overdue}">住建超期未公开</a>`));
    const api = (await auditor.get('/api/v1/compliance?year=2022')).json().data;
    assert.equal(api.find((r: { unitName: string }) => r.unitName === '区住建局').late, 1);
  });
});
