import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LocalOverrideError } from './calendar-error.js';
import type { LocalOverride } from './calendar-types.js';
import { loadDefaultCalendar, loadDefaultCalendarData } from './default-calendar.js';
import { applyLocalOverrides } from './local-overrides.js';
import { WorkingCalendar } from './working-calendar.js';

const national = loadDefaultCalendarData();
const HUBEI: LocalOverride = {
  from: '2020-02-03', to: '2020-02-13', kind: 'off', name: '春节延长假期', region: '湖北省',
  source: '湖北省人民政府关于延迟企业复工和学校开学的通知',
};

test('a province can extend a holiday on top of the national schedule', () => {
  const cal = loadDefaultCalendar({ overrides: [HUBEI] });
  assert.equal(cal.isWorkingDay('2020-02-03'), false);
  assert.equal(cal.isWorkingDay('2020-02-13'), false);
  assert.equal(cal.addWorkingDays('2020-01-23', 1), '2020-02-14');
  const x = cal.explainAddWorkingDays('2020-01-23', 1);
  assert.equal(x.skipped.find((s) => s.date === '2020-02-10')?.reason, '春节延长假期');
  assert.equal(x.skipped.find((s) => s.date === '2020-01-28')?.reason, '春节');
});

test('an override replaces the national entry for its date and keeps its region and source', () => {
  const data = applyLocalOverrides(national, [
    { from: '2022-01-29', kind: 'off', name: '区级调整休息', source: '临淄区通知', region: '临淄区' },
    { from: '2022-10-07', kind: 'work', name: '区级安排上班', source: '临淄区通知' },
  ]);
  const cal = WorkingCalendar.fromData(data);
  assert.equal(cal.isWorkingDay('2022-01-29'), false);
  assert.equal(cal.isWorkingDay('2022-10-07'), true);
  assert.deepEqual(data.entries.find((e) => e.date === '2022-01-29'), {
    date: '2022-01-29', kind: 'off', name: '区级调整休息', year: 2022, source: '临淄区通知', region: '临淄区',
  });
  assert.equal(data.entries.filter((e) => e.date === '2022-01-29').length, 1);
  assert.equal(data.entries.length, national.entries.length + 0, 'two national entries replaced, none added');
});

test('bad overrides are all reported and nothing is applied', () => {
  const before = JSON.stringify(national);
  const bad: LocalOverride[] = [
    { from: '2022-02-30', kind: 'off', name: 'x', source: 's' },
    { from: '2022-06-23', kind: 'work', name: '上班', source: 's' },
    { from: '2022-07-01', to: '2022-07-03', kind: 'off', name: '区庆', source: 's' },
    { from: '2022-07-02', kind: 'off', name: '重复', source: 's' },
    { from: '2022-08-01', kind: 'off', name: '', source: '' },
    { from: '2022-09-05', to: '2022-09-01', kind: 'off', name: 'x', source: 's' },
  ];
  assert.throws(() => applyLocalOverrides(national, bad), (err: unknown) => {
    assert.ok(err instanceof LocalOverrideError);
    assert.equal(err.code, 'INVALID_LOCAL_OVERRIDE');
    assert.deepEqual(err.problems.map((p) => p.index), [1, 2, 4, 5, 5, 6]);
    assert.match(err.problems[1].message, /星期四，本来就是工作日/);
    assert.match(err.problems[2].message, /已在第3条中调整过/);
    return true;
  });
  assert.equal(JSON.stringify(national), before);
});

test('no overrides returns the same schedule', () => {
  assert.deepEqual(applyLocalOverrides(national, []), national);
});
