import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CellValue } from 'exceljs';
import { describe, errorsOf, importData } from './ledger-fixtures.js';

const T1 = '加大民生领域的部门联合“双随机、一公开”监管信息公开力度';
const measure = (text: string, timeLimit = '6月底前') => ({ measure: text, timeLimit, leader: '张三', section: '法规科' });

test('merged 序号/工作任务 cells expand down over the task’s measures', async () => {
  const data: CellValue[][] = [
    [1, T1, '督促公开年度计划', '6月底前', '张三', '法规科'],
    [null, null, '指导公开检查结果', '按季度', '张三', '法规科'],
    [2, '抓好减税降费信息公开', '推送政策', '长期坚持', '张三', '法规科'],
  ];
  const r = await importData(data, { merges: ['A4:A5', 'B4:B5'] });
  assert.ok(r.ok, describe(errorsOf(r)));
  assert.deepEqual(r.sheets[0].rows, [
    { seq: 1, task: T1, measures: [measure('督促公开年度计划'), measure('指导公开检查结果', '按季度')] },
    { seq: 2, task: '抓好减税降费信息公开', measures: [measure('推送政策', '长期坚持')] },
  ]);
});

test('unmerged style: blank 序号/工作任务, repeated task text or repeated 序号 continue the task', async () => {
  const data: CellValue[][] = [
    [1, T1, 'a', '6月底前', '张三', '法规科'],
    [null, null, 'b', '6月底前', '张三', '法规科'],
    [null, T1, 'c', '6月底前', '张三', '法规科'],
    [1, T1, 'd', '6月底前', '张三', '法规科'],
    ['1', null, 'e', '6月底前', '张三', '法规科'],
  ];
  const r = await importData(data);
  assert.ok(r.ok, describe(errorsOf(r)));
  assert.deepEqual(r.sheets[0].rows[0].measures.map((m) => m.measure), ['a', 'b', 'c', 'd', 'e']);
});

test('a leader or time limit merged down a task is repeated on each measure', async () => {
  const data: CellValue[][] = [
    [1, T1, 'a', '6月底前', '张三', '法规科'],
    [null, null, 'b', null, null, null],
  ];
  const r = await importData(data, { merges: ['A4:A5', 'B4:B5', 'D4:D5', 'E4:E5', 'F4:F5'] });
  assert.ok(r.ok, describe(errorsOf(r)));
  assert.deepEqual(r.sheets[0].rows[0].measures, [measure('a'), measure('b')]);
});

test('a task with no measures is one row with empty measure cells', async () => {
  const r = await importData([[5, '推进重大科技创新领域信息公开', null, null, null, null], [6, '乡村振兴', 'a', '', '', '']]);
  assert.ok(r.ok, describe(errorsOf(r)));
  assert.deepEqual(r.sheets[0].rows[0], { seq: 5, task: '推进重大科技创新领域信息公开', measures: [] });
});

test('merges across columns or down 工作举措 are errors naming the cells', async () => {
  const data: CellValue[][] = [
    [1, T1, '举措跨到时限列', null, '张三', '法规科'],
    [2, '任务二', '同一举措', '6月底前', '张三', '法规科'],
    [null, null, null, '7月底前', '张三', '法规科'],
  ];
  const errors = errorsOf(await importData(data, { merges: ['C4:D4', 'A5:A6', 'B5:B6', 'C5:C6'] }));
  assert.deepEqual(errors, [
    { sheet: '区财政局', row: 4, column: 'C（工作举措）', message: '单元格 C4:D4 跨列合并（涉及“工作举措”、“时限要求”），请取消合并后逐列填写' },
    { sheet: '区财政局', row: 5, column: 'C（工作举措）', message: '单元格 C5:C6 上下合并了工作举措，每条举措应单独占一行，请取消合并' },
  ]);
});

test('序号 must be a positive integer', async () => {
  const data: CellValue[][] = [0, -1, 1.5, '一', '2a'].map((seq, i) => [seq, `任务${i}`, '举措', '', '', '']);
  const errors = errorsOf(await importData(data));
  assert.deepEqual(errors.map((e) => [e.row, e.column, e.message]), [
    [4, 'A（序号）', '序号“0”不是正整数'],
    [5, 'A（序号）', '序号“-1”不是正整数'],
    [6, 'A（序号）', '序号“1.5”不是正整数'],
    [7, 'A（序号）', '序号“一”不是正整数'],
    [8, 'A（序号）', '序号“2a”不是正整数'],
  ]);
  const fullWidth = await importData([['１２', '任务', '举措', '', '', '']]);
  assert.ok(fullWidth.ok);
  assert.equal(fullWidth.sheets[0].rows[0].seq, 12);
});

test('with the plan’s tasks: unknown 序号 is an error, differing task text only a warning', async () => {
  const knownTaskSeqs = new Map([[11, '加大重点民生领域的部门联合“双随机、一公开”监管信息公开力度'], [12, '动态调整收费目录清单']]);
  const bad = await importData([[99, '自拟任务', '举措', '', '', '']], { knownTaskSeqs });
  assert.deepEqual(errorsOf(bad).map((e) => [e.row, e.column, e.message]), [[4, 'A（序号）', '序号 99 不是本年度工作方案中的任务序号']]);

  const data: CellValue[][] = [
    [11, '加大重点民生领域的部门联合 “双随机，一公开” 监管信息公开力度', 'a', '', '', ''],
    [12, '收费目录清单', 'b', '', '', ''],
  ];
  const ok = await importData(data, { knownTaskSeqs: new Map([...knownTaskSeqs, [12, '加强公开平台建设']]) });
  assert.ok(ok.ok, describe(errorsOf(ok)));
  assert.deepEqual(ok.warnings.map((w) => [w.row, w.column, w.message]), [
    [5, 'B（工作任务）', '工作任务与工作方案第 12 项“加强公开平台建设”不一致，请核对'],
  ]);
  // The unit's wording is kept; the reviewer sees the warning.
  assert.equal(ok.sheets[0].rows[1].task, '收费目录清单');
});

test('a measure missing while the row’s other cells are filled is an error', async () => {
  const errors = errorsOf(await importData([[1, T1, 'a', '', '', ''], [null, null, null, '6月底前', '张三', '']]));
  assert.deepEqual(errors.map((e) => [e.row, e.column, e.message]), [[5, 'C（工作举措）', '工作举措为空，但本行已填写时限要求、单位分管领导']]);
});

test('time limits are free text; dates typed into them become Chinese date text', async () => {
  const data: CellValue[][] = [
    [1, T1, 'a', '2022年6月30日', '', ''],
    [null, null, 'b', '6月底前', '', ''],
    [null, null, 'c', new Date(Date.UTC(2022, 7, 31)), '', ''],
    [null, null, 'd', 20, '', ''],
  ];
  const r = await importData(data);
  assert.ok(r.ok, describe(errorsOf(r)));
  assert.deepEqual(r.sheets[0].rows[0].measures.map((m) => m.timeLimit), ['2022年6月30日', '6月底前', '2022年8月31日', '20']);
});

const TRACKED: CellValue[] = ['序号', '工作任务', '工作举措', '时限要求', '单位分管领导', '责任科室', '状态', '到期日', '完成日期', '进展情况'];

test('到期日/完成日期 must be real dates or ISO strings; 状态 one of the four values', async () => {
  const data: CellValue[][] = [
    [1, T1, 'a', '', '', '', '已完成', new Date(Date.UTC(2022, 5, 30)), '2022-06-28', '已公开'],
    [null, null, 'b', '', '', '', '完成', '2022年6月30日', '2022-02-30', null],
    [null, null, 'c', '', '', '', null, '6月底前', 44742, null],
  ];
  const r = await importData(data, { header: TRACKED });
  assert.deepEqual(errorsOf(r).map((e) => [e.row, e.column, e.message]), [
    [5, 'G（状态）', '状态“完成”无效，应为未开始、进行中、已完成、逾期之一'],
    [5, 'H（到期日）', '到期日“2022年6月30日”不是有效日期，请填写日期（如 2022-06-30）'],
    [5, 'I（完成日期）', '完成日期“2022-02-30”不是有效日期，请填写日期（如 2022-06-30）'],
    [6, 'H（到期日）', '到期日“6月底前”不是有效日期，请填写日期（如 2022-06-30）'],
    [6, 'I（完成日期）', '完成日期“44742”不是有效日期，请填写日期（如 2022-06-30）'],
  ]);
  const ok = await importData([data[0]], { header: TRACKED });
  assert.ok(ok.ok);
  assert.deepEqual(ok.sheets[0].rows[0].measures[0], {
    measure: 'a', timeLimit: '', leader: '', section: '', status: '已完成', dueDate: '2022-06-30', completedOn: '2022-06-28', progress: '已公开',
  });
});

test('cells over 2,000 characters are errors', async () => {
  const errors = errorsOf(await importData([[1, T1, '举'.repeat(2001), '', '', '']]));
  assert.deepEqual(errors.map((e) => [e.row, e.column, e.message]), [[4, 'C（工作举措）', '内容有 2001 字，超过 2000 字上限，请精简']]);
});

test('formulas give their results; rich text and hyperlinks give plain text', async () => {
  const data: CellValue[][] = [
    [{ formula: 'ROW()-3', result: 1 }, { richText: [{ text: '加大' }, { text: '监管', font: { bold: true } }, { text: '信息公开' }] }, { text: '公开专栏', hyperlink: 'http://www.linzi.gov.cn' }, { formula: '"6月"&"底前"', result: '6月底前' }, '张三', '法规科'],
  ];
  const r = await importData(data);
  assert.ok(r.ok, describe(errorsOf(r)));
  assert.deepEqual(r.sheets[0].rows, [{ seq: 1, task: '加大监管信息公开', measures: [measure('公开专栏')] }]);
});

test('formulas without a result and error values are reported', async () => {
  const data: CellValue[][] = [[1, T1, { formula: 'A1&B1' }, { error: '#REF!' }, '', '']];
  const errors = errorsOf(await importData(data));
  assert.deepEqual(errors.map((e) => [e.column, e.message]), [
    ['C（工作举措）', '公式没有计算结果，请在 Excel 或 WPS 中打开并保存后重新上传'],
    ['D（时限要求）', '单元格是错误值 #REF!，请修正后重新上传'],
  ]);
});

test('grouping mistakes: no 序号 at the start, a new task without 序号, a repeated 序号', async () => {
  const data: CellValue[][] = [
    [null, null, '无主举措', '', '', ''],
    [1, T1, 'a', '', '', ''],
    [null, '另一项任务', 'b', '', '', ''],
    [2, '任务二', 'c', '', '', ''],
    [1, T1, 'd', '', '', ''],
  ];
  const errors = errorsOf(await importData(data));
  assert.deepEqual(errors.map((e) => [e.row, e.column, e.message]), [
    [4, 'A（序号）', '缺少序号，无法判断本行属于哪项工作任务'],
    [6, 'B（工作任务）', `工作任务与第 5 行“${T1}”不同；如是新任务，请填写序号`],
    [8, 'A（序号）', '序号 1 重复，第 5 行已使用'],
  ]);
});

test('template leftovers are ignored: "..." rows, unfilled 序号 rows (with a warning), 填表人 footer', async () => {
  const data: CellValue[][] = [
    [1, T1, 'a', '', '', ''],
    [null, null, '说明：measures may start like a footer line', '', '', ''],
    [2, null, null, null, null, null],
    ['...', null, null, null, null, null],
    ['……'],
    [],
    ['填表人：王五', null, '联系电话：0533-1234567'],
  ];
  const r = await importData(data);
  assert.ok(r.ok, describe(errorsOf(r)));
  assert.equal(r.sheets[0].rows.length, 1);
  assert.equal(r.sheets[0].rows[0].measures.length, 2);
  assert.deepEqual(r.warnings.map((w) => [w.row, w.message]), [[6, '序号 2 未填写内容，已忽略']]);
});

test('every error is returned, not just the first', async () => {
  const data: CellValue[][] = [
    [0, T1, 'a', '', '', ''],
    [2, '', 'b', '', '', ''],
    [3, '任务三', null, '6月底前', '', ''],
    [4, '任务四', '举'.repeat(2500), '', '', ''],
  ];
  const errors = errorsOf(await importData(data));
  assert.deepEqual(errors.map((e) => e.row), [4, 5, 6, 7]);
  assert.equal(errors[1].message, '工作任务不能为空');
});
