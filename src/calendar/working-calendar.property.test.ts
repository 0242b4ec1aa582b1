import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadDefaultCalendar, loadDefaultCalendarData } from './default-calendar.js';
import { dayFromCivil, formatIsoDate } from './iso-date.js';
import { pauseClock, resumeClock, startClock } from './request-clock.js';

const cal = loadDefaultCalendar();
const data = loadDefaultCalendarData();
const offs = new Set(data.entries.filter((e) => e.kind === 'off').map((e) => e.date));
const works = new Set(data.entries.filter((e) => e.kind === 'work').map((e) => e.date));

/** Reference implementation: walk day by day with Date. Slow and obviously right. */
function naiveAdd(start: string, n: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const iso = d.toISOString().slice(0, 10);
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    if (works.has(iso) || (!offs.has(iso) && !weekend)) left--;
  }
  return d.toISOString().slice(0, 10);
}

const FIRST = dayFromCivil(2020, 1, 1);
const LAST = dayFromCivil(2026, 12, 31);
const date = fc.integer({ min: FIRST, max: LAST }).map(formatIsoDate);
const days = fc.integer({ min: 1, max: 40 });

test('addWorkingDays(d, n) is a working day', () => {
  fc.assert(fc.property(date, fc.integer({ min: 1, max: 400 }), (d, n) => cal.isWorkingDay(cal.addWorkingDays(d, n))));
});

test('workingDaysBetween(d, addWorkingDays(d, n)) === n', () => {
  fc.assert(fc.property(date, fc.integer({ min: 0, max: 400 }), (d, n) => cal.workingDaysBetween(d, cal.addWorkingDays(d, n)) === n));
});

test('addWorkingDays is strictly increasing in n and never before the start', () => {
  fc.assert(fc.property(date, days, days, (d, a, b) => {
    fc.pre(a !== b);
    const [lo, hi] = a < b ? [a, b] : [b, a];
    const x = cal.addWorkingDays(d, lo);
    return d < x && x < cal.addWorkingDays(d, hi);
  }));
});

test('addWorkingDays agrees with a naive day-by-day walk', () => {
  fc.assert(fc.property(date, days, (d, n) => cal.addWorkingDays(d, n) === naiveAdd(d, n)), { numRuns: 2000 });
});

test('addWorkingDays(addWorkingDays(d, a), b) === addWorkingDays(d, a + b) when d is a working day', () => {
  fc.assert(fc.property(date, days, days, (d, a, b) => {
    fc.pre(cal.isWorkingDay(d));
    return cal.addWorkingDays(cal.addWorkingDays(d, a), b) === cal.addWorkingDays(d, a + b);
  }));
});

test('explainAddWorkingDays covers every day in (start, due] exactly once', () => {
  fc.assert(fc.property(date, days, (d, n) => {
    const x = cal.explainAddWorkingDays(d, n);
    const all = [...x.counted.map((c) => c.date), ...x.skipped.map((s) => s.date)].sort();
    const expected: string[] = [];
    for (let i = 1; i <= cal.workingDaysBetween(d, x.due) + x.skipped.length; i++) expected.push(cal.addCalendarDays(d, i));
    return x.counted.length === n && x.counted.every((c, i) => c.ordinal === i + 1) && all.join() === expected.join() && all[all.length - 1] === x.due;
  }));
});

test('pausing and resuming never shortens a request clock', () => {
  fc.assert(fc.property(date, fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }),
    (received, pauseAfter, pauseLength, pause2After, pause2Length) => {
      const s0 = startClock(cal, received);
      const due0 = s0.due ?? '';
      const p1 = cal.addCalendarDays(received, pauseAfter);
      fc.pre(p1 <= due0);
      const s1 = resumeClock(cal, pauseClock(cal, s0, p1), cal.addCalendarDays(p1, pauseLength));
      assert.ok((s1.due ?? '') >= due0, `${s1.due} < ${due0}`);
      const p2 = cal.addCalendarDays(s1.events[s1.events.length - 1].on, pause2After);
      if (p2 > (s1.due ?? '')) return true;
      const s2 = resumeClock(cal, pauseClock(cal, s1, p2), cal.addCalendarDays(p2, pause2Length));
      return (s2.due ?? '') >= (s1.due ?? '');
    }));
});

test('a pause and resume on the same day leaves the due date unchanged', () => {
  fc.assert(fc.property(date, fc.integer({ min: 0, max: 25 }), (received, after) => {
    const s0 = startClock(cal, received);
    const p = cal.addCalendarDays(received, after);
    fc.pre(p <= (s0.due ?? ''));
    return resumeClock(cal, pauseClock(cal, s0, p), p).due === s0.due;
  }));
});
