import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CalendarError } from './calendar-error.js';
import {
  civilFromDay, dayFromCivil, daysInMonth, formatIsoDate, isIsoDate, lastDayOfMonth, lastDayOfQuarter, parseIsoDate,
  tryParseIsoDate, weekday, weekdayName,
} from './iso-date.js';

test('parses strict YYYY-MM-DD into UTC day numbers', () => {
  assert.equal(parseIsoDate('1970-01-01'), 0);
  assert.equal(parseIsoDate('2022-06-23'), Date.UTC(2022, 5, 23) / 86_400_000);
  assert.equal(parseIsoDate('2024-02-29'), Date.UTC(2024, 1, 29) / 86_400_000);
});

test('rejects anything else with a Chinese message', () => {
  const cases: readonly [unknown, RegExp][] = [
    ['2022-02-30', /不存在/], ['2023-02-29', /不存在/], ['2022-13-01', /不存在/], ['2022-00-10', /不存在/],
    ['2022/6/23', /格式无效/], ['2022-6-23', /格式无效/], ['2022-06-23T00:00:00Z', /格式无效/], ['２０２２-06-23', /格式无效/],
    ['', /为空/], ['   ', /为空/], [null, /为空/], [20220623, /为空/], ['0000-01-01', /不存在/],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => parseIsoDate(input), (e: unknown) => e instanceof CalendarError && e.code === 'INVALID_DATE' && message.test(e.message), String(input));
    assert.equal(isIsoDate(input), false);
  }
  assert.equal(tryParseIsoDate('2022-02-30'), null);
  assert.throws(() => parseIsoDate('x', '收到申请日期'), /收到申请日期格式无效/);
});

test('format and parse round-trip and agree with Date', () => {
  fc.assert(fc.property(fc.integer({ min: dayFromCivil(1, 1, 1), max: dayFromCivil(9999, 12, 31) }), (day) => {
    const text = formatIsoDate(day);
    const asDate = new Date(day * 86_400_000);
    return parseIsoDate(text) === day && (asDate.getUTCFullYear() < 1000 || text === asDate.toISOString().slice(0, 10)) && weekday(day) === asDate.getUTCDay();
  }));
});

test('civil date helpers', () => {
  assert.deepEqual(civilFromDay(parseIsoDate('2000-02-29')), { year: 2000, month: 2, day: 29 });
  assert.equal(daysInMonth(1900, 2), 28);
  assert.equal(daysInMonth(2000, 2), 29);
  assert.equal(weekdayName(parseIsoDate('2022-06-23')), '星期四');
  assert.equal(formatIsoDate(lastDayOfMonth(parseIsoDate('2022-11-05'))), '2022-11-30');
  assert.equal(formatIsoDate(lastDayOfQuarter(parseIsoDate('2022-11-05'))), '2022-12-31');
  assert.equal(formatIsoDate(parseIsoDate('2022-12-31') + 1), '2023-01-01');
});
