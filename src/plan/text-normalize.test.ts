import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeText } from './text-normalize.js';
import { looksLikeHeading, looksLikeTimeLimit, splitGluedHeading } from './cell-kinds.js';

test('spaces from line wrapping between CJK characters, punctuation and digits are removed', () => {
  assert.equal(normalizeText('区政府各 部门单位'), '区政府各部门单位');
  assert.equal(normalizeText('有 关职能部门'), '有关职能部门');
  assert.equal(normalizeText('临政办字〔2022〕 16 号'), '临政办字〔2022〕16号');
  assert.equal(normalizeText('2022 年 6 月 23 日'), '2022年6月23日');
  assert.equal(normalizeText('各镇、 街道'), '各镇、街道');
  assert.equal(normalizeText('  多个\u3000空白\n 换行  '), '多个空白换行');
});

test('spaces between Latin words and digits are kept', () => {
  assert.equal(normalizeText('资金使用情况 and 分配结果'), '资金使用情况 and 分配结果');
  assert.equal(normalizeText('截至2022年 GDP 增长 5 %'), '截至2022年 GDP 增长5 %');
  assert.equal(normalizeText('Windows 10 系统'), 'Windows 10系统');
});

test('time limits, headings and glued headings are recognised by content', () => {
  for (const t of ['长期坚持', '疫情防控期间', '年底前', '6月底前', '按季度公开', '信息形成或变更之日起20个工作日内公开']) {
    assert.ok(looksLikeTimeLimit(t), t);
  }
  assert.ok(!looksLikeTimeLimit('区政府办公室'));
  assert.ok(looksLikeHeading('加强优化营商环境信息公开'));
  assert.ok(looksLikeHeading('紧扣维护社会和谐稳定 深化公开'));
  assert.ok(!looksLikeHeading('对军民融合领域的可公开信息，稳妥有序进行公开'));
  assert.deepEqual(splitGluedHeading('加强推动高质量发展信息公开 加强房地产市场监管信息公开，严格规范房地产开发'),
    { heading: '加强推动高质量发展信息公开', rest: '加强房地产市场监管信息公开，严格规范房地产开发' });
  // The first line of a wrapped requirement is long and is followed by more breaks.
  assert.equal(splitGluedHeading('在区政府网站政府信息公开专栏集中公开所有现行有效的行 政规范性文件，明确标题 正文'), null);
  assert.equal(splitGluedHeading('做好校务公开工作，推进 中小学校'), null);
  // With an area column, only a single break and a heading-like ending count.
  assert.equal(splitGluedHeading('做好政府公报 统一刊登本级政府规范性文件', true), null);
});
