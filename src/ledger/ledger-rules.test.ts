// Due dates, deadlines around days off, and reminder timing, on the shipped 2020–2026 calendar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDefaultCalendar } from '../calendar/default-calendar.js';
import { parseTimeLimit } from '../calendar/deadline-rules.js';
import { DueError, computeDue, effectiveDeadline, reminderFor, storedStatus, workingDaysBefore } from './ledger-rules.js';

const cal = loadDefaultCalendar();
const rules = (text: string) => parseTimeLimit(text, 2022).rules;

test('a deadline on a day off moves to the next working day (国庆节, 元旦, a make-up Saturday counts)', () => {
  assert.equal(effectiveDeadline(cal, '2022-09-30'), '2022-09-30', 'Friday before 国庆节 stays');
  assert.equal(effectiveDeadline(cal, '2022-10-01'), '2022-10-08', '10/8 is a make-up working Saturday');
  assert.equal(effectiveDeadline(cal, '2022-10-05'), '2022-10-08');
  assert.equal(effectiveDeadline(cal, '2022-12-31'), '2023-01-03', '年底前 on a Saturday before 元旦');
  assert.equal(effectiveDeadline(cal, '2022-06-30'), '2022-06-30');
});

test('reminder dates count working days backwards, skipping the holiday', () => {
  assert.equal(workingDaysBefore(cal, '2022-09-30', 3), '2022-09-27');
  assert.equal(workingDaysBefore(cal, '2022-10-08', 3), '2022-09-28', '国庆 10/1–10/7 are not counted');
  assert.equal(workingDaysBefore(cal, '2022-10-08', 1), '2022-09-30');
  assert.equal(workingDaysBefore(cal, '2022-10-10', 1), '2022-10-09', 'a make-up Sunday is a working day');
});

test('which reminder is due on a day: before / due / overdue, around 国庆节', () => {
  const d = '2022-09-30';
  assert.equal(reminderFor(cal, d, '2022-09-26', 3), null);
  assert.equal(reminderFor(cal, d, '2022-09-27', 3), 'before');
  assert.equal(reminderFor(cal, d, '2022-09-29', 3), 'before', 'a missed run catches up');
  assert.equal(reminderFor(cal, d, '2022-09-30', 3), 'due');
  assert.equal(reminderFor(cal, d, '2022-10-01', 3), 'overdue', 'overdue on the first day after, holiday or not');
  assert.equal(reminderFor(cal, '2022-10-08', '2022-10-07', 3), 'before', 'due on the make-up Saturday: not overdue during the holiday');
  assert.equal(reminderFor(cal, '2022-10-08', '2022-10-08', 3), 'due');
  assert.equal(reminderFor(cal, '2022-10-08', '2022-10-09', 3), 'overdue');
  assert.equal(reminderFor(cal, d, '2022-09-29', 0), null, '0 = no advance reminder');
});

test('computeDue: plan date, unit date (not later), start date + working days, none', () => {
  const by = computeDue(rules('2022年9月30日前'), {}, cal);
  assert.deepEqual([by.due_date, by.due_source, by.deadline], ['2022-09-30', 'rule', '2022-09-30']);
  const own = computeDue(rules('2022年9月30日前'), { dueDate: '2022-09-15' }, cal);
  assert.deepEqual([own.due_date, own.due_source], ['2022-09-15', 'manual']);
  assert.throws(() => computeDue(rules('2022年9月30日前'), { dueDate: '2022-10-10' }, cal), (e: DueError) => e.field === 'dueDate' && /不能晚于/.test(e.message));
  const wd = computeDue(rules('信息形成或者变更之日起20个工作日内公开'), { anchorDate: '2022-09-20' }, cal);
  // 9/21–9/30 = 8 days, 国庆 skipped, 10/8 and 10/9 make-up days count, then 10/10 … → 20th is 10/25.
  assert.equal(wd.due_date, cal.addWorkingDays('2022-09-20', 20));
  assert.equal(wd.due_source, 'anchor');
  assert.match(wd.due_note!, /第20个工作日/);
  assert.throws(() => computeDue(rules('长期坚持'), { anchorDate: '2022-09-20' }, cal), (e: DueError) => e.field === 'anchorDate');
  const none = computeDue(rules('长期坚持'), {}, cal);
  assert.equal(none.due_date, null);
  const holiday = computeDue(rules('长期坚持'), { dueDate: '2022-10-03' }, cal);
  assert.equal(holiday.deadline, '2022-10-08');
  assert.match(holiday.due_note!, /顺延至2022-10-08/);
  assert.equal(computeDue(rules('年底前'), {}, cal).deadline, '2023-01-03');
});

test('stored status: 逾期 once the deadline has passed, unless done', () => {
  assert.equal(storedStatus('in_progress', '2022-09-30', '2022-10-01'), 'overdue');
  assert.equal(storedStatus('done', '2022-09-30', '2022-10-01'), 'done');
  assert.equal(storedStatus('not_started', '2022-09-30', '2022-09-30'), 'not_started');
  assert.equal(storedStatus('overdue', '2022-10-08', '2022-10-01'), 'in_progress', 'a later deadline lifts 逾期');
  assert.equal(storedStatus('in_progress', null, '2030-01-01'), 'in_progress');
});
