import { test } from 'node:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { CalendarFileError, type CalendarProblem } from './calendar-error.js';
import { parseCalendarFile } from './calendar-file.js';
import { loadDefaultCalendar } from './default-calendar.js';
import { WorkingCalendar } from './working-calendar.js';

const SRC = 'https://www.gov.cn/zhengce/zhengceku/2021-10/25/content_5644835.htm';

/** A project-format file, one entry per line, so expected line numbers are easy to read. */
function projectFile(daysOff: string[], workdays: string[], extraYear = ''): string {
  return [
    '{',
    '  "format": "gongkai-calendar/1",',
    '  "years": [',
    '    {',
    '      "year": 2022,',
    '      "notice": "国务院办公厅关于2022年部分节假日安排的通知",',
    `      "source": "${SRC}",`,
    '      "daysOff": [', // line 8
    ...daysOff.map((d, i) => `        ${d}${i < daysOff.length - 1 ? ',' : ''}`), // from line 9
    '      ],',
    '      "workdays": [',
    ...workdays.map((d, i) => `        ${d}${i < workdays.length - 1 ? ',' : ''}`),
    '      ]',
    `    }${extraYear}`,
    '  ]',
    '}',
  ].join('\n');
}

function problemsOf(text: string): readonly CalendarProblem[] {
  try {
    parseCalendarFile(text);
  } catch (err) {
    assert.ok(err instanceof CalendarFileError, String(err));
    assert.equal(err.code, 'INVALID_CALENDAR_FILE');
    return err.problems;
  }
  assert.fail('expected a CalendarFileError');
}

const GOOD_OFF = ['{"from": "2022-01-31", "to": "2022-02-06", "name": "春节"}', '{"from": "2022-10-01", "to": "2022-10-07", "name": "国庆节"}'];
const GOOD_WORK = ['{"date": "2022-01-29", "name": "春节调休上班"}', '{"date": "2022-01-30", "name": "春节调休上班"}'];

test('reads the project format into normalised day entries and notice metadata', () => {
  const data = parseCalendarFile(projectFile(GOOD_OFF, GOOD_WORK));
  assert.equal(data.entries.length, 7 + 7 + 2);
  assert.deepEqual(data.entries[0], { date: '2022-01-29', kind: 'work', name: '春节调休上班', year: 2022, source: SRC });
  assert.deepEqual(data.entries[2], { date: '2022-01-31', kind: 'off', name: '春节', year: 2022, source: SRC });
  assert.deepEqual(data.years, [{ year: 2022, notice: '国务院办公厅关于2022年部分节假日安排的通知', source: SRC, amendments: [] }]);
});

test('reads the holiday-cn format', () => {
  const text = JSON.stringify({
    $schema: 'https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json',
    year: 2027,
    papers: ['https://www.gov.cn/example/2027.htm'],
    days: [
      { name: '元旦', date: '2027-01-01', isOffDay: true },
      { name: '春节', date: '2027-02-06', isOffDay: false },
    ],
  }, null, 2);
  const data = parseCalendarFile(text);
  assert.deepEqual(data.entries, [
    { date: '2027-01-01', kind: 'off', name: '元旦', year: 2027, source: 'https://www.gov.cn/example/2027.htm' },
    { date: '2027-02-06', kind: 'work', name: '春节调休上班', year: 2027, source: 'https://www.gov.cn/example/2027.htm' },
  ]);
  assert.deepEqual(data.years, [{ year: 2027, notice: null, source: 'https://www.gov.cn/example/2027.htm', amendments: [] }]);
  const cal = WorkingCalendar.fromData(data);
  assert.equal(cal.isWorkingDay('2027-02-06'), true);
  assert.deepEqual(cal.explainAddWorkingDays('2027-03-01', 1).warnings, []);
});

test('an array of holiday-cn years is accepted', () => {
  const text = JSON.stringify([
    { year: 2027, days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] },
    { year: 2028, days: [{ name: '元旦', date: '2028-01-01', isOffDay: true }] },
  ]);
  assert.deepEqual(parseCalendarFile(text).years.map((y) => y.year), [2027, 2028]);
});

test('an off day that falls on a weekend is fine', () => {
  const data = parseCalendarFile(projectFile(['{"from": "2022-01-01", "to": "2022-01-03", "name": "元旦"}'], []));
  assert.equal(data.entries.length, 3);
});

test('invalid dates name their line', () => {
  const problems = problemsOf(projectFile(['{"from": "2022-02-30", "name": "春节"}', '{"date": "2022/6/23", "name": "端午节"}'], GOOD_WORK));
  assert.deepEqual(problems.map((p) => p.line), [9, 10]);
  assert.match(problems[0].message, /日期不存在：「2022-02-30」/);
  assert.match(problems[1].message, /格式无效/);
});

test('a date both off and working is a contradiction, naming both lines', () => {
  const problems = problemsOf(projectFile(GOOD_OFF, ['{"date": "2022-02-05", "name": "春节调休上班"}']));
  assert.equal(problems.length, 1);
  assert.equal(problems[0].line, 13);
  assert.match(problems[0].message, /2022-02-05 同时被列为放假日（第9行「春节」）和调休上班日（第13行「春节调休上班」）/);
});

test('duplicate dates and overlapping ranges are reported once per entry', () => {
  const problems = problemsOf(projectFile([...GOOD_OFF, '{"from": "2022-02-05", "to": "2022-02-08", "name": "春节"}'], []));
  assert.deepEqual(problems.map((p) => p.line), [11]);
  assert.match(problems[0].message, /2022-02-05 重复出现（第9行已列为「春节」）/);
});

test('a make-up working day on a weekday is an error', () => {
  const problems = problemsOf(projectFile(GOOD_OFF, ['{"date": "2022-01-28", "name": "春节调休上班"}']));
  assert.equal(problems[0].line, 13);
  assert.match(problems[0].message, /2022-01-28 是星期五，本来就是工作日/);
});

test('missing fields, unknown fields, reversed ranges and far-away years are reported together', () => {
  const problems = problemsOf(projectFile(
    ['{"from": "2022-02-06", "to": "2022-01-31", "name": "春节"}', '{"from": "2022-04-03", "to": "2022-04-05"}', '{"date": "2024-01-01", "name": "元旦", "colour": "red"}'],
    ['{"date": "2022-04-02"}'],
  ));
  assert.deepEqual(problems.map((p) => p.line), [9, 10, 11, 11, 14]);
  assert.match(problems[0].message, /早于开始日期/);
  assert.match(problems[1].message, /缺少字段「name」/);
  assert.ok(problems.some((p) => /未知字段「colour」/.test(p.message)));
  assert.ok(problems.some((p) => /2024-01-01 不属于 2022 年/.test(p.message)));
  assert.match(problems[4].message, /缺少字段「name」/);
});

test('a year entered twice is an error at the second one', () => {
  const second = `,\n    {"year": 2022, "notice": "重复", "source": "${SRC}", "daysOff": [], "workdays": []}`;
  const problems = problemsOf(projectFile(GOOD_OFF, GOOD_WORK, second));
  assert.equal(problems.length, 1);
  assert.equal(problems[0].line, 17);
  assert.match(problems[0].message, /2022年的安排重复出现（第4行已有）/);
});

test('year metadata is required: notice and an http(s) source', () => {
  const text = projectFile(GOOD_OFF, GOOD_WORK).replace(`"source": "${SRC}"`, '"source": "gov.cn"').replace('"notice": "国务院办公厅关于2022年部分节假日安排的通知",', '');
  const problems = problemsOf(text);
  assert.ok(problems.some((p) => p.line === 4 && /缺少字段「notice」/.test(p.message)));
  assert.ok(problems.some((p) => p.line === 7 && /网址/.test(p.message)));
});

test('holiday-cn problems name their line too', () => {
  const text = [
    '{',
    '  "year": 2027,',
    '  "days": [',
    '    {"name": "元旦", "date": "2027-01-01", "isOffDay": true},',
    '    {"name": "元旦", "date": "2027-01-01", "isOffDay": false},',
    '    {"name": "春节", "date": "2027-02-30", "isOffDay": true},',
    '    {"name": "春节", "date": "2027-02-10", "isOffDay": "yes"},',
    '    {"name": "春节", "date": "2027-02-10", "isOffDay": false}',
    '  ]',
    '}',
  ].join('\n');
  const problems = problemsOf(text);
  assert.deepEqual(problems.map((p) => p.line), [5, 5, 6, 7, 8]);
  assert.match(problems[0].message + problems[1].message, /同时被列为放假日/);
  assert.match(problems[0].message + problems[1].message, /星期五，本来就是工作日/);
  assert.match(problems[4].message, /2027-02-10 是星期三/);
});

test('JSON syntax errors and unknown formats name a line', () => {
  const broken = projectFile(GOOD_OFF, GOOD_WORK).replace('"name": "国庆节"}', '"name": "国庆节"');
  const problems = problemsOf(broken);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].line, 11);
  assert.match(problems[0].message, /JSON 格式错误/);
  assert.match(problemsOf('{\n  "foo": 1\n}')[0].message, /无法识别的文件格式/);
  assert.match(problemsOf('{"format": "gongkai-calendar/2", "years": []}')[0].message, /不支持的格式版本/);
  assert.equal(problemsOf('').length, 1);
});

test('the error message lists every problem in Chinese with its line', () => {
  try {
    parseCalendarFile(projectFile(['{"from": "2022-02-30", "name": "春节"}'], ['{"date": "2022-01-28", "name": "x"}']));
    assert.fail('expected an error');
  } catch (err) {
    assert.ok(err instanceof CalendarFileError);
    assert.match(err.message, /^节假日文件有 2 处错误：\n第9行：.*\n第12行：/);
  }
});

test('nothing is half-imported: one bad entry rejects the whole file', () => {
  const good = Array.from({ length: 20 }, (_, i) => `{"date": "2022-03-${String(i + 1).padStart(2, '0')}", "name": "测试"}`);
  const bad = [...good.slice(0, 10), '{"date": "2022-03-32", "name": "测试"}', ...good.slice(10)];
  assert.equal(parseCalendarFile(projectFile(good, [])).entries.length, 20);
  let result: unknown = 'untouched';
  assert.throws(() => { result = parseCalendarFile(projectFile(bad, [])); }, CalendarFileError);
  assert.equal(result, 'untouched');
  const file = join(mkdtempSync(join(tmpdir(), 'gongkai-calendar-')), 'bad.json');
  writeFileSync(file, projectFile(bad, []));
  assert.throws(() => loadDefaultCalendar({ file }), (err: unknown) => err instanceof CalendarFileError && err.problems[0].line === 19);
});
