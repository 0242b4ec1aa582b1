import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { exportLedgerWorkbook, exportLedgerWorkbookStreamed } from './ledger-export.js';
import type { LedgerSheet } from './ledger-layout.js';

const sheet: LedgerSheet = {
  unitName: '区财政局',
  planTitle: '2022年全区政务公开重点工作任务分解表',
  rows: [
    {
      seq: 1,
      task: '加大民生领域的部门联合“双随机、一公开”监管信息公开力度',
      measures: [
        { measure: '督促区司法局、区文旅局等及时公开“双随机、一公开”年度计划', timeLimit: '6月底全部公开到位', leader: '李四', section: '法规科' },
        { measure: '指导相关职能部门及时公开检查结果信息', timeLimit: '按季度检查', leader: '李四', section: '法规科' },
      ],
    },
    { seq: 2, task: '抓好减税降费信息公开', measures: [] },
    { seq: 3, task: '做好预决算公开', measures: [{ measure: '公开部门预算'.repeat(30), timeLimit: '长期坚持', leader: '李四', section: '预算科' }] },
  ],
};

const load = async (buf: Buffer): Promise<ExcelJS.Workbook> => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(buf).buffer);
  return wb;
};

const rowValues = (ws: ExcelJS.Worksheet, r: number, cols: number): unknown[] =>
  Array.from({ length: cols }, (_, i) => ws.getCell(r, i + 1).value ?? null);

test('layout follows 附件3: title, 填报单位, six headers in order, merged task cells', async () => {
  for (const write of [exportLedgerWorkbook, exportLedgerWorkbookStreamed]) {
    const ws = (await load(await write([sheet]))).worksheets[0];
    assert.equal(ws.name, '区财政局');
    assert.equal(ws.getCell('A1').value, '政务公开工作任务台账');
    assert.equal(ws.getCell('A2').value, '填报单位：区财政局');
    assert.equal(ws.getCell('D2').value, '工作方案：2022年全区政务公开重点工作任务分解表');
    assert.deepEqual(rowValues(ws, 3, 7), ['序号', '工作任务', '工作举措', '时限要求', '单位分管领导', '责任科室', null]);
    assert.deepEqual([...ws.model.merges].sort(), ['A1:F1', 'A2:C2', 'A4:A5', 'B4:B5', 'D2:F2'].sort());
    // Task 1: two measure rows under one merged 序号/工作任务.
    assert.equal(ws.getCell('A4').value, 1);
    assert.equal(ws.getCell('C5').value, '指导相关职能部门及时公开检查结果信息');
    // Task 2 has no measures: one row, measure cells blank.
    assert.deepEqual(rowValues(ws, 6, 6), [2, '抓好减税降费信息公开', null, null, null, null]);
    assert.equal(ws.getCell('A7').value, 3);
    assert.equal(ws.rowCount, 7);
  }
});

test('print setup: A4 landscape, one page wide, header row repeated, frozen below header', async () => {
  for (const write of [exportLedgerWorkbook, exportLedgerWorkbookStreamed]) {
    const ws = (await load(await write([sheet]))).worksheets[0];
    assert.equal(ws.pageSetup.paperSize, 9);
    assert.equal(ws.pageSetup.orientation, 'landscape');
    assert.equal(ws.pageSetup.fitToPage, true);
    assert.equal(ws.pageSetup.fitToWidth, 1);
    assert.equal(ws.pageSetup.fitToHeight, 0);
    assert.equal(ws.pageSetup.printTitlesRow, '3:3');
    assert.equal(ws.views[0].state, 'frozen');
    assert.equal(ws.views[0].ySplit, 3);
    assert.deepEqual(ws.columns.slice(0, 6).map((c) => c.width), [6, 28, 42, 22, 12, 14]);
  }
});

test('cells are bordered, wrapped, vertically centred, in 仿宋/宋体', async () => {
  const ws = (await load(await exportLedgerWorkbook([sheet]))).worksheets[0];
  assert.equal(ws.getCell('A1').font.name, '宋体');
  assert.ok((ws.getCell('A1').font.size ?? 0) >= 16);
  assert.equal(ws.getCell('C3').font.bold, true);
  for (const addr of ['A4', 'B5', 'C4', 'F7']) {
    const cell = ws.getCell(addr);
    assert.equal(cell.font.name, '仿宋', addr);
    assert.equal(cell.alignment.vertical, 'middle', addr);
    assert.equal(cell.alignment.wrapText, true, addr);
    for (const side of ['top', 'left', 'bottom', 'right'] as const) assert.equal(cell.border[side]?.style, 'thin', `${addr} ${side}`);
  }
  // A 180-character measure needs a taller row than a short one.
  assert.ok((ws.getRow(7).height ?? 0) > (ws.getRow(6).height ?? 0));
});

test('extra columns come after the six official ones, set apart by a heavier rule', async () => {
  const withStatus: LedgerSheet = {
    unitName: '区卫健局',
    rows: [{ seq: 13, task: '精细化公开疫情防控信息', measures: [{ measure: '公示名单', timeLimit: '疫情防控期间', leader: '赵', section: '疾控科', status: '进行中', dueDate: '2022-06-30' }] }],
  };
  const ws = (await load(await exportLedgerWorkbook([sheet, withStatus]))).worksheets[1];
  assert.deepEqual(rowValues(ws, 3, 10), ['序号', '工作任务', '工作举措', '时限要求', '单位分管领导', '责任科室', '状态', '到期日', '完成日期', '进展情况']);
  assert.ok(ws.model.merges.includes('A1:J1'));
  assert.equal(ws.getCell('G3').border.left?.style, 'medium');
  assert.equal(ws.getCell('G4').border.left?.style, 'medium');
  assert.notDeepEqual(ws.getCell('G3').fill, ws.getCell('F3').fill);
  assert.deepEqual(ws.getCell('H4').value, new Date(Date.UTC(2022, 5, 30)));
  assert.equal(ws.getCell('H4').numFmt, 'yyyy-mm-dd');
});

test('extraColumns option forces or suppresses the tracking columns', async () => {
  const always = (await load(await exportLedgerWorkbook([sheet], { extraColumns: 'always' }))).worksheets[0];
  assert.equal(always.getCell('G3').value, '状态');
  const never = (await load(await exportLedgerWorkbook([sheet], { extraColumns: 'never' }))).worksheets[0];
  assert.equal(never.getCell('G3').value, null);
});

test('one sheet per unit, names made valid and unique for Excel', async () => {
  const units = ['区发改局/区统计局', '区发改局?区统计局', '临淄区人民政府稷下街道办事处城市管理和综合执法办公室', 'History'];
  const wb = await load(await exportLedgerWorkbook(units.map((unitName) => ({ unitName, rows: [] }))));
  const names = wb.worksheets.map((w) => w.name);
  assert.equal(names.length, 4);
  assert.equal(new Set(names.map((n) => n.toLowerCase())).size, 4);
  for (const n of names) {
    assert.ok(n.length <= 31, n);
    assert.doesNotMatch(n, /[\\/?*[\]:]/);
  }
  assert.equal(names[0], '区发改局_区统计局');
  assert.equal(names[1], '区发改局_区统计局(2)');
  // The full unit name is kept in the 填报单位 row even when the sheet name is cut.
  assert.equal(wb.worksheets[2].getCell('A2').value, `填报单位：${units[2]}`);
});

test('refuses an empty list of units (Excel cannot open a workbook with no sheets)', async () => {
  await assert.rejects(exportLedgerWorkbook([]), RangeError);
});
