import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToPlanText } from './html-to-plan-text.js';

test('paragraphs and headings become lines; entities are decoded', () => {
  const text = htmlToPlanText('<h2>关于印发&lt;方案&gt;的通知</h2><p>A &amp; B&nbsp;C&#x4E00;&#20108;</p><p></p><p>末行</p>');
  assert.equal(text, '## 关于印发<方案>的通知\n\nA & B C一二\n\n末行\n');
});

test('tables: tab-separated rows; rowspan repeats the text down, colspan adds empty cells', () => {
  const html = '<p>附件1</p><table>'
    + '<tr><td>序号</td><td colspan="2">工作任务</td><td>时限</td></tr>'
    + '<tr><td>1</td><td rowspan="2"><p>领域</p></td><td>事项</td><td rowspan="3">长期坚持</td></tr>'
    + '<tr><td>2</td><td><p>第一段</p><p>第二段</p></td></tr>'
    + '<tr><td>3</td><td colspan="2">跨两列</td></tr>'
    + '</table><p>附件2</p>';
  assert.equal(htmlToPlanText(html), [
    '附件1', '', '序号\t工作任务\t\t时限', '1\t领域\t事项\t长期坚持', '2\t领域\t第一段 第二段\t长期坚持', '3\t跨两列\t\t长期坚持', '', '附件2', '',
  ].join('\n'));
});

test('a table nested in a cell is flattened into that cell', () => {
  const html = '<table><tr><td>1</td><td>外<table><tr><td>内</td></tr></table></td></tr></table>';
  assert.equal(htmlToPlanText(html).trim(), '1\t外 内');
});
