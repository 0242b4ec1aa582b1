// Excel in and out: console export → import gives the same ledger; malformed workbooks are
// rejected with messages by sheet/row/column and write nothing; the CLI does the same.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS, { type CellValue } from 'exceljs';
import { USERS, type Agent } from '../test-support/harness.js';
import type { TestDb } from '../db/test-db.js';
import { setNowForTests } from '../lib/time.js';
import * as svc from './ledger.service.js';
import { createLedgerHarness, followRedirect, multipart, rowsOf, type LedgerHarness } from './ledger-test-setup.js';
import { buildWorkbook, ledgerRows } from './xlsx/ledger-fixtures.js';

/** Same as runCli in src/cli/cli.db.test.ts (importing a test file would run its tests here too). */
function cli(tdb: TestDb, args: string[]) {
  const env = { ...process.env, GONGKAI_DATA_DIR: tdb.dataDir, SESSION_SECRET: 'y'.repeat(40) } as NodeJS.ProcessEnv;
  if (tdb.databaseUrl) env.DATABASE_URL = tdb.databaseUrl;
  else delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, ['bin/gongkai.js', ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('ledger Excel export and import', () => {
  let h: LedgerHarness;
  let op: Agent;
  let ledgerId = 0;
  const state = async () => {
    const ms = await h.tdb.db.selectFrom('ledger_measures').select(['id', 'row_id', 'sort', 'content', 'time_limit', 'leader', 'section', 'due_date', 'due_source', 'anchor_date', 'deadline', 'status', 'completed_on'])
      .where('ledger_id', '=', ledgerId).orderBy('row_id').orderBy('sort').execute();
    const progress = await h.tdb.db.selectFrom('ledger_progress').select(['measure_id', 'note']).where('ledger_id', '=', ledgerId).orderBy('id').execute();
    const evidence = await h.tdb.db.selectFrom('ledger_evidence').select(['measure_id', 'url']).where('ledger_id', '=', ledgerId).orderBy('id').execute();
    return { ms, progress, evidence };
  };
  const upload = async (agent: Agent, buf: Buffer, name = '台账.xlsx') => {
    await agent.get(`/console/ledgers/${ledgerId}/import`);
    const mp = multipart(name, buf);
    const r = await agent.request('POST', `/console/ledgers/${ledgerId}/import`, { payload: mp.payload, headers: { ...mp.headers, 'x-csrf-token': agent.csrf } });
    // A successful import redirects (303) to the ledger page with the summary as a one-time message.
    return r.statusCode === 303 ? followRedirect(agent, r) : r;
  };

  before(async () => {
    setNowForTests(new Date('2022-06-20T02:00:00Z'));
    h = await createLedgerHarness();
    op = await h.login(USERS.operator.username);
    ledgerId = await svc.createLedger(h.sys, { planId: h.planId, unitId: await h.unitId('区财政局') });
    const [r1, r2, r4] = await rowsOf(h, ledgerId);
    const a = await svc.addMeasure(h.sys, ledgerId, r1!.id, { content: '督促区司法局、区文旅局等及时公开“双随机、一公开”年度计划', timeLimit: '印发通知，督促相关职能部门6月底全部公开到位', leader: '王副局长', section: '办公室' });
    await svc.addMeasure(h.sys, ledgerId, r1!.id, { content: '指导相关职能部门及时公开检查结果信息', timeLimit: '按季度检查', leader: '王副局长', section: '监督科', dueDate: '2022-06-15', status: 'done', completedOn: '2022-06-14' });
    await svc.addMeasure(h.sys, ledgerId, r2!.id, { content: '发布资金分配结果\n并在专栏集中展示', anchorDate: '2022-05-30', leader: '李副局长', section: '农业科', status: 'in_progress' });
    await svc.addMeasure(h.sys, ledgerId, r4!.id, { content: '组织全员培训', leader: '', section: '' });
    await svc.addProgress(h.sys, ledgerId, a, { note: '已起草通知', onDate: '2022-06-10' });
    await svc.addEvidence(h.sys, ledgerId, a, { kind: 'url', url: 'http://www.linzi.gov.cn/gongkai/notice.html' });
  });
  after(async () => {
    setNowForTests(null);
    await h.close();
  });

  test('export → import round trip gives the same ledger (ids, due dates, progress and evidence kept)', async () => {
    const before = await state();
    const x = await op.get(`/console/ledgers/${ledgerId}/export.xlsx`);
    assert.equal(x.statusCode, 200);
    assert.match(String(x.headers['content-type']), /spreadsheetml/);
    assert.match(String(x.headers['content-disposition']), /filename\*=UTF-8''/);
    const buf = x.rawPayload;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(buf).buffer);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.getCell('A1').value, '政务公开工作任务台账');
    assert.deepEqual((ws.getRow(3).values as CellValue[]).slice(1, 7), ['序号', '工作任务', '工作举措', '时限要求', '单位分管领导', '责任科室']);
    assert.ok(ws.model.merges.includes('A4:A5') && ws.model.merges.includes('B4:B5'), `序号/工作任务 merged for the task with two measures: ${ws.model.merges.join(',')}`);
    assert.equal(ws.pageSetup.orientation, 'landscape');

    const r = await upload(op, buf);
    assert.equal(r.statusCode, 200, r.body);
    assert.match(r.body, /新增0条、修改0条、删除0条、未变4条举措，新增进展0条/);
    assert.deepEqual(await state(), before);
  });

  test('an edited workbook updates the ledger; a reworded measure keeps its evidence', async () => {
    const x = await op.get(`/console/ledgers/${ledgerId}/export.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(x.rawPayload).buffer);
    const ws = wb.worksheets[0]!;
    ws.getCell('C4').value = '督促各部门公开“双随机、一公开”年度计划（改写）';
    ws.getCell('J4').value = '已印发通知';
    ws.getCell('C7').value = '组织全员培训（上下半年各一次）';
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await upload(op, buf);
    assert.equal(r.statusCode, 200, r.body);
    assert.match(r.body, /修改2条/);
    const s = await state();
    const first = s.ms[0]!;
    assert.equal(first.content, '督促各部门公开“双随机、一公开”年度计划（改写）');
    assert.deepEqual(s.evidence.map((e) => e.measure_id), [first.id], 'evidence stays with the reworded measure');
    assert.deepEqual(s.progress.map((p) => p.note), ['已起草通知', '已印发通知'], 'a new 进展情况 becomes a progress note');
  });

  const rejected = async (buf: Buffer, expect: RegExp[], name?: string) => {
    const before = await state();
    const audits = (await h.tdb.db.selectFrom('audit_log').select('id').where('action', '=', 'ledger.import').execute()).length;
    const r = await upload(op, buf, name);
    assert.equal(r.statusCode, 400, r.body.slice(0, 300));
    assert.match(r.body, /未导入任何内容/);
    for (const e of expect) assert.match(r.body, e);
    assert.deepEqual(await state(), before, 'nothing written');
    assert.equal((await h.tdb.db.selectFrom('audit_log').select('id').where('action', '=', 'ledger.import').execute()).length, audits);
    return r;
  };
  const good = (seq: number, task: string): CellValue[] => [seq, task, '举措', '6月底前', '王副局长', '办公室'];
  const T1 = '加大重点民生领域的部门联合“双随机、一公开”监管信息公开力度';

  test('malformed workbooks are rejected, located by sheet/row/column, and write nothing', async () => {
    await rejected(Buffer.from('序号,工作任务\n1,测试\n'), [/文件不是有效的 Excel 工作簿/], '台账.xlsx');
    await rejected(await buildWorkbook([{ name: '区财政局', rows: ledgerRows([[1, T1, '举措', '6月底前', '王副局长']], { header: ['序号', '工作任务', '工作举措', '时限要求', '单位分管领导'] }) }]), [/缺少必需列“责任科室”/]);
    const merged = await rejected(await buildWorkbook([{ name: '区财政局', rows: ledgerRows([good(1, T1), [null, null, '第二条举措', '按季度', '', '']]), merges: ['C5:D5'] }]), [/<td>5<\/td>/]);
    assert.match(merged.body, /合并/);
    await rejected(await buildWorkbook([{ name: '区财政局', rows: ledgerRows([[1, T1, '举措', '6月底前', '王副局长', '办公室', '进行中', '6月底前']], { header: ['序号', '工作任务', '工作举措', '时限要求', '单位分管领导', '责任科室', '状态', '到期日'] }) }]),
      [/H（到期日）/, /不是有效日期/]);
    const rows: CellValue[][] = Array.from({ length: 10_000 }, (_, i) => [i + 1, `任务${i + 1}`, '举措', '6月底前', '张三', '办公室']);
    await rejected(await buildWorkbook([{ name: '区财政局', rows: ledgerRows(rows) }]), [/超过台账上限 5000 行/]);
  });

  test('plan and ledger checks: other units’ tasks, dates beyond the plan, 已完成 without a date', async () => {
    const header = ['序号', '工作任务', '工作举措', '时限要求', '单位分管领导', '责任科室', '状态', '到期日', '完成日期'];
    const r = await rejected(await buildWorkbook([{ name: '区财政局', rows: ledgerRows([
      [1, T1, '举措一', '6月底前', '王副局长', '办公室', '进行中', new Date(Date.UTC(2022, 6, 15)), null],
      [3, '在区政府网站政府信息公开专栏集中公开所有现行有效的行政规范性文件', '不是本单位的任务', '', '', '', '未开始', null, null],
      [4, '各级各部门单位年内组织政务公开培训不少于1次', '培训', '', '', '', '已完成', null, null],
    ], { header }) }]), [/序号 3 不是区财政局承担的任务/, /H（到期日）/, /到期日不能晚于工作方案规定的时限 2022-06-30/, /I（完成日期）/, /状态为“已完成”时请填写完成日期/]);
    // Each error names the Excel row it is on.
    assert.match(r.body, /<td>区财政局<\/td><td>4<\/td><td>H（到期日）<\/td>/);
    assert.match(r.body, /<td>区财政局<\/td><td>5<\/td><td>A（序号）<\/td><td>序号 3 不是区财政局承担的任务/);
    // A 序号 the plan does not have (checked while reading, with the other format checks).
    await rejected(await buildWorkbook([{ name: '区财政局', rows: ledgerRows([good(1, T1), good(99, '不存在的任务')]) }]), [/<td>5<\/td><td>A（序号）<\/td><td>序号 99 不是本年度工作方案中的任务序号/]);
    // Another unit's file.
    await rejected(await buildWorkbook([{ name: '区住建局', rows: ledgerRows([good(2, '做好乡村振兴政策')], { unit: '区住建局' }) }]), [/填报单位“区住建局”与当前单位“区财政局”不一致/]);
  });

  test('who may import: the unit in draft; not the office, not another unit, not after submission', async () => {
    const buf = (await op.get(`/console/ledgers/${ledgerId}/export.xlsx`)).rawPayload;
    const other = await h.login(USERS.otherOperator.username);
    await other.get('/console');
    const mp = multipart('x.xlsx', buf);
    assert.equal((await other.request('POST', `/api/v1/ledgers/${ledgerId}/import`, { payload: mp.payload, headers: { ...mp.headers, 'x-csrf-token': other.csrf } })).statusCode, 404);
    const admin = await h.login(USERS.admin.username);
    await admin.get('/console');
    assert.equal((await admin.request('POST', `/api/v1/ledgers/${ledgerId}/import`, { payload: mp.payload, headers: { ...mp.headers, 'x-csrf-token': admin.csrf } })).statusCode, 403);
    // API import reports issues as JSON.
    const bad = multipart('x.xlsx', Buffer.from('not a workbook'));
    const api = await op.request('POST', `/api/v1/ledgers/${ledgerId}/import`, { payload: bad.payload, headers: { ...bad.headers, 'x-csrf-token': op.csrf } });
    assert.equal(api.statusCode, 400);
    assert.equal(api.json().error.issues[0].message, '文件不是有效的 Excel 工作簿（.xlsx）');
  });

  test('CLI: export one unit and the whole district, import a unit’s file, run the reminders', () => {
    const out = join(h.tdb.dataDir, 'caizheng.xlsx');
    const e = cli(h.tdb, ['ledger', 'export', '--unit', '区财政局', '--out', out]);
    assert.equal(e.code, 0, e.err);
    assert.ok(existsSync(out));
    assert.equal(cli(h.tdb, ['ledger', 'export', '--unit', '区财政局', '--out', out]).code, 2, 'refuses to overwrite');
    const imp = cli(h.tdb, ['ledger', 'import', '--unit', '区财政局', out]);
    assert.equal(imp.code, 0, imp.err);
    // The CLI runs on today's date, so measures past their deadline come back as 逾期; nothing is added or removed.
    assert.match(imp.out, /已导入区财政局台账：3项任务，新增0条、修改\d条、删除0条/);
    const broken = join(h.tdb.dataDir, 'broken.xlsx');
    writeFileSync(broken, 'not a workbook');
    const bad = cli(h.tdb, ['ledger', 'import', '--unit', '区财政局', broken]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /文件不是有效的 Excel 工作簿/);
    assert.equal(cli(h.tdb, ['ledger', 'import', '--unit', '不存在的局', out]).code, 2);
    const all = join(h.tdb.dataDir, 'all.xlsx');
    const district = cli(h.tdb, ['ledger', 'export', '--all', '--out', all]);
    assert.equal(district.code, 0, district.err);
    assert.match(district.out, /23个单位/);
    assert.ok(readFileSync(all).length > 1000);
    const remind = cli(h.tdb, ['ledger', 'remind', '--date', '2022-07-01']);
    assert.equal(remind.code, 0, remind.err);
    assert.match(remind.out, /标记逾期 \d+ 项/);
  });

  test('district export from the console: one sheet per unit', async () => {
    const admin = await h.login(USERS.admin.username);
    const r = await admin.get(`/console/ledgers/export.xlsx?plan=${h.planId}`);
    assert.equal(r.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(r.rawPayload).buffer);
    // 全区汇总 first, then one sheet per unit (23), then 进展记录.
    assert.equal(wb.worksheets.length, 25);
    assert.ok(wb.worksheets.some((w) => w.name === '区财政局'));
    const summary = wb.worksheets[0]!;
    assert.equal(summary.name, '全区汇总');
    assert.deepEqual((summary.getRow(2).values as CellValue[]).slice(1), ['单位', '任务', '未填举措的任务', '举措', '已完成', '逾期', '台账状态', '报送情况']);
    const rows = Array.from({ length: summary.rowCount - 2 }, (_, i) => (summary.getRow(3 + i).values as CellValue[]).slice(1));
    assert.equal(rows.length, 23);
    const fin = rows.find((r) => r[0] === '区财政局')!;
    const finMeasures = (await h.tdb.db.selectFrom('ledger_measures').select('id').where('ledger_id', '=', ledgerId).execute()).length;
    assert.equal(fin[3], finMeasures);
    assert.ok(rows.some((r) => r[6] === '未开始填报'), 'units without a ledger');
    // Rows without measures show the plan's 时限要求; the history sheet holds every progress note.
    const zj = wb.getWorksheet('区住建局')!;
    const values = Array.from({ length: zj.rowCount - 3 }, (_, i) => (zj.getRow(4 + i).values as CellValue[]).slice(1));
    const planLimits = new Map((await h.tdb.db.selectFrom('plan_tasks').select(['seq', 'time_limit']).where('plan_id', '=', h.planId).execute()).map((t) => [t.seq, t.time_limit]));
    for (const v of values) if (typeof v[0] === 'number') assert.equal(v[3], planLimits.get(v[0]) || undefined, `区住建局 序号${v[0]} 时限要求`);
    const history = wb.worksheets.at(-1)!;
    assert.equal(history.name, '进展记录');
    const notes = (await h.tdb.db.selectFrom('ledger_progress').select('note').where('ledger_id', '=', ledgerId).execute()).map((n) => n.note);
    const listed = Array.from({ length: history.rowCount - 2 }, (_, i) => history.getRow(3 + i).getCell(5).value);
    assert.ok(notes.length >= 2, 'the fixture has more than one note');
    for (const n of notes) assert.ok(listed.includes(n), `progress note ${n} listed`);
  });

  test('a unit’s export shows the plan’s 时限要求 in rows without measures and still imports back unchanged', async () => {
    const zjId = await svc.createLedger(h.sys, { planId: h.planId, unitId: await h.unitId('区住建局') });
    const zj = await h.login(USERS.otherOperator.username);
    const x = await zj.get(`/console/ledgers/${zjId}/export.xlsx`);
    assert.equal(x.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(x.rawPayload).buffer);
    const ws = wb.worksheets[0]!;
    const planLimits = new Map((await h.tdb.db.selectFrom('plan_tasks').select(['seq', 'time_limit']).where('plan_id', '=', h.planId).execute()).map((t) => [t.seq, t.time_limit]));
    const seqs = (await rowsOf(h, zjId)).map((r) => r.seq);
    assert.deepEqual(seqs.map((_, i) => ws.getRow(4 + i).getCell(4).value), seqs.map((q) => planLimits.get(q)), 'D（时限要求） holds the plan’s wording');
    await zj.get(`/console/ledgers/${zjId}/import`);
    const mp = multipart('台账.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const r = await zj.request('POST', `/console/ledgers/${zjId}/import`, { payload: mp.payload, headers: { ...mp.headers, 'x-csrf-token': zj.csrf } });
    assert.equal(r.statusCode, 303, r.body.slice(0, 400));
    assert.equal((await h.tdb.db.selectFrom('ledger_measures').select('id').where('ledger_id', '=', zjId).execute()).length, 0, 'the printed 时限要求 is not a measure');
  });
});
