// The State Council notice read from its text (issue 19): the 2020–2026 notices' wording (reconstructed
// in fixtures/holiday-notices.txt) gives exactly the days off and make-up days of data/calendar/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseCalendarFile } from './calendar-file.js';
import { noticeToCalendarFile, parseHolidayNotice } from './holiday-notice.js';

const notices = new Map(readFileSync(new URL('./fixtures/holiday-notices.txt', import.meta.url), 'utf8').split(/^=== /m).filter(Boolean)
  .map((block) => [Number(block.slice(0, 4)), block.slice(5)] as const));
type Year = { year: number; daysOff: { from: string; to: string; name: string; source?: string }[]; workdays: { date: string }[] };
const data = (JSON.parse(readFileSync(new URL('../../data/calendar/cn-holidays.json', import.meta.url), 'utf8')) as { years: Year[] }).years;

test('the 2020–2026 notices parse to the days of data/calendar (2020 as first published, before the extension)', () => {
  assert.equal(notices.size, 7);
  for (const y of data) {
    const p = parseHolidayNotice(notices.get(y.year)!);
    assert.equal(p.year, y.year);
    assert.deepEqual(p.warnings, [], `${y.year}: ${p.warnings.join('；')}`);
    // 2020: the 1月27日 amendment (国办发明电〔2020〕1号) extended 春节 and cancelled the 2月1日 make-up day.
    const off = y.daysOff.filter((d) => !(y.year === 2020 && d.source)).map((d) => [d.from, d.to, d.name]);
    assert.deepEqual(p.holidays.map((h) => [h.from, h.to, h.name]), off, `${y.year} days off`);
    const work = y.workdays.map((w) => w.date).concat(y.year === 2020 ? ['2020-02-01'] : []).sort();
    assert.deepEqual(p.holidays.flatMap((h) => h.workdays).sort(), work, `${y.year} make-up days`);
  }
});

test('the parsed notice becomes a calendar file that the importer accepts; wrong counts and dates are reported', () => {
  const p = parseHolidayNotice(notices.get(2026)!);
  const file = parseCalendarFile(noticeToCalendarFile(p, 'https://www.gov.cn/zhengce/content/202511/content_7047090.htm'));
  assert.deepEqual(file.years.map((y) => y.year), [2026]);
  assert.equal(file.entries.filter((e) => e.kind === 'off').length, 3 + 9 + 3 + 5 + 3 + 3 + 7);
  assert.deepEqual(file.entries.filter((e) => e.kind === 'work').map((e) => e.date), ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  const wrong = parseHolidayNotice('一、元旦：1月1日至3日放假调休，共4天。\n二、春节：2月30日放假。', 2027);
  assert.match(wrong.warnings.join('；'), /元旦：通知写“共4天”，按日期计算为3天/);
  assert.match(wrong.warnings.join('；'), /春节：放假日期2027-02-30至2027-02-30无效/);
  assert.match(parseHolidayNotice('随便一段话').warnings.join(''), /无法确定年度/);
});
