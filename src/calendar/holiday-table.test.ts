import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDefaultCalendar, loadDefaultCalendarData } from './default-calendar.js';

/**
 * domain.md §3, typed in again by hand (not derived from the JSON), so the data file,
 * the table and the engine are checked against each other.
 */
const TABLE: Readonly<Record<number, { off: string; work: string }>> = {
  2020: { off: '1/1; 1/24–2/2; 4/4–6; 5/1–5; 6/25–27; 10/1–8', work: '1/19, 4/26, 5/9, 6/28, 9/27, 10/10' },
  2021: { off: '1/1–3; 2/11–17; 4/3–5; 5/1–5; 6/12–14; 9/19–21; 10/1–7', work: '2/7, 2/20, 4/25, 5/8, 9/18, 9/26, 10/9' },
  2022: { off: '1/1–3; 1/31–2/6; 4/3–5; 4/30–5/4; 6/3–5; 9/10–12; 10/1–7', work: '1/29, 1/30, 4/2, 4/24, 5/7, 10/8, 10/9' },
  2023: { off: '2022-12-31–1/2; 1/21–27; 4/5; 4/29–5/3; 6/22–24; 9/29–10/6', work: '1/28, 1/29, 4/23, 5/6, 6/25, 10/7, 10/8' },
  2024: { off: '1/1; 2/10–17; 4/4–6; 5/1–5; 6/10; 9/15–17; 10/1–7', work: '2/4, 2/18, 4/7, 4/28, 5/11, 9/14, 9/29, 10/12' },
  2025: { off: '1/1; 1/28–2/4; 4/4–6; 5/1–5; 5/31–6/2; 10/1–8', work: '1/26, 2/8, 4/27, 9/28, 10/11' },
  2026: { off: '1/1–3; 2/15–23; 4/4–6; 5/1–5; 6/19–21; 9/25–27; 10/1–7', work: '1/4, 2/14, 2/28, 5/9, 9/20, 10/10' },
};

const iso = (d: Date): string => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));
const addDays = (s: string, n: number): string => iso(new Date(Date.parse(s) + n * 86_400_000));

/** "1/24–2/2", "6/25–27", "4/5" or "2022-12-31–1/2" → [first, last] ISO dates. */
function span(year: number, text: string): [string, string] {
  const [a, b] = text.split('–');
  const first = a.includes('-') ? a : iso(utc(year, Number(a.split('/')[0]), Number(a.split('/')[1])));
  if (b === undefined) return [first, first];
  const [m, d] = b.includes('/') ? b.split('/').map(Number) : [Number(a.split('/')[0]), Number(b)];
  return [first, iso(utc(year, m, d))];
}

const spans = Object.entries(TABLE).flatMap(([y, row]) => row.off.split('; ').map((t) => ({ year: Number(y), text: t, range: span(Number(y), t) })));
const makeUps = Object.entries(TABLE).flatMap(([y, row]) => row.work.split(', ').map((t) => ({ year: Number(y), date: span(Number(y), t)[0] })));
const offSet = new Set(spans.flatMap(({ range: [a, b] }) => {
  const out: string[] = [];
  for (let d = a; d <= b; d = addDays(d, 1)) out.push(d);
  return out;
}));
const workSet = new Set(makeUps.map((m) => m.date));
/** The expected answer, computed with Date and the table only. */
const expectedWorking = (d: string): boolean => workSet.has(d) || (!offSet.has(d) && ![0, 6].includes(new Date(d).getUTCDay()));

const calendar = loadDefaultCalendar();
const data = loadDefaultCalendarData();

test('the data file holds exactly the days off of domain.md §3', () => {
  const fromFile = data.entries.filter((e) => e.kind === 'off').map((e) => e.date).sort();
  assert.deepEqual(fromFile, [...offSet].sort());
});

test('the data file holds exactly the make-up working days of domain.md §3', () => {
  const fromFile = data.entries.filter((e) => e.kind === 'work').map((e) => e.date).sort();
  assert.deepEqual(fromFile, [...workSet].sort());
});

test('every day from 2019-12-01 to 2027-01-31 agrees with the table', () => {
  for (let d = '2019-12-01'; d <= '2027-01-31'; d = addDays(d, 1)) {
    assert.equal(calendar.isWorkingDay(d), expectedWorking(d), d);
  }
});

for (const { year, text, range: [first, last] } of spans) {
  test(`${year} ${text}: first and last day off, and the days around them`, () => {
    assert.equal(calendar.isWorkingDay(first), false, `first day off ${first}`);
    assert.equal(calendar.isWorkingDay(last), false, `last day off ${last}`);
    const before = addDays(first, -1);
    const after = addDays(last, 1);
    assert.equal(calendar.isWorkingDay(before), expectedWorking(before), `day before ${before}`);
    assert.equal(calendar.isWorkingDay(after), expectedWorking(after), `day after ${after}`);
  });
}

for (const { year, date } of makeUps) {
  test(`${year} make-up working day ${date} counts although it is a weekend`, () => {
    assert.ok([0, 6].includes(new Date(date).getUTCDay()), `${date} should be a weekend day`);
    assert.equal(calendar.isWorkingDay(date), true);
    assert.equal(calendar.describeDay(date).status, 'makeUp');
  });
}

test('each year names its notice and a gov.cn source', () => {
  assert.deepEqual(data.years.map((y) => y.year), [2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  for (const y of data.years) {
    assert.equal(y.notice, `国务院办公厅关于${y.year}年部分节假日安排的通知`);
    assert.match(y.source ?? '', /^https:\/\/www\.gov\.cn\/zhengce\/zhengceku\//);
  }
});

test('2020: the Spring Festival extension comes from its own notice and cancels the 2/1 make-up day', () => {
  const y2020 = data.years.find((y) => y.year === 2020);
  assert.equal(y2020?.amendments[0]?.docNo, '国办发明电〔2020〕1号');
  assert.match(y2020?.amendments[0]?.source ?? '', /2020-01\/27\/content_5472352/);
  const extended = data.entries.filter((e) => e.date >= '2020-01-31' && e.date <= '2020-02-02');
  assert.equal(extended.length, 3);
  for (const e of extended) {
    assert.equal(e.name, '春节');
    assert.match(e.source, /content_5472352/);
  }
  assert.equal(calendar.isWorkingDay('2020-02-01'), false);
  assert.equal(calendar.isWorkingDay('2020-02-03'), true);
});

test('2022-12-31 is 元旦 of the 2023 notice; 2025-10-01..08 is 国庆节、中秋节', () => {
  const e = data.entries.find((x) => x.date === '2022-12-31');
  assert.deepEqual({ kind: e?.kind, name: e?.name, year: e?.year }, { kind: 'off', name: '元旦', year: 2023 });
  for (const d of ['2025-10-01', '2025-10-08']) assert.equal(calendar.describeDay(d).label, '国庆节、中秋节');
});

test('holiday names are the official ones', () => {
  const allowed = new Set(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节', '国庆节、中秋节', '中秋节、国庆节']);
  for (const e of data.entries) {
    if (e.kind === 'off') assert.ok(allowed.has(e.name), e.name);
    else assert.ok(allowed.has(e.name.replace(/调休上班$/, '')), e.name);
  }
});
