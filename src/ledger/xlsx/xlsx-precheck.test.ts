import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { countRows, precheckXlsx } from './xlsx-precheck.js';
import { exportLedgerWorkbook } from './ledger-export.js';
import { listZipEntries } from './zip-peek.js';

test('rows with values are told apart from styled empty rows, with or without a namespace prefix', () => {
  const xml = [
    '<sheetData>',
    '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
    '<row r="2" spans="1:6"><c r="A2" s="3"/></row>',
    '<row r="3"/>',
    '<row r="4"><c r="A4" t="inlineStr"><is><t>x</t></is></c></row>',
    '<x:row r="5"><x:c r="A5"><x:v>1</x:v></x:c></x:row>',
    '</sheetData>',
  ].join('');
  assert.deepEqual(countRows(xml), { values: 3, all: 5 });
});

test('an exported workbook passes the pre-check and lists its parts', async () => {
  const buf = await exportLedgerWorkbook([{ unitName: '区财政局', rows: [] }]);
  assert.deepEqual(precheckXlsx(buf, 5000), []);
  const names = listZipEntries(buf)?.map((e) => e.name) ?? [];
  assert.ok(names.includes('xl/workbook.xml'));
  assert.ok(names.includes('xl/worksheets/sheet1.xml'));
});

test('thousands of formatted empty rows are refused before parsing', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('区财政局');
  ws.getCell('A1').value = '序号';
  for (let r = 2; r <= 150; r++) ws.getCell(r, 1).border = { top: { style: 'thin' } };
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  assert.deepEqual(precheckXlsx(buf, 10), [
    { sheet: '区财政局', row: 0, column: '', message: '工作表有 150 行（大多是设置了格式的空行），请删除多余的空行后重新上传' },
  ]);
});
