import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CalendarError } from './calendar-error.js';
import { loadDefaultCalendar } from './default-calendar.js';
import { WorkingCalendar } from './working-calendar.js';

const cal = loadDefaultCalendar();

const throwsCode = (fn: () => unknown, code: string): void => {
  assert.throws(fn, (err: unknown) => err instanceof CalendarError && err.code === code && /[\u4e00-\u9fff]/.test(err.message));
};

// Worked examples, counted by hand from domain.md §3 (start day never counts).
const EXAMPLES: readonly [string, string, number, string][] = [
  ['make-up Saturday right after a Friday (Spring Festival 2022)', '2022-01-28', 1, '2022-01-29'],
  ['across Spring Festival 2022: 1/29, 1/30 make-up, 1/31–2/6 off', '2022-01-28', 3, '2022-02-07'],
  ['across the year end: 2022-12-31 is off under the 2023 notice', '2022-12-20', 10, '2023-01-04'],
  ['across Spring Festival 2023 with two make-up days', '2023-01-19', 5, '2023-01-31'],
  ['art. 26: 20 working days from the plan date 2022-06-23', '2022-06-23', 20, '2022-07-21'],
  ['art. 33: request received 2022-09-28, 国庆 with make-up 10/8 and 10/9', '2022-09-28', 20, '2022-10-31'],
  ['art. 30: 补正 notice within 7 working days of 2024-02-08 (Spring Festival, 2/18 make-up)', '2024-02-08', 7, '2024-02-23'],
  ['art. 32: third party 15 working days from 2025-09-26 (国庆节、中秋节 8 days)', '2025-09-26', 15, '2025-10-23'],
  ['policy interpretation 3 working days after 2024-04-03 (清明, 4/7 make-up)', '2024-04-03', 3, '2024-04-09'],
  ['行政处罚 7 working days after 2023-04-28 (劳动节, 5/6 make-up)', '2023-04-28', 7, '2023-05-11'],
  ['2020: the extended Spring Festival; the 2/1 make-up day was cancelled', '2020-01-23', 1, '2020-02-03'],
  ['2026: make-up Saturday before Spring Festival', '2026-02-13', 1, '2026-02-14'],
  ['2026: nine days of Spring Festival', '2026-02-14', 1, '2026-02-24'],
  ['start on a day off counts from the next working day', '2022-10-03', 1, '2022-10-08'],
];

for (const [why, start, n, due] of EXAMPLES) {
  test(`addWorkingDays(${start}, ${n}) = ${due}: ${why}`, () => {
    assert.equal(cal.addWorkingDays(start, n), due);
    assert.equal(cal.workingDaysBetween(start, due), n);
    assert.equal(cal.explainAddWorkingDays(start, n).due, due);
  });
}

test('explainAddWorkingDays lists counted and skipped days with reasons', () => {
  const x = cal.explainAddWorkingDays('2022-01-28', 3);
  assert.deepEqual(x.counted, [
    { date: '2022-01-29', ordinal: 1 },
    { date: '2022-01-30', ordinal: 2 },
    { date: '2022-02-07', ordinal: 3 },
  ]);
  assert.deepEqual(x.skipped.map((s) => s.date), ['2022-01-31', '2022-02-01', '2022-02-02', '2022-02-03', '2022-02-04', '2022-02-05', '2022-02-06']);
  assert.ok(x.skipped.every((s) => s.reason === '春节'), 'weekend days inside the holiday are named by the holiday');
  assert.deepEqual(x.warnings, []);
  const plain = cal.explainAddWorkingDays('2022-06-24', 1);
  assert.deepEqual(plain.skipped, [{ date: '2022-06-25', reason: '周末' }, { date: '2022-06-26', reason: '周末' }]);
  assert.equal(cal.explainAddWorkingDays('2022-10-08', 2).skipped.length, 0);
});

test('a year without data computes on weekends only and says so', () => {
  const x = cal.explainAddWorkingDays('2026-12-25', 5);
  assert.equal(x.due, '2027-01-01');
  assert.deepEqual(x.warnings, ['2027年节假日安排尚未录入']);
  assert.equal(cal.isWorkingDay('2027-01-01'), true);
  assert.equal(cal.isWorkingDay('2027-01-02'), false);
  assert.deepEqual(cal.dataWarnings('2019-12-30', '2020-01-02'), ['2019年节假日安排尚未录入']);
  assert.deepEqual(cal.explainAddWorkingDays('2027-03-01', 0).warnings, ['2027年节假日安排尚未录入']);
  assert.equal(cal.hasDataFor(2026), true);
  assert.equal(cal.hasDataFor(2027), false);
});

test('n = 0 returns the start date itself, even on a day off', () => {
  assert.equal(cal.addWorkingDays('2022-10-01', 0), '2022-10-01');
  assert.deepEqual(cal.explainAddWorkingDays('2022-10-01', 0), { due: '2022-10-01', counted: [], skipped: [], warnings: [] });
});

test('workingDaysBetween counts (a, b] and is antisymmetric', () => {
  assert.equal(cal.workingDaysBetween('2022-01-28', '2022-02-07'), 3);
  assert.equal(cal.workingDaysBetween('2022-02-07', '2022-01-28'), -3);
  assert.equal(cal.workingDaysBetween('2022-01-28', '2022-01-28'), 0);
  assert.equal(cal.workingDaysBetween('2022-01-31', '2022-02-06'), 0);
  // 2022: 260 weekdays − 18 weekdays off + 7 make-up days.
  assert.equal(cal.workingDaysBetween('2021-12-31', '2022-12-31'), 249);
});

test('bad input throws typed errors with Chinese messages', () => {
  for (const bad of ['2022-02-30', '2022/6/23', '', '2022-6-23', '20220623', ' 2022-06-23']) throwsCode(() => cal.addWorkingDays(bad, 1), 'INVALID_DATE');
  throwsCode(() => cal.isWorkingDay(undefined as unknown as string), 'INVALID_DATE');
  for (const n of [-1, 1.5, 3651, Number.NaN, Number.POSITIVE_INFINITY]) throwsCode(() => cal.addWorkingDays('2022-06-23', n), 'INVALID_DAY_COUNT');
  throwsCode(() => cal.addWorkingDays('2022-06-23', '20' as unknown as number), 'INVALID_DAY_COUNT');
  throwsCode(() => cal.isWorkingDay('1999-12-31'), 'DATE_OUT_OF_RANGE');
  throwsCode(() => cal.addWorkingDays('2100-12-30', 5), 'DATE_OUT_OF_RANGE');
  throwsCode(() => cal.addCalendarDays('2100-12-30', 5), 'DATE_OUT_OF_RANGE');
  throwsCode(() => cal.addCalendarDays('2022-01-01', 0.5), 'INVALID_DAY_COUNT');
  assert.equal(cal.addWorkingDays('2022-06-23', 3650) > '2036-01-01', true);
});

test('calendar arithmetic helpers', () => {
  assert.equal(cal.addCalendarDays('2022-06-23', 30), '2022-07-23');
  assert.equal(cal.addCalendarDays('2024-03-01', -1), '2024-02-29');
  assert.equal(cal.endOfMonth('2024-02-10'), '2024-02-29');
  assert.equal(cal.endOfMonth('2023-02-10'), '2023-02-28');
  assert.equal(cal.endOfQuarter('2022-08-15'), '2022-09-30');
  assert.equal(cal.endOfQuarter('2022-01-01'), '2022-03-31');
  assert.equal(cal.endOfYear('2022-06-23'), '2022-12-31');
  assert.deepEqual(cal.range, { from: '2000-01-01', to: '2100-12-31' });
});

test('describeDay tells why a day is or is not a working day', () => {
  assert.deepEqual(cal.describeDay('2022-01-29'), { date: '2022-01-29', working: true, status: 'makeUp', weekday: '星期六', label: '春节调休上班' });
  assert.deepEqual(cal.describeDay('2022-02-01'), { date: '2022-02-01', working: false, status: 'off', weekday: '星期二', label: '春节' });
  assert.equal(cal.describeDay('2022-06-25').label, '周末');
  assert.equal(cal.describeDay('2022-06-24').status, 'workday');
});

test('a calendar built from entries directly: later entries win, years list is kept', () => {
  const c = new WorkingCalendar(
    [
      { date: '2030-01-07', kind: 'off', name: '测试假日', year: 2030, source: 'test' },
      { date: '2030-01-07', kind: 'work', name: '改为上班', year: 2030, source: 'test' },
      { date: '2030-01-08', kind: 'off', name: '测试假日', year: 2030, source: 'test' },
    ],
    [2030],
    { from: '2030-01-01', to: '2030-12-31' },
  );
  assert.equal(c.isWorkingDay('2030-01-07'), true);
  assert.equal(c.isWorkingDay('2030-01-08'), false);
  assert.deepEqual(c.yearsWithData, [2030]);
  assert.equal(c.addWorkingDays('2030-01-04', 2), '2030-01-09');
  assert.equal(c.addWorkingDaysToDay(Date.UTC(2030, 0, 4) / 86_400_000, 2), Date.UTC(2030, 0, 9) / 86_400_000);
  throwsCode(() => c.isWorkingDay('2031-01-01'), 'DATE_OUT_OF_RANGE');
});
