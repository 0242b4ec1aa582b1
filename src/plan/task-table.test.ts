// The messy cases of real exports, each checked on the seed and on a small table of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parsePlanText } from './plan-text-parser.js';
import type { PlanTask } from './plan-types.js';

const seed = parsePlanText(readFileSync(new URL('./fixtures/linzi-2022.txt', import.meta.url), 'utf8'));
const task = (seq: number): PlanTask => {
  const t = seed.tasks.find((x) => x.seq === seq);
  assert.ok(t, `task ${seq}`);
  return t;
};
const HEADER = '序号\t工作任务\t工作要求\t责任单位\t时限要求';
const parse = (...rows: string[]) => parsePlanText([HEADER, ...rows].join('\n'));

test('merged cells: tasks 8–12 share the area but 9 continues 8’s units while 10–12 have their own', () => {
  for (const seq of [8, 9, 10, 11, 12]) assert.equal(task(seq).area, '加强优化营商环境信息公开');
  assert.equal(task(9).unitsText, task(8).unitsText);
  assert.equal(task(10).unitsText, '各镇、街道，区政府各部门单位');
  assert.equal(task(11).unitsText, '区市场监管局牵头、有关职能部门落实');
  assert.equal(task(12).unitsText, '区财政局、区发改局');
});

test('merged cells: 疫情防控期间 of task 13 continues to 14–16, and 7 continues 6’s 长期坚持', () => {
  for (const seq of [13, 14, 15, 16]) assert.equal(task(seq).timeLimit, '疫情防控期间');
  assert.equal(task(17).timeLimit, '信息形成或变更之日起20个工作日内公开');
  assert.equal(task(7).timeLimit, '长期坚持');
});

test('merged cells: a page that restates the domain does not continue from the previous page', () => {
  for (const seq of [8, 9, 10, 11, 12]) assert.equal(task(seq).timeLimit, '');
  // 34 and 35 no longer inherit 33's consultation period; 59 takes 年底前 from its own text (issue 19).
  assert.deepEqual(seed.warnings.map((w) => w.row), [8, 9, 10, 11, 12, 34, 35, 59]);
  const result = parse(
    '1\t紧扣提高实效深化公开\t做好甲项工作，按时完成\t区财政局\t长期坚持',
    '',
    '2\t紧扣提高实效深化公开\t做好乙项工作，按时完成\t区民政局\t',
    '',
    '3\t\t做好丙项工作，按时完成\t\t',
  );
  assert.deepEqual(result.tasks.map((t) => t.timeLimit), ['长期坚持', '', '']);
  // A page that does not restate the domain is a plain page break: cells continue across it.
  assert.equal(result.tasks[2].unitsText, '区民政局');
});

test('merged cells: continuation stops at a new domain', () => {
  const result = parse(
    '1\t紧扣提高实效深化公开\t做好甲项工作，按时完成\t区财政局\t长期坚持',
    '2\t紧扣夯实基础深化公开\t做好乙项工作，按时完成\t\t',
  );
  assert.equal(result.tasks[1].unitsText, '');
  assert.equal(result.tasks[1].timeLimit, '');
  assert.ok(result.warnings.some((w) => w.row === 2 && /责任单位/.test(w.message)));
});

test('page-break repeats of the domain (with wrap spaces) keep the same domain and area', () => {
  // Of the page tops, 8, 19, 25, 39 and 54 restate the domain of the row above.
  for (const seq of [8, 19, 25, 39, 54]) assert.equal(task(seq).domain, task(seq - 1).domain);
  for (const seq of [13, 31, 45]) assert.notEqual(task(seq).domain, task(seq - 1).domain);
  assert.equal(task(19).domain, '紧扣维护社会和谐稳定深化公开');
  assert.equal(task(19).area, '高质量公开民生保障信息');
  assert.equal(task(54).area, task(53).area);
  assert.deepEqual([...new Set(seed.tasks.map((t) => t.domain))], [
    '紧扣经济发展大局深化公开', '紧扣维护社会和谐稳定深化公开', '紧扣提高实效深化公开', '紧扣夯实基础深化公开', '紧扣任务落实强化保障措施',
  ]);
});

test('a sub-area heading glued to the front of a requirement is split off', () => {
  assert.equal(task(2).area, '加强推动高质量发展信息公开');
  assert.match(task(2).requirement, /^加强房地产市场监管信息公开，/);
  assert.equal(task(5).area, '加强重大战略实施信息公开');
  assert.match(task(5).requirement, /^推进重大科技创新领域信息公开，/);
  assert.equal(task(1).area, '');
  // A wrapped requirement whose first line is long is not mistaken for a heading.
  assert.match(task(36).requirement, /^在区政府网站政府信息公开专栏集中公开所有现行有效的行政规范性文件，/);
});

test('shifted columns: units in the 7th cell, a time limit in the 7th cell, 长期坚持 in the units column', () => {
  assert.equal(task(33).timeLimit, '重大行政决策向社会公开征求意见的，征求意见期限不少于30日');
  assert.equal(task(33).unitsText, task(32).unitsText);
  assert.equal(task(34).unitsText, '各镇、街道，区政府各部门单位');
  assert.equal(task(53).timeLimit, '长期坚持');
  assert.equal(task(53).unitsText, '各镇、街道，区政府各部门单位');
  const result = parse(
    '1\t紧扣提高实效深化公开\t推进政策精细化解读\t做好甲项工作，按时完成\t区财政局\t长期坚持\t',
    '2\t\t\t做好乙项工作，按时完成\t\t\t区民政局、区人社局',
    '3\t\t\t做好丙项工作，按时完成\t\t\t年底前',
  );
  assert.deepEqual(result.tasks.map((t) => [t.unitsText, t.timeLimit]), [
    ['区财政局', '长期坚持'], ['区民政局、区人社局', '长期坚持'], ['区民政局、区人社局', '年底前'],
  ]);
});

test('words broken by spaces are joined; Latin words keep their spaces', () => {
  assert.equal(task(10).unitsText, '各镇、街道，区政府各部门单位');
  assert.equal(task(11).units[1].name, '有关职能部门');
  assert.match(task(25).requirement, /中小学校/);
  assert.equal(task(30).units[1].name, '临淄生态环境分局');
  assert.match(task(6).requirement, /资金使用情况 and 分配结果$/);
  assert.equal(task(2).timeLimit, '信息形成或者变更之日起20个工作日内公开，行政处罚信息于处罚结果作出后7个工作日内公开');
});

test('rows 50 and 53 lack the area cell: the area continues', () => {
  assert.equal(task(50).area, '规范开展政府信息公开');
  assert.equal(task(50).requirement.slice(0, 8), '认真执行政府信息');
  assert.equal(task(50).unitsText, '区司法局');
  assert.equal(task(53).area, '加强公开平台建设');
  assert.equal(task(53).domain, '紧扣夯实基础深化公开');
});

test('row 60: a domain without an area starts with no area', () => {
  for (const seq of [60, 61, 62, 63]) {
    assert.equal(task(seq).domain, '紧扣任务落实强化保障措施');
    assert.equal(task(seq).area, '');
  }
});

test('row 18: a multi-line time-limit cell, on one line or split over two lines', () => {
  assert.match(task(18).timeLimit, /^保障性安居工程规划建设方案、年度建设计划信息应在方案、计划确定后20个工作日内公开；每月后10个工作日内公开年度计划任务量完成进度/);
  const result = parse(
    '1\t紧扣提高实效深化公开\t做好甲项工作，按时完成\t区住建局\t方案确定后20个工作日内公开；',
    '每月后10个工作日内公开完成进度',
    '2\t\t做好乙项工作，按时完成\t区民政局\t长期坚持',
  );
  assert.equal(result.tasks[0].timeLimit, '方案确定后20个工作日内公开；每月后10个工作日内公开完成进度');
  assert.equal(result.tasks.length, 2);
});

test('a header repeated at a page top is skipped and starts a new page', () => {
  const result = parse(
    '1\t紧扣提高实效深化公开\t做好甲项工作，按时完成\t区财政局\t长期坚持',
    HEADER,
    '2\t紧扣提高实效深化公开\t做好乙项工作，按时完成\t区民政局\t年底前',
  );
  assert.deepEqual(result.tasks.map((t) => t.seq), [1, 2]);
});

test('markdown pipe tables are read like tab-separated ones', () => {
  const result = parsePlanText([
    '| 序号 | 工作任务 | 工作要求 | 责任单位 | 时限要求 |', '|---|---|---|---|---|',
    '| 1 | 紧扣提高实效深化公开 | 做好甲项工作，按时完成 | 区财政局牵头，有关职能部门落实 | 长期坚持 |',
    '| 2 |  | 做好乙项工作，按时完成 |  | 年底前 |',
  ].join('\n'));
  assert.deepEqual(result.tasks.map((t) => [t.domain, t.unitsText, t.timeLimit]), [
    ['紧扣提高实效深化公开', '区财政局牵头，有关职能部门落实', '长期坚持'], ['紧扣提高实效深化公开', '区财政局牵头，有关职能部门落实', '年底前'],
  ]);
});

test('duplicate 序号 and stray lines become warnings', () => {
  const result = parse(
    '1\t紧扣提高实效深化公开\t做好甲项工作，按时完成\t区财政局\t长期坚持',
    '1\t\t做好重复的工作，按时完成\t\t',
    '',
    '\t\t没有序号的一行，内容很多\t\t',
    '2\t\t做好乙项工作，按时完成\t\t',
  );
  assert.deepEqual(result.tasks.map((t) => t.seq), [1, 2]);
  assert.ok(result.warnings.some((w) => w.row === 1 && /重复/.test(w.message)));
  assert.ok(result.warnings.some((w) => /不以序号开头/.test(w.message)));
});
