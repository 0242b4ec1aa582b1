// The annual report end to end on both engines: a seeded year of requests (through the requests API),
// decisions, cases and documents gives exactly the expected tables (golden); bad input writes nothing;
// the workflow blocks on FAIL and unexplained UNCERTAIN; published versions, corrections, roll-up,
// deadlines and reminders; the CLI.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createApiToken } from '../auth/auth.service.js';
import { changeValidity } from '../disclosure/validity.service.js';
import { exemptFromInterpretation } from '../disclosure/workflow.service.js';
import { actorCtx, closeHarness, draftAs, submitAndPublish } from '../disclosure/items.fixtures.js';
import type { Ctx } from '../lib/context.js';
import { setNowForTests } from '../lib/time.js';
import { runCli } from '../test-support/cli.js';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import { emptyTable3, emptyTable4, TABLE3_COLUMNS, type Table3 } from './report-format.js';
import { setRow } from './report.fixtures.js';
import { reportTimeliness, runReportReminders } from './report-deadlines.js';

const Y = 2022;
const HC = '区住建局';
const FIN = '区财政局';

/** What the seeded 2022 year of 区住建局 must give: every cell (zeros included). */
function expectedHcTable3(): Table3 {
  const t = emptyTable3();
  setRow(t, '一、本年新收政府信息公开申请数量', [3, 1, 1, 0, 1, 1]);
  setRow(t, '二、上年结转政府信息公开申请数量', [1, 0, 0, 0, 0, 0]);
  setRow(t, '（一）予以公开', [2, 0, 1, 0, 0, 0]);
  setRow(t, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', [0, 1, 0, 0, 0, 0]);
  setRow(t, '（三）不予公开/4.保护第三方合法权益', [1, 0, 0, 0, 0, 0]);
  setRow(t, '（四）无法提供/1.本机关不掌握相关政府信息', [0, 0, 0, 0, 1, 0]);
  setRow(t, '（五）不予处理/2.重复申请', [1, 0, 0, 0, 0, 0]);
  setRow(t, '（七）总计', [4, 1, 1, 0, 1, 0]);
  setRow(t, '四、结转下年度继续办理', [0, 0, 0, 0, 0, 1]);
  return t;
}

const GOOD_PROBLEMS = '一是住房保障政策解读形式单一，图解和视频解读偏少；二是部分办事指南更新不及时。改进措施：建立解读多样化清单，每季度核查办事指南并在专栏公示核查结果。';

describe('annual report (政府信息公开工作年度报告)', () => {
  let h: Harness;
  let bearer: Record<string, string>;
  let revBearer: Record<string, string>;
  let hcOp: Ctx;
  let hcRev: Ctx;
  let finOp: Ctx;
  let finRev: Ctx;
  const api = (url: string) => h.agent().get(url, bearer);
  const post = (url: string, json: unknown) => h.agent().request('POST', url, { json, headers: bearer, withCsrf: false });
  /** The unit's reviewer signs off (the office cannot sign off for a department). */
  const signOff = (id: number) => h.agent().request('POST', `/api/v1/reports/annual/${id}/sign-off`, { json: {}, headers: revBearer, withCsrf: false });
  const q = (unit: string, year = Y, extra = '') => `year=${year}&unit=${encodeURIComponent(unit)}${extra}`;
  const count = async (table: 'report_annual' | 'report_prior_figures' | 'report_versions') =>
    Number((await h.tdb.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const audits = async () => Number((await h.tdb.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', 'like', 'report.%').executeTakeFirstOrThrow()).n);

  async function request(unit: string, type: string, receivedOn: string, reply?: { on: string; outcome: string }) {
    const r = await post('/api/v1/requests', { unit, channel: 'in_person', receivedOn, applicant: { type, name: `申请人${receivedOn}` }, description: `关于${receivedOn}的政府信息` });
    assert.equal(r.statusCode, 201, r.body);
    const id = r.json().id as number;
    if (reply) {
      const e = await post(`/api/v1/requests/${id}/events`, { type: 'replied', on: reply.on, outcome: reply.outcome });
      assert.equal(e.statusCode, 200, e.body);
    }
    return id;
  }

  async function normative(op: Ctx, rev: Ctx, title: string, publishedOn: string, over: Record<string, unknown> = {}) {
    const id = await draftAs(op, { itemType: 'normative', categoryCode: 'zcwj-gfxwj', title, formedOn: publishedOn, ...over });
    await exemptFromInterpretation(rev, id, { reason: '测试夹具' });
    await signOffOn(publishedOn, () => submitAndPublish(op, rev, id));
    return id;
  }

  /** 发布日期 is the day of sign-off (issue 16): sign off on that day by pinning the clock, never by back-dating. */
  async function signOffOn<T>(day: string, fn: () => Promise<T>): Promise<T> {
    setNowForTests(new Date(`${day}T02:00:00Z`));
    try { return await fn(); } finally { setNowForTests(null); }
  }

  before(async () => {
    h = await createHarness();
    bearer = { authorization: `Bearer ${await createApiToken(h.ctx, USERS.admin.username, 'report-test')}` };
    revBearer = { authorization: `Bearer ${await createApiToken(h.ctx, USERS.otherReviewer.username, 'report-test')}` };
    [hcOp, hcRev, finOp, finRev] = await Promise.all([USERS.otherOperator, USERS.otherReviewer, USERS.operator, USERS.reviewer].map((u) => actorCtx(h, u.username)));
    // Requests of 区住建局 through the requests API (receipt, reply with outcome).
    await request(HC, 'natural', '2021-12-20', { on: '2022-01-10', outcome: 'disclosed' });
    await request(HC, 'natural', '2022-03-01', { on: '2022-03-07', outcome: 'disclosed' });
    await request(HC, 'commercial', '2022-04-01', { on: '2022-04-12', outcome: 'partial' });
    await request(HC, 'natural', '2022-05-05', { on: '2022-05-10', outcome: 'withheld_art15_third_party' });
    await request(HC, 'legal_service', '2022-06-01', { on: '2022-06-02', outcome: 'unable_not_held' });
    await request(HC, 'natural', '2022-07-01', { on: '2022-07-04', outcome: 'not_processed_repeat' });
    await request(HC, 'research', '2022-09-01', { on: '2022-09-05', outcome: 'disclosed' });
    await request(HC, 'other_org', '2022-12-29');
    // 区财政局: two disclosed, one complaint.
    await request(FIN, 'natural', '2022-02-14', { on: '2022-02-18', outcome: 'disclosed' });
    await request(FIN, 'natural', '2022-03-14', { on: '2022-03-18', outcome: 'disclosed' });
    await request(FIN, 'commercial', '2022-05-16', { on: '2022-05-19', outcome: 'not_processed_complaint' });
    // Cases (table 4).
    for (const c of [{ unit: HC, kind: 'review', filedOn: '2022-02-01', result: 'upheld', concludedOn: '2022-04-01' }, { unit: HC, kind: 'litigation_direct', filedOn: '2022-05-01' }]) {
      const r = await post('/api/v1/requests/appeals', c);
      assert.equal(r.statusCode, 201, r.body);
    }
    // 行政规范性文件 of 区住建局: A in force since 2020; B, E issued 2022; C repealed 2022; D expired 2022.
    await normative(hcOp, hcRev, '临淄区住房保障办法', '2020-05-06');
    await normative(hcOp, hcRev, '临淄区物业管理办法', '2022-03-10');
    await normative(hcOp, hcRev, '临淄区建筑垃圾管理规定', '2022-04-01');
    const c = await normative(hcOp, hcRev, '临淄区老旧小区改造办法', '2021-02-01');
    await normative(hcOp, hcRev, '临淄区临时停车管理办法', '2021-04-01', { validUntil: '2022-08-31' });
    setNowForTests(new Date('2022-06-01T03:00:00Z'));
    try { await changeValidity(hcRev, c, { action: 'repeal', reason: '已不适应工作需要' }); } finally { setNowForTests(null); }
    // Proactive items of 2022.
    const general = await draftAs(hcOp, { title: '区住建局2022年工作要点', categoryCode: 'ghjh', formedOn: '2022-02-01' });
    await signOffOn('2022-02-08', () => submitAndPublish(hcOp, hcRev, general));
    const budget = await draftAs(finOp, { formedOn: '2022-06-01' });
    await signOffOn('2022-06-06', () => submitAndPublish(finOp, finRev, budget));
  });
  after(async () => { setNowForTests(null); await closeHarness(h); });

  test('golden: the seeded year gives exactly the expected tables, labels as the format', async () => {
    const r = await api(`/api/v1/reports/annual?${q(HC)}`);
    assert.equal(r.statusCode, 200, r.body);
    const j = r.json();
    assert.equal(j.year, Y);
    assert.equal(j.unit, HC);
    assert.equal(j.scope, '本级');
    assert.deepEqual(j.table3, expectedHcTable3());
    assert.equal(j.table3['（三）不予公开/1.属于国家秘密']['自然人'], 0);
    const t4 = emptyTable4();
    t4.行政复议 = { 结果维持: 1, 结果纠正: 0, 其他结果: 0, 尚未审结: 0, 总计: 1 };
    t4['行政诉讼/未经复议直接起诉'] = { 结果维持: 0, 结果纠正: 0, 其他结果: 0, 尚未审结: 1, 总计: 1 };
    assert.deepEqual(j.table4, t4);
    assert.deepEqual(j.table2.行政规范性文件, { 本年制发件数: 2, 本年废止件数: 2, 现行有效件数: 3 });
    assert.deepEqual(j.table2.规章, { 本年制发件数: 0, 本年废止件数: 0, 现行有效件数: 0 });
    assert.deepEqual(j.table2.行政许可, { 本年处理决定数量: null });
    for (const c of j.checks) assert.ok(['PASS', 'FAIL', 'UNCERTAIN'].includes(c.status) && c.id && c.message);
    const status = (id: string) => j.checks.find((c: { id: string }) => c.id === id)?.status;
    assert.ok(j.checks.filter((c: { id: string }) => /^t3\./.test(c.id)).every((c: { status: string }) => c.status === 'PASS'));
    assert.equal(status('t2.cells'), 'FAIL', 'table-2 figures not entered yet');
    assert.equal(status('text.problems'), 'FAIL', '第五部分 empty');
    assert.equal(status('cross.carry_over'), 'UNCERTAIN', 'no 2021 figures yet');
    // 三 narrative from the same numbers
    const s3 = j.sections[2].paragraphs.join('');
    assert.match(s3, /新收政府信息公开申请7件（其中自然人3件，法人或其他组织4件），上年结转1件/);
    assert.match(s3, /办结7件，其中予以公开3件，部分公开1件，不予公开1件，无法提供1件，不予处理1件，其他处理0件；结转下年度继续办理1件/);
    assert.match(j.sections[0].paragraphs.join(''), /主动公开政府信息\d+条/);
    // the district 汇总 is the sum of the bodies under it
    const d = (await api(`/api/v1/reports/annual?${q('临淄区')}`)).json();
    assert.equal(d.scope, '汇总');
    assert.equal(d.table3['一、本年新收政府信息公开申请数量']['总计'], 10);
    assert.equal(d.table3['（五）不予处理/1.信访举报投诉类申请']['商业企业'], 1);
    assert.equal(d.table4['行政复议']['总计'], 1);
    // the unit's own users read it; another unit's do not; anonymous needs a token
    assert.equal((await (await h.login(USERS.otherOperator.username)).get(`/api/v1/reports/annual?${q(HC)}`)).statusCode, 200);
    assert.equal((await (await h.login(USERS.operator.username)).get(`/api/v1/reports/annual?${q(HC)}`)).statusCode, 404);
    assert.equal((await h.agent().get(`/api/v1/reports/annual?${q(HC)}`)).statusCode, 401);
  });

  test('bad input gets Chinese field messages and writes nothing; a year with no data is refused', async () => {
    const before = [await count('report_annual'), await audits()];
    const op = await h.login(USERS.otherOperator.username);
    const page = `/console/reports/annual?${q(HC)}`;
    assert.equal((await op.get(page)).statusCode, 200);
    const r = await op.request('POST', page, { form: { permits: '-3', penalties: '十二', coercions: '1', feesWan: '1.23456', problemsText: GOOD_PROBLEMS } });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /行政许可决定数量不能为负数/);
    assert.match(r.body, /行政处罚决定数量须填写整数/);
    assert.match(r.body, /最多保留4位小数/);
    assert.match(r.body, /十二/, 'input kept');
    const a = await post(`/api/v1/reports/annual?${q(HC)}`, { permits: 1, penalties: 'abc', coercions: 0, feesWan: '0' });
    assert.equal(a.statusCode, 400);
    assert.equal(a.json().error.code, 'validation_failed');
    assert.ok(a.json().error.fields.penalties);
    const none = await post(`/api/v1/reports/annual?${q('区档案馆', 2021)}`, { permits: 0, penalties: 0, coercions: 0, feesWan: '0', problemsText: GOOD_PROBLEMS });
    assert.equal(none.statusCode, 404);
    assert.equal(none.json().error.code, 'report_no_data');
    assert.match(none.json().error.message, /区档案馆2021年没有任何/);
    assert.equal((await api(`/api/v1/reports/annual?${q('区档案馆', 2021)}`)).json().error.code, 'report_no_data');
    const badYear = await post(`/api/v1/reports/annual?${q(HC, 2015)}`, {});
    assert.equal(badYear.statusCode, 400);
    assert.deepEqual([await count('report_annual'), await audits()], before);
  });

  test('表二 figures imported from the .xlsx template; a bad file writes nothing', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const { multipartBody } = await import('../test-support/multipart.js');
    const op = await h.login(USERS.otherOperator.username);
    const page = `/console/reports/annual?${q(HC)}`;
    await op.get(page);
    const tpl = await op.get(`/console/reports/annual/figures.xlsx?${q(HC)}`);
    assert.equal(tpl.statusCode, 200);
    const fill = async (values: (string | number)[]) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(new Uint8Array(tpl.rawPayload).buffer as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      values.forEach((v, i) => { ws.getCell(`B${i + 3}`).value = v; });
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const upload = async (content: Buffer) => {
      const m = multipartBody({ _csrf: op.csrf }, { field: 'file', filename: '表二.xlsx', content });
      return op.request('POST', `/console/reports/annual/import?${q(HC)}`, { payload: m.payload, headers: { 'content-type': m.contentType } });
    };
    const before = await count('report_annual');
    const bad = await upload(await fill([5, -1, 0, '1.123456', '执法台账']));
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /行政处罚决定数量不能为负数/);
    assert.match(bad.body, /最多保留4位小数/);
    const junk = await upload(Buffer.from('not a workbook'));
    assert.equal(junk.statusCode, 400);
    assert.match(junk.body, /不是有效的 Excel/);
    assert.equal(await count('report_annual'), before);
    const ok = await upload(await fill([5, 2, 0, '3.25', '执法台账（导入）']));
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    const row = await h.tdb.db.selectFrom('report_annual').selectAll().where('year', '=', Y).executeTakeFirstOrThrow();
    assert.deepEqual([row.permits, row.penalties, row.coercions, row.fees_wan, row.figures_source], [5, 2, 0, '3.25', '执法台账（导入）']);
  });

  test('workflow: FAIL blocks filing, UNCERTAIN needs an explanation printed in 六; publication; correction by a new version', async () => {
    const op = await h.login(USERS.otherOperator.username);
    const page = `/console/reports/annual?${q(HC)}`;
    await op.get(page);
    // Saved with 第五部分 "无": the report exists, checks fail.
    const saved = await op.request('POST', page, { form: { permits: '120', penalties: '8', coercions: '0', feesWan: '12.5', figuresSource: '执法台账', problemsText: '无' } });
    assert.equal(saved.statusCode, 303);
    const row = await h.tdb.db.selectFrom('report_annual').selectAll().where('year', '=', Y).where('scope', '=', '本级').executeTakeFirstOrThrow();
    assert.equal(row.status, 'draft');
    assert.equal(row.fees_wan, '12.5');
    assert.ok(row.check_fails >= 1);
    const rev = await h.login(USERS.otherReviewer.username);
    await rev.get(page);
    assert.equal((await rev.request('POST', `/console/reports/annual/${row.id}/sign-off`, { form: {} })).statusCode, 303);
    const admin = await h.login(USERS.admin.username);
    await admin.get(page);
    const blocked = await admin.request('POST', `/console/reports/annual/${row.id}/file`, { form: {} });
    assert.equal(blocked.statusCode, 409);
    assert.match(blocked.body, /校验未通过，不能备案/);
    assert.match(blocked.body, /第五部分/);
    const apiBlocked = await post(`/api/v1/reports/annual/${row.id}/file`, {});
    assert.equal(apiBlocked.json().error.code, 'report_checks_failed');
    // Back to draft, fix 第五部分: still the unexplained UNCERTAIN (no 2021 figures) blocks.
    assert.equal((await post(`/api/v1/reports/annual/${row.id}/reopen`, {})).statusCode, 200);
    const fixed = await post(`/api/v1/reports/annual?${q(HC)}`, { permits: 120, penalties: 8, coercions: 0, feesWan: '12.5', figuresSource: '执法台账', problemsText: GOOD_PROBLEMS });
    assert.equal(fixed.statusCode, 200, fixed.body);
    assert.equal(fixed.json().checks.filter((c: { status: string }) => c.status === 'FAIL').length, 0);
    assert.equal((await signOff(row.id)).statusCode, 200);
    assert.equal((await post(`/api/v1/reports/annual/${row.id}/file`, {})).json().error.code, 'report_unexplained');
    // Enter 2021's published figures once (carry-over 1 natural, 3 in force): carry-over PASS; only then the rest.
    assert.equal((await post(`/api/v1/reports/annual/${row.id}/reopen`, {})).statusCode, 200);
    await op.get(page);
    const prior = { carry0: '1', carry1: '0', carry2: '0', carry3: '0', carry4: '0', carry5: '0', carry6: '1', normativeInForce: '3', rulesInForce: '0', source: '2021年报', problemsText: '' };
    const badPrior = await op.request('POST', `/console/reports/prior?${q(HC)}`, { form: { ...prior, carry6: '2' } });
    assert.equal(badPrior.statusCode, 400);
    assert.match(badPrior.body, /总计（2）应等于/);
    assert.equal(await count('report_prior_figures'), 0);
    assert.equal((await op.request('POST', `/console/reports/prior?${q(HC)}`, { form: prior })).statusCode, 303);
    assert.equal((await op.request('POST', `/console/reports/prior?${q(HC)}`, { form: prior })).statusCode, 409, 'entered once');
    // Shown as the Beijing date (issue 19): an entry at 01:30 on 11 January in Beijing is 10 January in UTC.
    const enteredAt = (await h.tdb.db.selectFrom('report_prior_figures').select('created_at').executeTakeFirstOrThrow()).created_at;
    await h.tdb.db.updateTable('report_prior_figures').set({ created_at: '2023-01-10T17:30:00.000Z' }).execute();
    assert.match((await op.get(page)).body, /上年数据已于2023-01-11由/);
    await h.tdb.db.updateTable('report_prior_figures').set({ created_at: enteredAt }).execute();
    let j = (await api(`/api/v1/reports/annual?${q(HC)}`)).json();
    const st = (id: string) => j.checks.find((c: { id: string }) => c.id === id)?.status;
    assert.equal(st('cross.carry_over'), 'PASS');
    assert.equal(st('cross.normative_in_force'), 'PASS', '3 + 2 − 2 = 3');
    assert.equal(st('t2.penalties_published'), 'PASS');
    // An UNCERTAIN needs a written explanation: say the 2021 figure was 2 in force.
    await h.tdb.db.updateTable('report_prior_figures').set({ normative_in_force: 2 }).execute();
    j = (await api(`/api/v1/reports/annual?${q(HC)}`)).json();
    const unc = j.checks.find((c: { id: string }) => c.id === 'cross.normative_in_force');
    assert.equal(unc.status, 'UNCERTAIN');
    assert.ok(unc.cells.some((c: { ref: string }) => c.ref.includes('临淄区老旧小区改造办法')), 'the documents that explain the difference');
    assert.equal((await signOff(row.id)).statusCode, 200);
    assert.equal((await post(`/api/v1/reports/annual/${row.id}/file`, {})).json().error.code, 'report_unexplained');
    await post(`/api/v1/reports/annual/${row.id}/reopen`, {});
    const explained = await post(`/api/v1/reports/annual?${q(HC)}`, {
      permits: 120, penalties: 8, coercions: 0, feesWan: '12.5', figuresSource: '执法台账', problemsText: GOOD_PROBLEMS,
      explanations: { 'cross.normative_in_force': '2021年报告漏计《临淄区住房保障办法》1件。' },
    });
    assert.match(explained.json().sections[5].paragraphs.join(''), /关于行政规范性文件现行有效件数的跨年核对：2021年报告漏计/);
    // Not public before publication.
    assert.equal((await h.agent().get(`/api/v1/public/reports/annual?${q(HC)}`)).statusCode, 404);
    assert.equal((await h.agent().get(`/reports/annual/${row.id}`)).statusCode, 404);
    const subColumn = `/zfxxgk/${await h.unitId(HC)}/reports`;
    assert.doesNotMatch((await h.agent().get(subColumn)).body, new RegExp(`/reports/annual/${row.id}"`), 'the 年报 sub-column lists published reports only');
    assert.equal((await post(`/api/v1/reports/annual/${row.id}/publish`, {})).json().error.code, 'wrong_status');
    await rev.get(page);
    assert.equal((await rev.request('POST', `/console/reports/annual/${row.id}/sign-off`, { form: {} })).statusCode, 303);
    assert.equal((await rev.request('POST', `/console/reports/annual/${row.id}/file`, { form: {} })).statusCode, 403, 'only the office files');
    assert.equal((await post(`/api/v1/reports/annual/${row.id}/file`, {})).statusCode, 200);
    await op.get(page);
    assert.equal((await op.request('POST', `/console/reports/annual/${row.id}/reopen`, { form: {} })).statusCode, 403, 'only the office undoes a 备案');
    assert.equal((await post(`/api/v1/reports/annual/${row.id}/publish`, {})).json().data.status, 'published');
    const pub = await h.agent().get(`/api/v1/public/reports/annual?${q(HC)}`);
    assert.equal(pub.statusCode, 200);
    // Strict numbers: the same year written in hex, or as an array, names no report.
    for (const year of [`0x${Y.toString(16)}`, `${Y}&year=${Y}`, `%20${Y}`]) assert.equal((await h.agent().get(`/api/v1/public/reports/annual?${q(HC, year as unknown as number)}`)).statusCode, 404, year);
    // The body's 政府信息公开年报 sub-column (issue 16) lists it at once, though that page is cached.
    assert.match((await h.agent().get(subColumn)).body, new RegExp(`<a href="/reports/annual/${row.id}">区住建局\\d{4}年政府信息公开工作年度报告`));
    assert.deepEqual(pub.json().table3, expectedHcTable3());
    assert.deepEqual(pub.json().table2.行政许可, { 本年处理决定数量: 120 });
    assert.equal(pub.json().table2.行政事业性收费['本年收费金额（单位：万元）'], 12.5);
    const html = await h.agent().get(`/reports/annual/${row.id}`);
    assert.equal(html.statusCode, 200);
    assert.match(html.body, /区住建局2022年政府信息公开工作年度报告/);
    assert.match(html.body, /colspan="7"[^>]*>申请人情况/);
    assert.match(html.body, /rowspan="8"[^>]*>（三）不予公开/);
    assert.match((await h.agent().get('/reports/annual')).body, /区住建局2022年政府信息公开工作年度报告/);
    const docx = await h.agent().get(`/reports/annual/${row.id}/report.docx`);
    assert.equal(docx.statusCode, 200);
    assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');
    // A published report cannot be edited; a correction is a new version that keeps the old one.
    const edit = await post(`/api/v1/reports/annual?${q(HC)}`, { permits: 121 });
    assert.equal(edit.json().error.code, 'wrong_status');
    const noNote = await post(`/api/v1/reports/annual/${row.id}/correct`, { changeNote: '' });
    assert.equal(noNote.statusCode, 400);
    assert.equal((await post(`/api/v1/reports/annual/${row.id}/correct`, { changeNote: '更正行政许可决定数量（120件更正为121件）' })).json().data.version, 2);
    await post(`/api/v1/reports/annual?${q(HC)}`, { permits: 121, penalties: 8, coercions: 0, feesWan: '12.5', figuresSource: '执法台账', problemsText: GOOD_PROBLEMS, changeNote: '更正行政许可决定数量（120件更正为121件）', explanations: { 'cross.normative_in_force': '2021年报告漏计1件。' } });
    assert.deepEqual((await h.agent().get(`/api/v1/public/reports/annual?${q(HC)}`)).json().table2.行政许可, { 本年处理决定数量: 120 }, 'v1 stays public until v2 is published');
    assert.equal((await post(`/api/v1/reports/annual/${row.id}/sign-off`, {})).statusCode, 403, 'the office does not sign off for a department');
    assert.equal((await signOff(row.id)).statusCode, 200);
    for (const a of ['file', 'publish']) assert.equal((await post(`/api/v1/reports/annual/${row.id}/${a}`, {})).statusCode, 200, a);
    const v2 = (await h.agent().get(`/api/v1/public/reports/annual?${q(HC)}`)).json();
    assert.deepEqual(v2.table2.行政许可, { 本年处理决定数量: 121 });
    assert.equal(v2.versions.length, 2);
    assert.match(v2.sections[5].paragraphs.join(''), /第2版，更正说明：更正行政许可决定数量/);
    const v1 = (await h.agent().get(`/api/v1/public/reports/annual?${q(HC, Y, '&version=1')}`)).json();
    assert.deepEqual(v1.table2.行政许可, { 本年处理决定数量: 120 });
    assert.match((await h.agent().get(`/reports/annual/${row.id}`)).body, /第1版/);
    assert.equal(await count('report_versions'), 2);
    const actions = (await h.tdb.db.selectFrom('audit_log').select('action').where('action', 'like', 'report.%').execute()).map((a) => a.action);
    for (const a of ['report.create', 'report.update', 'report.sign_off', 'report.file', 'report.publish', 'report.correct', 'report.prior_figures']) assert.ok(actions.includes(a), a);
  });

  test('roll-up: the district 汇总 equals the sum of the units\' reports; a published unit whose data changed is listed', async () => {
    const admin = await h.login(USERS.admin.username);
    let r = await admin.get(`/console/reports/rollup?year=${Y}`);
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /完全一致/);
    // The 汇总's table-2 figures are the units' sums; a unit that has not entered them leaves the sum blank and is named.
    const d = (await api(`/api/v1/reports/annual?${q(String(h.areaId))}`)).json();
    assert.equal(d.unit, '临淄区');
    assert.deepEqual(d.table2.行政许可, { 本年处理决定数量: null });
    assert.ok(d.table2Notes.some((n: string) => n.includes('尚未填报') && n.includes(FIN) && !n.includes('临淄区、')), d.table2Notes.join(' '));
    assert.equal(d.checks.find((c: { id: string }) => c.id === 't2.cells').status, 'FAIL');
    // A late-entered 2022 request of 区住建局 changes today's figures but not its published report.
    await request(HC, 'natural', '2022-10-10', { on: '2022-10-12', outcome: 'disclosed' });
    r = await admin.get(`/console/reports/rollup?year=${Y}`);
    assert.match(r.body, /个单元格不一致/);
    assert.match(r.body, /已公开第2版/);
    assert.match(r.body, /一、本年新收政府信息公开申请数量｜自然人：已公开3，当前4/);
  });

  test('the reminder job covers every area a consolidated deployment serves (集约化), not only the default one', async () => {
    const db = h.tdb.db;
    const city = await db.selectFrom('units').select(['id']).where('kind', '=', '市').executeTakeFirst();
    const at = new Date().toISOString();
    const area = await db.insertInto('units').values({ code: '370321', name: '测试县', kind: '区', parent_id: city?.id ?? null, area_id: null, sort: 900, created_at: at }).returning('id').executeTakeFirstOrThrow();
    await db.updateTable('units').set({ area_id: area.id }).where('id', '=', area.id).execute();
    const dept = await db.insertInto('units').values({ code: '370321001', name: '测试县财政局', kind: '区直部门', parent_id: area.id, area_id: area.id, sort: 1, created_at: at }).returning('id').executeTakeFirstOrThrow();
    setNowForTests(new Date('2023-01-25T02:00:00Z'));
    try {
      await runReportReminders({ ...h.ctx });
    } finally { setNowForTests(null); }
    const keys = (await db.selectFrom('notify_once').select('key').where('key', 'like', `report.%:${dept.id}:2022`).execute()).map((k) => k.key);
    assert.deepEqual(keys, [`report.due_soon:${dept.id}:2022`], 'the other area\'s department is reminded of its 31 January deadline');
  });

  test('deadlines: dashboard, reminders exactly once per stage, timeliness for the assessment, CLI', async () => {
    const admin = await h.login(USERS.admin.username);
    await admin.get('/console/reports');
    const bad = await admin.request('POST', `/console/reports/deadlines?year=${Y}`, { form: { unitInternal: '02-10', districtInternal: '' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /不能晚于法定期限（01-31）/);
    assert.equal((await admin.request('POST', `/console/reports/deadlines?year=${Y}`, { form: { unitInternal: '01-20', districtInternal: '03-15' } })).statusCode, 303);
    const ctx = { ...h.ctx };
    setNowForTests(new Date('2023-01-21T02:00:00Z'));
    try {
      const n = await runReportReminders(ctx);
      assert.ok(n > 0);
      assert.equal(await runReportReminders(ctx), 0, 'exactly once');
      const fin = await h.unitId(FIN);
      const finUsers = (await h.tdb.db.selectFrom('users').select('id').where('unit_id', '=', fin).execute()).map((u) => u.id);
      const notes = await h.tdb.db.selectFrom('notifications').select(['title', 'user_id']).where('kind', '=', 'report.deadline').where('user_id', 'in', finUsers).execute();
      assert.ok(notes.some((x) => x.title.includes('内部期限2023-01-20')));
    } finally { setNowForTests(null); }
    setNowForTests(new Date('2023-02-02T02:00:00Z'));
    try {
      assert.ok((await runReportReminders(ctx)) > 0);
      const t = await reportTimeliness(h.tdb.db, h.areaId, Y);
      const hc = t.find((x) => x.unitName === HC)!;
      assert.equal(hc.state, 'published_late', 'published in 2026, due 2023-01-31');
      assert.equal(t.find((x) => x.unitName === FIN)!.state, 'overdue');
      assert.equal(t.find((x) => x.unitName === '临淄区')!.state, 'open', 'district due 31 March');
      // The 考核 counts it: a 2022 plan with ledgers of both units.
      const at = new Date().toISOString();
      const plan = await h.tdb.db.insertInto('plans').values({ area_id: h.areaId, year: Y, doc_number: '临政办字〔2022〕1号', title: '2022年政务公开工作方案', issuer: '区政府办公室', issued_on: '2022-03-01', submission_due: '2022-06-30', ledger_columns_json: '[]', copied_from_plan_id: null, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
      for (const u of [HC, FIN]) await h.tdb.db.insertInto('ledgers').values({ plan_id: plan.id, unit_id: await h.unitId(u), area_id: h.areaId, status: 'draft', version: 1, revision: 0, first_submitted_at: null, submitted_at: null, accepted_at: null, returned_at: null, created_at: at, updated_at: at }).execute();
      const { assessment } = await import('../ledger/ledger-assessment.js');
      const a = (await assessment(ctx, plan.id))!;
      const factor = (name: string) => a.scores.find((s) => s.unitName === name)!.factors.find((f) => f.key === 'annualReport')!;
      assert.deepEqual([factor(HC).applies, factor(HC).score], [true, 0.5]);
      assert.match(factor(HC).explanation, /晚于法定期限2023-01-31/);
      assert.deepEqual([factor(FIN).applies, factor(FIN).score], [true, 0]);
      // 工作台 inbox and the self-inspection indicator.
      const { annualOnTimeCheck, reportInbox } = await import('./report-inbox.js');
      const mine = await reportInbox(finOp);
      assert.ok(mine.some((e) => e.label.includes('2022年度政府信息公开工作年度报告待完成') && e.urgent), JSON.stringify(mine));
      const office = await reportInbox(await actorCtx(h, USERS.admin.username));
      assert.ok(office.some((e) => e.label.includes('逾期未公开') && e.count >= 1));
      const sc = await annualOnTimeCheck(ctx, h.areaId);
      assert.equal(sc.status, 'FAIL');
      assert.ok(sc.findings.some((f) => f.message.startsWith(`${FIN}：`)));
      assert.ok(sc.findings.some((f) => f.message.startsWith(`${HC}：`) && f.message.includes('晚于')));
    } finally { setNowForTests(null); }
    setNowForTests(new Date('2024-06-01T02:00:00Z'));
    try {
      assert.equal(await runReportReminders(ctx), 0, 'no late notices four months after the 2023 deadline');
    } finally { setNowForTests(null); }
    const page = await admin.get(`/console/reports?year=${Y}`);
    assert.match(page.body, /逾期公开/);
    const cli = runCli(h.tdb, ['report', 'annual', '--year', String(Y), '--unit', HC, '--json']);
    assert.equal(cli.code, 0, cli.err);
    const j = JSON.parse(cli.out);
    assert.equal(j.table3['（一）予以公开']['总计'], 4, 'live data, including the late-entered request');
    assert.deepEqual(Object.keys(j.table3['（七）总计']), [...TABLE3_COLUMNS]);
    const out = join(h.tdb.dataDir, '报告.docx');
    const docx = runCli(h.tdb, ['report', 'annual', '--year', String(Y), '--unit', HC, '--out', out]);
    assert.equal(docx.code, 0, docx.err);
    assert.equal(readFileSync(out).subarray(0, 2).toString(), 'PK');
    assert.match(docx.err, /校验：通过\d+项/);
    const text = runCli(h.tdb, ['report', 'annual', '--year', String(Y)]);
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /临淄区2022年政府信息公开工作年度报告/);
    assert.match(text.out, /统计范围：临淄区汇总/);
    const none = runCli(h.tdb, ['report', 'annual', '--year', '2021', '--unit', '区档案馆']);
    assert.equal(none.code, 2);
    assert.match(none.err, /report_no_data/);
  });
});
