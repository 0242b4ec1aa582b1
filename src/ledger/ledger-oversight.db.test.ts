// The district office's side: dashboard with charts and drill-down, assessment with traceable
// scores, 回头看 rectifications, and the lead-duty mapping corrections.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { USERS, type Agent } from '../test-support/harness.js';
import { setNowForTests } from '../lib/time.js';
import { SMALL_PLAN, seedPlan } from './ledger-fixtures.js';
import * as svc from './ledger.service.js';
import { insertItem } from '../search/search.fixtures.js';
import { LEAD_USERS, createLedgerHarness, fillLedger, followRedirect, rowsOf, type LedgerHarness } from './ledger-test-setup.js';

describe('dashboard, assessment, 回头看', () => {
  let h: LedgerHarness;
  let admin: Agent;
  let finance = 0;
  let lastYear = 0;
  before(async () => {
    setNowForTests(new Date('2021-06-10T02:00:00Z'));
    h = await createLedgerHarness();
    // Last year's plan and 区财政局's ledger, one measure left unfinished.
    const prev = await seedPlan(h.tdb.db, h.areaId, { ...SMALL_PLAN, year: 2021, title: '2021年临淄区政务公开工作方案', submissionDue: '2021-06-30' });
    lastYear = await svc.createLedger(h.sys, { planId: prev.planId, unitId: await h.unitId('区财政局') });
    const rows21 = await rowsOf(h, lastYear);
    await svc.addMeasure(h.sys, lastYear, rows21[0]!.id, { content: '2021年已完成的举措', status: 'done', completedOn: '2021-06-01' });
    await svc.addMeasure(h.sys, lastYear, rows21[1]!.id, { content: '2021年未完成的举措：公开资金分配结果', dueDate: '2021-09-30' });

    setNowForTests(new Date('2022-06-20T02:00:00Z'));
    finance = await fillLedger(h, '区财政局');
    const [r1, r2] = await rowsOf(h, finance);
    const m1 = (await h.tdb.db.selectFrom('ledger_measures').select('id').where('row_id', '=', r1!.id).executeTakeFirstOrThrow()).id;
    await svc.updateMeasureStatus(h.sys, finance, m1, { status: 'done', completedOn: '2022-06-18' });
    await svc.addEvidence(h.sys, finance, m1, { kind: 'url', url: 'https://www.linzi.gov.cn/a.html' });
    await svc.addMeasure(h.sys, finance, r2!.id, { content: '本月内公布分配结果', dueDate: '2022-06-24' });
    await svc.submitLedger(h.sys, finance);
    await svc.createLedger(h.sys, { planId: h.planId, unitId: await h.unitId('区住建局') });
    setNowForTests(new Date('2022-07-05T02:00:00Z'));
    admin = await h.login(USERS.admin.username);
  });
  after(async () => {
    setNowForTests(null);
    await h.close();
  });

  test('dashboard: status of every unit, rates by unit and domain, overdue list, charts with data tables', async () => {
    const r = await admin.get('/console/ledger-dashboard');
    assert.equal(r.statusCode, 200);
    const svgs = r.body.match(/<svg role="img" aria-label="[^"]+"/g) ?? [];
    assert.equal(svgs.length, 3, 'three inline SVG charts');
    assert.ok(!/ style="/.test(r.body.slice(r.body.indexOf('<svg'))), 'no inline styles (CSP)');
    for (const cap of ['各单位台账报送情况（数据表）', '各领域举措完成率与逾期率（数据表）', '全部单位的报送与完成情况']) assert.ok(r.body.includes(cap), cap);
    assert.match(r.body, /逾期举措（1条/);
    assert.match(r.body, /本月内公布分配结果/);
    assert.match(r.body, /逾期未报送：<\/strong>[^<]*区住建局/);
    const api = (await admin.get('/api/v1/ledgers/dashboard')).json().data;
    assert.equal(api.overdueTotal, 1);
    const fin = api.units.find((u: { unitName: string }) => u.unitName === '区财政局');
    assert.deepEqual([fin.measures, fin.done, fin.overdue, fin.submission.label], [4, 1, 1, '按时报送']);
    const domain = api.byDomain.find((d: { domain: string }) => d.domain === '紧扣经济发展大局深化公开');
    assert.deepEqual([domain.total, domain.done, domain.overdue], [3, 1, 1]);
    // A unit renamed (on any node) shows renamed on the next dashboard request, not after the cache's minute.
    const zj = await h.unitId('区住建局');
    const code = (await h.tdb.db.selectFrom('units').select('code').where('id', '=', zj).executeTakeFirstOrThrow()).code;
    await admin.get('/console/units');
    assert.equal((await admin.request('POST', `/console/units/${zj}`, { form: { name: '区住房和城乡建设局', code, kind: '区直部门' } })).statusCode, 303);
    assert.match((await admin.get('/console/ledger-dashboard')).body, /逾期未报送：<\/strong>[^<]*区住房和城乡建设局/);
    await admin.request('POST', `/console/units/${zj}`, { form: { name: '区住建局', code, kind: '区直部门' } });
    // Drill-down to a task: every unit's measures for it.
    const task2 = h.taskIds.get(2)!;
    assert.match(r.body, new RegExp(`/console/ledger-dashboard/tasks/${task2}`));
    const t = await admin.get(`/console/ledger-dashboard/tasks/${task2}`);
    assert.equal(t.statusCode, 200);
    assert.match(t.body, /区财政局/);
    assert.match(t.body, /区住建局/);
    assert.match(t.body, /尚未填写举措/);
    assert.equal((await (await h.login(USERS.operator.username)).get(`/console/ledger-dashboard/tasks/${task2}`)).statusCode, 403);
  });

  test('assessment: configurable scheme, ranking, each score traced to its facts, .xlsx export', async () => {
    const a = (await admin.get('/api/v1/ledgers/assessment')).json().data;
    const fin = a.scores.find((s: { unitName: string }) => s.unitName === '区财政局');
    const zj = a.scores.find((s: { unitName: string }) => s.unitName === '区住建局');
    const f = (s: { factors: { key: string; score: number; applies: boolean; explanation: string }[] }, k: string) => s.factors.find((x) => x.key === k)!;
    assert.equal(f(fin, 'timely').score, 1);
    assert.equal(f(fin, 'completion').score, 0.5, 'done 1 of 2 due (the other is overdue)');
    assert.equal(f(fin, 'overdue').score, 0.8);
    assert.equal(f(fin, 'evidence').score, 1);
    assert.equal(f(zj, 'timely').score, 0);
    assert.match(f(zj, 'timely').explanation, /未报送/);
    assert.ok(fin.rank < zj.rank);
    const market = a.scores.find((s: { unitName: string }) => s.unitName === '区市场监管局');
    assert.match(f(market, 'guidance').explanation, /牵头内容涉及其他单位1项任务，已指导0项/, 'a lead department is assessed on its guidance too');
    assert.equal(f(fin, 'guidance').applies, false);

    const page = await admin.get(`/console/assessment/units/${fin.unitId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /本月内公布分配结果/);
    assert.match(page.body, /应完成2项，已完成1项/);
    const x = await admin.get('/console/assessment/export.xlsx');
    assert.equal(x.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(x.rawPayload).buffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.getCell('B2').value, '单位');
    assert.ok([3, 4, 5].some((r) => ws.getCell(`B${r}`).value === '区财政局'));

    // The admin changes the weights: only completion counts now.
    await admin.get('/console/assessment');
    const bad = await admin.request('POST', '/console/assessment/scheme', { form: { timely: '0', completion: '0', overdue: '0', evidence: '0', guidance: '0', latePartial: '0.5', overduePenalty: '2' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /权重不能全部为0/);
    assert.match(bad.body, /每项逾期扣分比例应在0到1之间/);
    const ok = await followRedirect(admin, await admin.request('POST', '/console/assessment/scheme', { form: { timely: '0', completion: '100', overdue: '0', evidence: '0', guidance: '0', latePartial: '0.5', overduePenalty: '0.2' } }));
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /评分方案已保存/);
    const again = (await admin.get('/api/v1/ledgers/assessment')).json().data;
    assert.equal(again.scores.find((s: { unitName: string }) => s.unitName === '区财政局').total, 50);
    const auditor = await h.login(USERS.auditor.username);
    await auditor.get('/console/assessment');
    assert.equal((await auditor.request('PUT', '/api/v1/ledgers/assessment/scheme', { json: { timely: 1, completion: 1, overdue: 1, evidence: 1, guidance: 1, latePartial: 0, overduePenalty: 0 } })).statusCode, 403);
  });

  test('lead-department guidance counts for the lead unit', async () => {
    const market = await h.login(LEAD_USERS.market.username);
    const [r1] = await rowsOf(h, finance);
    await market.get(`/console/ledgers/${finance}`);
    assert.equal((await market.request('POST', `/api/v1/ledgers/${finance}/rows/${r1!.id}/guidance`, { json: { body: '请补充抽查结果的公开栏目' } })).statusCode, 201);
    const a = (await admin.get('/api/v1/ledgers/assessment')).json().data;
    const s = a.scores.find((x: { unitName: string }) => x.unitName === '区市场监管局');
    const g = s.factors.find((x: { key: string }) => x.key === 'guidance');
    assert.equal(g.applies, true);
    assert.equal(g.score, 1);
    assert.match(g.explanation, /已指导1项/);
  });

  test('lead duties map to tasks by keyword; the admin can add and remove tasks', async () => {
    const justice = await h.login(LEAD_USERS.justice.username);
    assert.equal((await justice.get(`/console/ledgers/${finance}`)).statusCode, 404, '司法局 leads nothing in 财政局’s ledger');
    await admin.get('/console/ledger-settings');
    const page = await admin.get('/console/ledger-settings');
    assert.match(page.body, /行政规范性文件/);
    const duty = await h.tdb.db.selectFrom('plan_lead_duties').select('id').where('plan_id', '=', h.planId).where('content', '=', '行政规范性文件').executeTakeFirstOrThrow();
    const bad = await admin.request('POST', `/console/ledger-settings/lead-duties?plan=${h.planId}`, { form: { dutyId: String(duty.id), taskSeq: '77', mode: 'add' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /没有序号为 77 的任务/);
    const add = await followRedirect(admin, await admin.request('POST', `/console/ledger-settings/lead-duties?plan=${h.planId}`, { form: { dutyId: String(duty.id), taskSeq: '2', mode: 'add' } }));
    assert.equal(add.statusCode, 200);
    assert.match(add.body, /2（人工）/);
    const view = await justice.get(`/api/v1/ledgers/${finance}`);
    assert.equal(view.statusCode, 200);
    assert.deepEqual(view.json().data.rows.map((r: { seq: number }) => r.seq), [2]);
    await admin.request('POST', `/console/ledger-settings/lead-duties?plan=${h.planId}`, { form: { dutyId: String(duty.id), taskSeq: '2', mode: 'remove' } });
    assert.equal((await justice.get(`/console/ledgers/${finance}`)).statusCode, 404);
  });

  test('回头看: last year’s unfinished measures become rectification items with their own status', async () => {
    await admin.get('/console/lookback');
    const gen = await followRedirect(admin, await admin.request('POST', `/console/lookback/generate?plan=${h.planId}`, { form: {} }));
    assert.equal(gen.statusCode, 200);
    assert.match(gen.body, /新增整改事项 1 项/);
    assert.match((await followRedirect(admin, await admin.request('POST', `/console/lookback/generate?plan=${h.planId}`, { form: {} }))).body, /新增整改事项 0 项/, 'idempotent');
    const item = await h.tdb.db.selectFrom('ledger_rectifications').selectAll().executeTakeFirstOrThrow();
    assert.equal(item.measure_text, '2021年未完成的举措：公开资金分配结果');
    assert.equal(item.source_deadline, '2021-09-30');
    const op = await h.login(USERS.operator.username);
    const list = await op.get('/console/lookback');
    assert.match(list.body, /2021年未完成的举措/);
    const other = await h.login(USERS.otherOperator.username);
    assert.doesNotMatch((await other.get('/console/lookback')).body, /2021年未完成的举措/);
    await other.get('/console/lookback');
    assert.equal((await other.request('PUT', `/api/v1/ledgers/lookback/${item.id}`, { json: { status: 'done', note: 'x' } })).statusCode, 404);
    assert.equal((await admin.request('PUT', `/api/v1/ledgers/lookback/${item.id}`, { json: { status: 'done', note: 'x' } })).statusCode, 403);
    await op.get('/console/lookback');
    const noNote = await op.request('POST', `/console/lookback/${item.id}`, { form: { [`status_${item.id}`]: 'done', [`note_${item.id}`]: '' } });
    assert.equal(noNote.statusCode, 400);
    assert.match(noNote.body, /整改完成时请填写整改情况/);
    const done = await followRedirect(op, await op.request('POST', `/console/lookback/${item.id}`, { form: { [`status_${item.id}`]: 'done', [`note_${item.id}`]: '已在专栏补充公开2021年资金分配结果' } }));
    assert.equal(done.statusCode, 200);
    const after = await h.tdb.db.selectFrom('ledger_rectifications').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow();
    assert.deepEqual([after.status, after.completed_on], ['done', '2022-07-05']);
    assert.equal((await h.tdb.db.selectFrom('ledger_measures').select('status').where('ledger_id', '=', lastYear).where('content', 'like', '2021年未完成%').executeTakeFirstOrThrow()).status, 'not_started', 'last year’s ledger itself is not rewritten');
  });

  test('assessment counts statutory disclosure timeliness (信息按时公开) of the plan year from the disclosure module', async () => {
    const fin = await h.unitId('区财政局');
    const zj = await h.unitId('区住建局');
    const item = (unit: number, title: string, o: Record<string, unknown>) =>
      insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: unit, title, formed_on: '2022-03-01', due_date: '2022-03-29', ...o });
    await item(fin, '按时公开的预算信息', { published_on: '2022-03-20' });
    await item(fin, '超期公开的决算信息', { published_on: '2022-04-15' });
    await item(fin, '逾期未公开的采购信息', { status: 'draft', published_on: null, due_date: '2022-06-01' });
    await item(fin, '尚未到期的信息', { status: 'draft', published_on: null, formed_on: '2022-07-01', due_date: '2022-07-29' });
    await item(fin, '上一年度的信息', { formed_on: '2021-03-01', due_date: '2021-03-29', published_on: '2021-05-01' });
    await item(zj, '住建局按时公开的信息', { published_on: '2022-03-10' });
    const a = (await admin.get('/api/v1/ledgers/assessment')).json().data;
    const factor = (unitId: number) => a.scores.find((s: { unitId: number }) => s.unitId === unitId).factors.find((f: { key: string }) => f.key === 'disclosure');
    assert.equal(factor(fin).applies, true);
    assert.equal(Math.round(factor(fin).score * 1000) / 1000, 0.333);
    assert.equal(factor(fin).explanation, '应公开3条，按时1条，超期公开1条，逾期未公开1条（33.3%）');
    assert.equal(factor(zj).score, 1);
    const page = await admin.get(`/console/assessment/units/${fin}`);
    assert.match(page.body, /信息按时公开/);
    assert.match(page.body, /逾期未公开1条/);
  });
});
