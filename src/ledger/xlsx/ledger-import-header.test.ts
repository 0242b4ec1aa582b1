import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CellValue } from 'exceljs';
import { importLedgerWorkbook } from './ledger-import.js';
import { HEADER as HEADER_SIX, buildWorkbook, describe, errorsOf, importData } from './ledger-fixtures.js';

const row: CellValue[] = [1, '加强优化营商环境信息公开', '集中公开一批政策包', '6月底前', '张三', '办公室'];

test('header as pasted from the Word sample: "单位分管 领导", line breaks, full-width, spaces', async () => {
  const header: CellValue[] = ['序　号', ' 工作任务 ', '工作\n举措', '时限要求', '单位分管 领导', '责任科室'];
  const r = await importData([row], { header });
  assert.ok(r.ok, describe(errorsOf(r)));
  assert.deepEqual(r.sheets[0].rows[0].measures[0], { measure: '集中公开一批政策包', timeLimit: '6月底前', leader: '张三', section: '办公室' });
});

test('common alternative headers and full-width brackets are accepted', async () => {
  const header: CellValue[] = ['序号', '工作任务', '工作举措', '时限要求', '分管领导', '责任科室（人）'];
  const r = await importData([row], { header });
  assert.ok(r.ok, describe(errorsOf(r)));
});

test('the header row is found below extra lines, and columns may be reordered', async () => {
  const rows: CellValue[][] = [
    ['附件3'],
    ['政务公开工作任务台账'],
    [],
    ['填报单位：区住建局', null, null, '填报日期：2022年6月28日'],
    ['序号', '工作任务', '工作举措', '责任科室', '单位分管领导', '时限要求'],
    [17, '做好老旧小区改造信息公开', '公开项目清单', '城建科', '李四', '信息形成之日起20个工作日内'],
  ];
  const r = await importLedgerWorkbook(await buildWorkbook([{ name: 'Sheet1', rows }]));
  assert.ok(r.ok, describe(errorsOf(r)));
  assert.deepEqual(r.sheets, [
    {
      unitName: '区住建局',
      rows: [
        {
          seq: 17,
          task: '做好老旧小区改造信息公开',
          measures: [{ measure: '公开项目清单', timeLimit: '信息形成之日起20个工作日内', leader: '李四', section: '城建科' }],
        },
      ],
    },
  ]);
});

test('missing required columns are each named', async () => {
  const header: CellValue[] = ['序号', '工作任务', '工作举措', '完成时限'];
  const errors = errorsOf(await importData([[1, '任务', '举措', '6月底前']], { header }));
  assert.deepEqual(errors, [
    { sheet: '区财政局', row: 3, column: '', message: '缺少必需列“单位分管领导”' },
    { sheet: '区财政局', row: 3, column: '', message: '缺少必需列“责任科室”' },
  ]);
});

test('a sheet without any recognisable header is an error', async () => {
  const buf = await buildWorkbook([{ name: '台账', rows: [['编号', '内容'], [1, '举措']] }]);
  const errors = errorsOf(await importLedgerWorkbook(buf));
  assert.equal(errors.length, 1);
  assert.match(errors[0].message, /^未找到表头行，表头应包含：序号、工作任务、工作举措/);
});

test('a column given twice is an error; unknown columns are only warnings', async () => {
  const dup = await importData([row], { header: [...HEADER_SIX, '工作举措'] });
  assert.deepEqual(errorsOf(dup).map((e) => e.message), ['列“工作举措”重复出现，请只保留一列']);

  const extra = await importData([[...row, '备注内容']], { header: [...HEADER_SIX, '备注'] });
  assert.ok(extra.ok, describe(errorsOf(extra)));
  assert.deepEqual(extra.warnings.map((w) => w.message), ['未识别的列“备注”，已忽略']);
});

test('a two-row header merged downwards: data starts below the merge', async () => {
  const rows: CellValue[][] = [
    ['政务公开工作任务台账'],
    ['填报单位：区财政局'],
    [...HEADER_SIX, '落实情况'],
    [null, null, null, null, null, null, null],
    row,
  ];
  const merges = ['A3:A4', 'B3:B4', 'C3:C4', 'D3:D4', 'E3:E4', 'F3:F4', 'G3:G4'];
  const r = await importLedgerWorkbook(await buildWorkbook([{ name: 'x', rows, merges }]));
  assert.ok(r.ok, describe(errorsOf(r)));
  assert.equal(r.sheets[0].rows[0].seq, 1);
});
