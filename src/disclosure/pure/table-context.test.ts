import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexTables, isQuantityHeader } from './table-context.js';

const headerOf = (s: string, needle: string): string | undefined => indexTables(s).headerAt(s.indexOf(needle));

test('finds the header of tab-separated and pipe tables', () => {
  const tsv = '说明文字\n序号\t姓名\t联系电话\n1\t王某\t13853312345\n2\t李某\t13912345678';
  assert.equal(headerOf(tsv, '13912345678'), '联系电话');
  assert.equal(headerOf(tsv, '李某'), '姓名');
  const md = '| 科目 | 预算数 |\n| --- | --- |\n| 行政运行 | 13912345678 |';
  assert.equal(headerOf(md, '139'), '预算数');
});

test('no header outside a table or on the header row itself', () => {
  assert.equal(headerOf('联系电话13853312345', '138'), undefined);
  assert.equal(headerOf('序号\t电话\n1\t13853312345', '电话'), undefined);
  assert.equal(headerOf('序号\t电话\n\n1\t13853312345', '138'), undefined); // blank line ends the table
});

test('deep rows of long tables still find their header', () => {
  const rows = Array.from({ length: 2000 }, (_, i) => `${i + 1}\t某某\t${13800000000 + i}`);
  const text = ['序号\t姓名\t联系电话', ...rows].join('\n');
  const index = indexTables(text);
  assert.equal(index.headerAt(text.lastIndexOf('1380000')), '联系电话');
  assert.equal(index.headerAt(0), undefined);
});

test('quantity headers', () => {
  for (const h of ['预算数', '金额（元）', '增减率', '上年执行数', '合计']) assert.equal(isQuantityHeader(h), true, h);
  for (const h of ['联系电话', '手机号码', '姓名', '银行卡号', '身份证号码']) assert.equal(isQuantityHeader(h), false, h);
});
