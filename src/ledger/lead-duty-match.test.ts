// 附件2 lead duties → 附件1 tasks, on the real Linzi 2022 plan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dutyTaskMap, dutyTerms, matchDutyToTasks } from './lead-duty-match.js';
import { linziPlan } from './ledger-fixtures.js';

const plan = linziPlan();
const tasks = plan.tasks.map((t) => ({ id: t.seq, requirement: t.requirement, sub_area: t.subArea ?? '' }));
const match = (content: string) => matchDutyToTasks(content, tasks);

test('key terms: quotes, brackets and generic endings removed, split at 、', () => {
  assert.deepEqual(dutyTerms('“双随机、一公开”监管相关信息'), ['双随机', '一公开监管']);
  assert.deepEqual(dutyTerms('重大行政决策相关信息'), ['重大行政决策']);
  assert.deepEqual(dutyTerms('年度十大重大民生实项目进展情况'), ['年度十大重大民生实项目']);
  assert.deepEqual(dutyTerms('信息'), ['信息'], 'never cut to nothing');
});

test('the Linzi plan: each duty finds the tasks that name its content', () => {
  assert.deepEqual(match('权责清单'), [31]);
  assert.deepEqual(match('规划计划'), [4], '各类规划（计划）');
  assert.deepEqual(match('“双随机、一公开”监管相关信息'), [11]);
  assert.deepEqual(match('行政规范性文件'), [36, 40]);
  assert.deepEqual(match('重大行政决策相关信息'), [32, 33]);
  assert.deepEqual(match('应急预案'), [], 'no task names it: the admin maps it by hand');
});

test('admin corrections win over the automatic match', () => {
  const duties = [{ id: 1, content: '行政规范性文件' }, { id: 2, content: '应急预案' }];
  const m = dutyTaskMap(duties, tasks, [{ duty_id: 1, task_id: 40, mode: 'remove' }, { duty_id: 2, task_id: 14, mode: 'add' }]);
  assert.deepEqual(m.get(1)!.taskIds, [36]);
  assert.deepEqual([...m.get(1)!.auto].sort(), [36, 40]);
  assert.deepEqual(m.get(2)!.taskIds, [14]);
});
