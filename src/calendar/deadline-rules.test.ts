import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadDefaultCalendar } from './default-calendar.js';
import { parseTimeLimit, resolveRule, rulesForYear, type DeadlineRule } from './deadline-rules.js';
import { SEED_MULTILINE_TIME_LIMITS, SEED_PLAN_YEAR, SEED_TIME_LIMITS } from './seed-time-limits.fixture.js';

const cal = loadDefaultCalendar();

for (const { tasks, text, expected } of [...SEED_TIME_LIMITS, ...SEED_MULTILINE_TIME_LIMITS]) {
  const label = text.includes('\n') ? ' (line breaks)' : '';
  test(`seed plan 附件1 task ${tasks.join(', ')}${label}: parsed without text rules or warnings`, () => {
    const parsed = parseTimeLimit(text, SEED_PLAN_YEAR);
    assert.deepEqual(parsed.rules, expected);
    assert.equal(parsed.rules.filter((r) => r.kind === 'text').length, 0);
    assert.deepEqual(parsed.warnings, []);
  });
}

test('spaces and line breaks anywhere in a seed cell do not change the rules', () => {
  fc.assert(fc.property(
    fc.constantFrom(...SEED_TIME_LIMITS),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(' ', '\n', '\r\n', '\u3000', '  ')), { maxLength: 8 }),
    ({ text, expected }, inserts) => {
      let t = text;
      for (const [at, ws] of inserts) { const i = at % (t.length + 1); t = t.slice(0, i) + ws + t.slice(i); }
      assert.deepEqual(parseTimeLimit(t, SEED_PLAN_YEAR).rules, expected);
    },
  ));
});

test('the contract shapes of the brief', () => {
  const one = (text: string, year = 2022): DeadlineRule[] => parseTimeLimit(text, year).rules;
  assert.deepEqual(one('信息形成或者变更之日起 20 个工作日内公开'), [{ kind: 'workingDays', days: 20, after: '信息形成或者变更之日' }]);
  assert.deepEqual(one('处罚结果作出后7个工作日内'), [{ kind: 'workingDays', days: 7, after: '处罚结果作出' }]);
  assert.deepEqual(one('每月后10个工作日内'), [{ kind: 'workingDays', days: 10, after: '每月', repeat: 'monthly' }]);
  assert.deepEqual(one('不少于30日'), [{ kind: 'minCalendarDays', days: 30 }]);
  assert.deepEqual(one('6月底前', 2023), [{ kind: 'by', date: '2023-06-30', source: '6月底前' }]);
  assert.deepEqual(one('年底前', 2024), [{ kind: 'by', date: '2024-12-31', source: '年底前' }]);
  assert.deepEqual(one('2022年8月 底前', 2023), [{ kind: 'by', date: '2022-08-31', source: '2022年8月底前' }]);
  assert.deepEqual(one('2022 年年底前'), [{ kind: 'by', date: '2022-12-31', source: '2022年年底前' }]);
  assert.deepEqual(one('按季度公开'), [{ kind: 'quarterly' }]);
  assert.deepEqual(one('按月公开'), [{ kind: 'monthly' }]);
  for (const t of ['长期坚持', '长期公示', '长期落实', '常态化开展', '动态调整']) assert.deepEqual(one(t), [{ kind: 'ongoing' }], t);
  assert.deepEqual(one('疫情防控期间'), [{ kind: 'during', condition: '疫情防控期间' }]);
});

test('more date phrases', () => {
  const date = (text: string): string | undefined => {
    const r = parseTimeLimit(text, 2022).rules[0];
    return r?.kind === 'by' ? r.date : undefined;
  };
  assert.equal(date('2月底前'), '2022-02-28');
  assert.equal(date('2024年2月底前'), '2024-02-29');
  assert.equal(date('6月30日前'), '2022-06-30');
  assert.equal(date('十二月底前'), '2022-12-31');
  assert.equal(date('第三季度末前'), '2022-09-30');
  assert.equal(date('上半年完成'), '2022-06-30');
  assert.equal(date('年内完成'), '2022-12-31');
  assert.equal(date('次年3月底前'), '2023-03-31');
  assert.deepEqual(parseTimeLimit('收到申请之日起十五个工作日内', 2022).rules, [{ kind: 'workingDays', days: 15, after: '收到申请之日' }]);
  assert.deepEqual(parseTimeLimit('不得少于三十日', 2022).rules, [{ kind: 'minCalendarDays', days: 30 }]);
});

test('unknown texts become text rules, each with a warning; nothing is dropped', () => {
  const a = parseTimeLimit('尽快 完成', 2022);
  assert.deepEqual(a.rules, [{ kind: 'text', text: '尽快完成' }]);
  assert.equal(a.warnings.length, 1);
  assert.match(a.warnings[0], /未能识别的时限要求「尽快完成」/);
  const b = parseTimeLimit('6月底前，另行通知；视情况而定', 2022);
  assert.deepEqual(b.rules.map((r) => r.kind), ['by', 'text', 'text']);
  assert.equal(b.warnings.length, 2);
  const c = parseTimeLimit('长期坚持，根据实际情况', 2022);
  assert.deepEqual(c.rules, [{ kind: 'ongoing' }, { kind: 'text', text: '根据实际情况' }]);
  const d = parseTimeLimit('13月底前', 2022);
  assert.equal(d.rules[0].kind, 'text');
  assert.ok(d.warnings.some((w) => /月份「13」无效/.test(w)));
  // A shifted 责任单位 cell, as the seed's tasks 10 and 34 show, is not a time limit.
  assert.equal(parseTimeLimit('各镇、街道，区政府各 部门单位', 2022).rules[0].kind, 'text');
  assert.deepEqual(parseTimeLimit('  \n ', 2022), { rules: [], warnings: ['时限要求为空'] });
  assert.throws(() => parseTimeLimit('6月底前', 22), /方案年度应为四位年份/);
  assert.throws(() => rulesForYear([], 2023.5), /新方案年度应为四位年份/);
});

test('a clause with two time expressions keeps the first and warns', () => {
  const r = parseTimeLimit('6月底前完成并长期坚持', 2022);
  assert.deepEqual(r.rules, [{ kind: 'by', date: '2022-06-30', source: '6月底前' }]);
  assert.equal(r.warnings.length, 1);
  assert.ok(parseTimeLimit('2021年底前', 2022).warnings.some((w) => /早于方案年度/.test(w)));
});

test('resolveRule computes due dates where it can', () => {
  const wd20: DeadlineRule = { kind: 'workingDays', days: 20, after: '信息形成或者变更之日' };
  assert.equal(resolveRule(wd20, cal, '2022-06-23').due, '2022-07-21');
  const none = resolveRule(wd20, cal);
  assert.equal(none.due, null);
  assert.match(none.explanation, /需要提供起算日期/);
  // 保障性安居工程: 10 working days after September 2023 (国庆 9/29–10/6, make-up 10/7 and 10/8).
  const monthly = resolveRule({ kind: 'workingDays', days: 10, after: '每月', repeat: 'monthly' }, cal, '2023-09-15');
  assert.equal(monthly.due, '2023-10-18');
  assert.match(monthly.explanation, /2023年9月结束/);
  const comment = resolveRule({ kind: 'minCalendarDays', days: 30 }, cal, '2022-06-23');
  assert.deepEqual([comment.due, comment.earliestEnd], [null, '2022-07-23']);
  assert.equal(resolveRule({ kind: 'by', date: '2022-08-31', source: '2022年8月底前' }, cal).due, '2022-08-31');
  assert.equal(resolveRule({ kind: 'quarterly' }, cal, '2022-05-10').due, '2022-06-30');
  assert.equal(resolveRule({ kind: 'monthly' }, cal, '2024-02-10').due, '2024-02-29');
  assert.equal(resolveRule({ kind: 'quarterly' }, cal).due, null);
  for (const r of [{ kind: 'ongoing' }, { kind: 'during', condition: '疫情防控期间' }] as const) assert.equal(resolveRule(r, cal, '2022-01-01').due, null);
  const text = resolveRule({ kind: 'text', text: '尽快' }, cal);
  assert.equal(text.due, null);
  assert.equal(text.warnings.length, 1);
  assert.deepEqual(resolveRule(wd20, cal, '2026-12-20').warnings, ['2027年节假日安排尚未录入']);
  assert.throws(() => resolveRule(wd20, cal, '2022/06/23'), /格式无效/);
});

test('rulesForYear re-resolves by-dates when a plan is copied to another year', () => {
  const { rules } = parseTimeLimit('长期坚持；6月底前；年底前；2022年8月底前；信息形成或者变更之日起20个工作日内公开', 2022);
  const copied = rulesForYear(rules, 2023);
  assert.deepEqual(copied.rules, [
    { kind: 'ongoing' },
    { kind: 'by', date: '2023-06-30', source: '6月底前' },
    { kind: 'by', date: '2023-12-31', source: '年底前' },
    { kind: 'by', date: '2023-08-31', source: '2023年8月底前' },
    { kind: 'workingDays', days: 20, after: '信息形成或者变更之日' },
  ]);
  assert.equal(copied.warnings.length, 1);
  assert.match(copied.warnings[0], /写明了年份/);
  // With the original plan year given, a phrase that named the following year keeps that offset.
  const next = rulesForYear([{ kind: 'by', date: '2023-03-31', source: '2023年3月底前' }], 2024, 2022);
  assert.deepEqual(next.rules, [{ kind: 'by', date: '2025-03-31', source: '2025年3月底前' }]);
  assert.equal(rulesForYear([{ kind: 'by', date: '2022-05-01' }], 2023).warnings.length, 1);
  assert.deepEqual(rulesForYear([{ kind: 'by', date: '2022-05-01' }], 2023).rules, [{ kind: 'by', date: '2022-05-01' }]);
  assert.deepEqual(rulesForYear(rulesForYear(rules, 2023).rules, 2024).rules[1], { kind: 'by', date: '2024-06-30', source: '6月底前' });
});
