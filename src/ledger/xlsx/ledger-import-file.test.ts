import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CellValue } from 'exceljs';
import { importLedgerWorkbook } from './ledger-import.js';
import { NOT_XLSX } from './import-issues.js';
import { exportLedgerWorkbook } from './ledger-export.js';
import { buildWorkbook, describe, errorsOf, importData, ledgerRows, storedZip } from './ledger-fixtures.js';

const notXlsx = async (buf: Buffer): Promise<void> => {
  const r = await importLedgerWorkbook(buf);
  assert.equal(r.ok, false);
  assert.deepEqual(errorsOf(r), [{ sheet: '', row: 0, column: '', message: NOT_XLSX }]);
};

test('a text file renamed .xlsx is rejected with one clear error', async () => {
  await notXlsx(Buffer.from('序号,工作任务\n1,测试\n', 'utf8'));
});

test('a PNG renamed .xlsx, an empty file and an old .xls header are rejected', async () => {
  await notXlsx(Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'));
  await notXlsx(Buffer.alloc(0));
  await notXlsx(Buffer.from('d0cf11e0a1b11ae1000000000000000000000000000000003e000300feff0900', 'hex'));
});

test('a zip that is not a workbook (plain archive, Word-like package) is rejected', async () => {
  await notXlsx(storedZip({ 'readme.txt': 'hello' }));
  await notXlsx(storedZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }));
});

test('a truncated or corrupted workbook is rejected', async () => {
  const good = await exportLedgerWorkbook([{ unitName: '区财政局', rows: [] }]);
  await notXlsx(good.subarray(0, Math.floor(good.length / 2)));
  const broken = Buffer.from(good);
  broken.fill(0x41, 200, 1200);
  await notXlsx(broken);
});

test('a workbook with only blank sheets has nothing to import', async () => {
  const r = await importLedgerWorkbook(await buildWorkbook([{ rows: [] }, { rows: [] }]));
  assert.deepEqual(errorsOf(r).map((e) => e.message), ['工作簿中没有台账内容']);
});

test('blank and hidden sheets are skipped; other sheets must be ledgers', async () => {
  const data: CellValue[][] = [[1, '任务', '举措', '6月底前', '张三', '办公室']];
  const ok = await importLedgerWorkbook(
    await buildWorkbook([
      { name: '台账', rows: ledgerRows(data) },
      { name: 'Sheet2', rows: [] },
      { name: '下拉选项', rows: [['未开始'], ['进行中']], state: 'hidden' },
    ]),
  );
  assert.ok(ok.ok, describe(errorsOf(ok)));
  assert.equal(ok.sheets.length, 1);

  const bad = await importLedgerWorkbook(
    await buildWorkbook([{ name: '台账', rows: ledgerRows(data) }, { name: '说明', rows: [['请按附件3填写']] }]),
  );
  assert.deepEqual(errorsOf(bad), [
    { sheet: '说明', row: 0, column: '', message: '未找到表头行，表头应包含：序号、工作任务、工作举措、时限要求、单位分管领导、责任科室' },
  ]);
});

test('10,000 data rows are rejected up front with one error', async () => {
  const data: CellValue[][] = Array.from({ length: 10_000 }, (_, i) => [i + 1, `任务${i + 1}`, '举措', '6月底前', '张三', '办公室']);
  const buf = await buildWorkbook([{ name: '区财政局', rows: ledgerRows(data) }]);
  const r = await importLedgerWorkbook(buf);
  const errors = errorsOf(r);
  assert.equal(errors.length, 1, describe(errors));
  assert.equal(errors[0].sheet, '区财政局');
  // The pre-check message (counted from the raw XML, before exceljs builds its model).
  assert.match(errors[0].message, /约有 10003 行内容，超过台账上限 5000 行数据/);
});

test('rows just over the limit are caught while reading, with one error', async () => {
  const data: CellValue[][] = Array.from({ length: 15 }, (_, i) => [i + 1, `任务${i + 1}`, '举措', '6月底前', '张三', '办公室']);
  const errors = errorsOf(await importData(data, { maxDataRows: 10 }));
  assert.deepEqual(errors.map((e) => [e.row, e.message]), [[14, '数据超过 10 行上限，其后内容未检查，请按单位拆分后分别上传']]);
});

test('填报单位 must match the uploading unit when one is given', async () => {
  const data: CellValue[][] = [[1, '任务', '举措', '6月底前', '张三', '办公室']];
  const mismatch = await importData(data, { unitName: '区教体局' });
  assert.deepEqual(errorsOf(mismatch), [
    { sheet: '区财政局', row: 2, column: '', message: '填报单位“区财政局”与当前单位“区教体局”不一致' },
  ]);
  const same = await importData(data, { unitName: ' 区财政局 ' });
  assert.ok(same.ok);
  assert.equal(same.sheets[0].unitName, '区财政局');
});

test('without a 填报单位 row the unit comes from the option, then the sheet name', async () => {
  const rows: CellValue[][] = [['序号', '工作任务', '工作举措', '时限要求', '单位分管领导', '责任科室'], [1, '任务', '举措', '', '', '']];
  const buf = await buildWorkbook([{ name: '区民政局', rows }]);
  const byOption = await importLedgerWorkbook(buf, { unitName: '区民政局（区老龄办）' });
  assert.ok(byOption.ok);
  assert.equal(byOption.sheets[0].unitName, '区民政局（区老龄办）');
  const bySheet = await importLedgerWorkbook(buf);
  assert.ok(bySheet.ok);
  assert.equal(bySheet.sheets[0].unitName, '区民政局');
});
