import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parsePlanText } from './plan-text-parser.js';
import { PlanParseError } from './plan-errors.js';
import type { ParsedPlan, PlanTask } from './plan-types.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const seedText = fixture('linzi-2022.txt');
type GoldenTask = PlanTask & { notes?: string };
type Golden = Omit<ParsedPlan, 'tasks'> & { tasks: GoldenTask[]; decisions: string[] };
const golden = JSON.parse(fixture('linzi-2022.golden.json')) as Golden;
const parsed = parsePlanText(seedText);

test('golden: all 63 tasks of the 2022 Linzi plan match the hand-checked parse', () => {
  assert.equal(golden.tasks.length, 63);
  const expected = golden.tasks.map(({ notes: _notes, ...task }) => task);
  assert.equal(parsed.tasks.length, expected.length);
  for (const [i, task] of parsed.tasks.entries()) assert.deepEqual(task, expected[i], `task ${i + 1}`);
});

test('golden: plan metadata, lead duties, ledger columns and warnings', () => {
  assert.deepEqual(parsed.plan, golden.plan);
  assert.deepEqual(parsed.leadDuties, golden.leadDuties);
  assert.deepEqual(parsed.ledgerColumns, golden.ledgerColumns);
  assert.deepEqual(parsed.warnings, golden.warnings);
});

test('plan metadata of the seed', () => {
  assert.equal(parsed.plan.docNumber, '临政办字〔2022〕16号');
  assert.equal(parsed.plan.title, '2022年临淄区政务公开工作方案');
  assert.equal(parsed.plan.issuer, '临淄区人民政府办公室');
  assert.equal(parsed.plan.issuedOn, '2022-06-23');
  assert.equal(parsed.plan.year, 2022);
});

test('附件2: an empty unit cell means the department above', () => {
  assert.equal(parsed.leadDuties.length, 13);
  assert.deepEqual(parsed.leadDuties.filter((d) => d.unit === '区司法局').map((d) => d.content),
    ['行政执法相关信息', '证明事项有关信息', '行政规范性文件', '重大行政决策相关信息']);
  assert.equal(parsed.leadDuties[2].unit, '区发改局');
});

test('附件3: ledger columns with the wrapped 单位分管 领导 repaired', () => {
  assert.deepEqual(parsed.ledgerColumns, ['序号', '工作任务', '工作举措', '时限要求', '单位分管领导', '责任科室']);
});

const rejects = (text: string, code: string, message: RegExp) => {
  assert.throws(() => parsePlanText(text), (e: unknown) => {
    assert.ok(e instanceof PlanParseError);
    assert.equal(e.code, code);
    assert.equal(e.kind, 'invalid');
    assert.match(e.message, message);
    return true;
  });
};

test('bad input: empty or blank text says a plan with a task table was expected', () => {
  rejects('', 'plan_empty', /内容为空.*附件1任务分解表/);
  rejects(' \n\t\n\ufeff', 'plan_empty', /表头应包含：序号、工作任务、工作要求、责任单位、时限要求/);
});

test('bad input: unrelated text and a plan body without its table', () => {
  rejects('今天天气很好。\n我们去公园散步吧。', 'plan_no_task_table', /未找到附件1任务分解表/);
  const bodyOnly = seedText.slice(0, seedText.indexOf('附件 1'));
  rejects(bodyOnly, 'plan_no_task_table', /未找到附件1任务分解表/);
  rejects('name\tage\nAlice\t30\n', 'plan_no_task_table', /序号、工作任务/);
});

test('bad input: a header with no numbered rows', () => {
  rejects('序号\t工作任务\t工作要求\t责任单位\t时限要求\n\n正文继续。\n', 'plan_no_tasks', /没有可识别的任务行/);
});

test('a row that cannot be parsed is a warning with its row number; the rest is parsed', () => {
  const text = [
    '序号\t工作任务\t工作要求\t责任单位\t时限要求',
    '1\t紧扣提高实效深化公开\t做好政策解读，确保同步发布\t区司法局\t长期坚持',
    '2\t\t\t\t',
    '3\t\t加强平台建设，确保安全运行\t区政府办公室\t年底前',
  ].join('\n');
  const result = parsePlanText(text);
  assert.deepEqual(result.tasks.map((t) => t.seq), [1, 3]);
  assert.ok(result.warnings.some((w) => w.row === 2 && /没有工作要求/.test(w.message)));
  assert.ok(result.warnings.some((w) => w.row === 3 && /序号不连续/.test(w.message)));
});
