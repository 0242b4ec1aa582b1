import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CalendarError } from './calendar-error.js';
import { loadDefaultCalendar } from './default-calendar.js';
import {
  closeClock, extendClock, pauseClock, remainingWorkingDays, requestClock, restartClock, resumeClock, startClock,
} from './request-clock.js';

const cal = loadDefaultCalendar();
const clock = requestClock(cal);

const throwsCode = (fn: () => unknown, code: string): void => {
  assert.throws(fn, (e: unknown) => e instanceof CalendarError && e.code === code && /[\u4e00-\u9fff]/.test(e.message));
};

test('start: reply due on the 20th working day after receipt (art. 33)', () => {
  const s = clock.start('2022-09-28');
  assert.equal(s.due, '2022-10-31');
  assert.equal(s.status, 'running');
  assert.equal(clock.remaining(s), 20);
  assert.equal(clock.remaining(s, '2022-10-10'), 15);
  assert.deepEqual(s.events, [{ type: 'start', on: '2022-09-28', due: '2022-10-31', remaining: 20, days: 20 }]);
  assert.equal(clock.start('2022-09-28', 7).due, cal.addWorkingDays('2022-09-28', 7));
});

test('pause for third-party consultation, resume with the remaining working days (art. 33 ¶3)', () => {
  const s0 = startClock(cal, '2024-03-01');
  assert.equal(s0.due, '2024-03-29');
  const s1 = pauseClock(cal, s0, '2024-03-08');
  assert.equal(s1.status, 'paused');
  assert.equal(s1.due, null);
  assert.equal(remainingWorkingDays(cal, s1), 15);
  assert.equal(clock.due(s1), null);
  // 15 working days from 2024-04-03: 清明 4/4–6 off, 4/7 make-up Sunday is day 1.
  const s2 = resumeClock(cal, s1, '2024-04-03');
  assert.equal(s2.due, '2024-04-25');
  assert.equal(s2.status, 'running');
  assert.deepEqual(s2.events.map((e) => [e.type, e.on, e.due, e.remaining]), [
    ['start', '2024-03-01', '2024-03-29', 20],
    ['pause', '2024-03-08', null, 15],
    ['resume', '2024-04-03', '2024-04-25', 15],
  ]);
});

test('restart: a corrected request (补正) restarts the full period from its receipt (art. 30)', () => {
  const s0 = startClock(cal, '2023-01-03');
  const s1 = restartClock(cal, s0, '2023-01-10');
  assert.equal(s1.due, '2023-02-10');
  assert.equal(s1.periodStart, '2023-01-10');
  assert.equal(s1.restarted, true);
  // The corrected request may arrive after the original due date.
  assert.equal(restartClock(cal, startClock(cal, '2023-01-03'), '2023-03-01').due, cal.addWorkingDays('2023-03-01', 20));
  throwsCode(() => restartClock(cal, s1, '2023-01-12'), 'CLOCK_ALREADY_RESTARTED');
});

test('extend: once, at most 20 working days after the current deadline, decided in time', () => {
  const s0 = startClock(cal, '2022-09-28');
  const s1 = extendClock(cal, s0, '2022-10-25');
  assert.equal(s1.due, cal.addWorkingDays('2022-10-31', 20));
  assert.equal(s1.due, '2022-11-28');
  assert.equal(s1.extendedBy, 20);
  assert.equal(extendClock(cal, s0, '2022-10-31', 5).due, '2022-11-07');
  throwsCode(() => extendClock(cal, s1, '2022-10-26'), 'CLOCK_ALREADY_EXTENDED');
  throwsCode(() => extendClock(cal, s0, '2022-10-25', 21), 'INVALID_DAY_COUNT');
  throwsCode(() => extendClock(cal, s0, '2022-10-25', 0), 'INVALID_DAY_COUNT');
  throwsCode(() => extendClock(cal, s0, '2022-11-01'), 'CLOCK_OVERDUE');
  throwsCode(() => restartClock(cal, s1, '2022-10-26'), 'CLOCK_ILLEGAL_TRANSITION');
});

test('close records the outcome and whether the reply was on time', () => {
  const s0 = startClock(cal, '2022-09-28');
  const done = closeClock(cal, s0, '2022-10-31', 'replied');
  assert.equal(done.status, 'closed');
  assert.equal(done.onTime, true);
  assert.equal(remainingWorkingDays(cal, done), 0);
  assert.equal(closeClock(cal, s0, '2022-11-01', 'replied').onTime, false);
  assert.equal(closeClock(cal, pauseClock(cal, s0, '2022-10-10'), '2022-12-01', 'withdrawn').onTime, true);
  for (const next of [
    () => pauseClock(cal, done, '2022-11-02'), () => resumeClock(cal, done, '2022-11-02'),
    () => restartClock(cal, done, '2022-11-02'), () => extendClock(cal, done, '2022-11-02'),
    () => closeClock(cal, done, '2022-11-02', 'replied'),
  ]) throwsCode(next, 'CLOCK_ILLEGAL_TRANSITION');
});

test('illegal transitions and bad dates throw typed errors', () => {
  const s0 = startClock(cal, '2022-09-28');
  const paused = pauseClock(cal, s0, '2022-10-10');
  throwsCode(() => resumeClock(cal, s0, '2022-10-10'), 'CLOCK_ILLEGAL_TRANSITION');
  throwsCode(() => pauseClock(cal, paused, '2022-10-11'), 'CLOCK_ILLEGAL_TRANSITION');
  throwsCode(() => extendClock(cal, paused, '2022-10-11'), 'CLOCK_ILLEGAL_TRANSITION');
  throwsCode(() => restartClock(cal, paused, '2022-10-11'), 'CLOCK_ILLEGAL_TRANSITION');
  throwsCode(() => resumeClock(cal, paused, '2022-10-09'), 'CLOCK_DATE_ORDER');
  throwsCode(() => pauseClock(cal, s0, '2022-09-27'), 'CLOCK_DATE_ORDER');
  throwsCode(() => pauseClock(cal, s0, '2022-11-01'), 'CLOCK_OVERDUE');
  throwsCode(() => pauseClock(cal, s0, '2022/10/10'), 'INVALID_DATE');
  throwsCode(() => startClock(cal, '2022-02-30'), 'INVALID_DATE');
  throwsCode(() => startClock(cal, '2022-09-28', 0), 'INVALID_DAY_COUNT');
  throwsCode(() => startClock(cal, '2022-09-28', 2.5), 'INVALID_DAY_COUNT');
});

test('states are immutable; transitions return new states', () => {
  const s0 = startClock(cal, '2022-09-28');
  const s1 = pauseClock(cal, s0, '2022-10-10');
  assert.ok(Object.isFrozen(s0) && Object.isFrozen(s0.events) && Object.isFrozen(s0.events[0]));
  assert.equal(s0.status, 'running');
  assert.equal(s0.events.length, 1);
  assert.notEqual(s0, s1);
  assert.throws(() => { (s0.events as unknown[]).push({}); }, TypeError);
});

test('a clock running into a year without data warns', () => {
  const s = startClock(cal, '2026-12-15');
  assert.deepEqual(s.warnings, ['2027年节假日安排尚未录入']);
  assert.deepEqual(startClock(cal, '2022-09-28').warnings, []);
  const longPause = resumeClock(cal, pauseClock(cal, startClock(cal, '2026-11-02'), '2026-11-10'), '2027-02-01');
  assert.deepEqual(longPause.warnings, ['2027年节假日安排尚未录入']);
});
