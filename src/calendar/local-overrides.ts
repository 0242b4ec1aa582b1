import { LocalOverrideError, type OverrideProblem } from './calendar-error.js';
import type { CalendarData, DayEntry, LocalOverride } from './calendar-types.js';
import { formatIsoDate, isWeekend, tryParseIsoDate, weekdayName, yearOf, type DayNumber } from './iso-date.js';

const MAX_OVERRIDE_SPAN_DAYS = 366;

/**
 * Lays a district's or province's own days off / working days over the national schedule
 * (Hubei extended the 2020 Spring Festival on its own, for example). An override replaces
 * whatever the national data says for its dates. The base data is not modified, and the
 * overrides apply all together or not at all: any problem throws a LocalOverrideError.
 *
 * Rejected: invalid dates, a date listed twice among the overrides, and a working-day
 * override that would change nothing (a plain Monday–Friday that is not a national day off).
 */
export function applyLocalOverrides(base: CalendarData, overrides: readonly LocalOverride[]): CalendarData {
  const national = new Map<string, DayEntry>(base.entries.map((e) => [e.date, e]));
  const problems: OverrideProblem[] = [];
  const replacements = new Map<string, DayEntry>();
  const firstIndex = new Map<string, number>();

  overrides.forEach((o, i) => {
    const index = i + 1;
    const range = readRange(o, index, problems);
    const name = typeof o.name === 'string' ? o.name.trim() : '';
    const source = typeof o.source === 'string' ? o.source.trim() : '';
    if (o.kind !== 'off' && o.kind !== 'work') problems.push({ index, message: '「kind」应为 off（放假）或 work（上班）' });
    if (name === '') problems.push({ index, message: '缺少名称（如「春节延长假期」）' });
    if (source === '') problems.push({ index, message: '缺少来源（发文机关的通知或网址）' });
    if (!range || (o.kind !== 'off' && o.kind !== 'work') || name === '' || source === '') return;
    for (let day = range.from; day <= range.to; day++) {
      const date = formatIsoDate(day);
      const earlier = firstIndex.get(date);
      if (earlier !== undefined) {
        problems.push({ index, message: `${date} 已在第${earlier}条中调整过` });
        return;
      }
      firstIndex.set(date, index);
      if (o.kind === 'work' && !isWeekend(day) && national.get(date)?.kind !== 'off') {
        problems.push({ index, message: `${date} 是${weekdayName(day)}，本来就是工作日，无需调整为上班` });
        return;
      }
      const region = typeof o.region === 'string' && o.region.trim() !== '' ? o.region.trim() : undefined;
      replacements.set(date, { date, kind: o.kind, name, year: yearOf(day), source, ...(region ? { region } : {}) });
    }
  });
  if (problems.length > 0) throw new LocalOverrideError(problems);

  const entries = base.entries.filter((e) => !replacements.has(e.date)).concat([...replacements.values()]);
  entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { years: base.years, entries };
}

function readRange(o: LocalOverride, index: number, problems: OverrideProblem[]): { from: DayNumber; to: DayNumber } | null {
  const from = typeof o.from === 'string' ? tryParseIsoDate(o.from) : null;
  if (from === null) {
    problems.push({ index, message: `开始日期无效：「${String(o.from)}」，应为 YYYY-MM-DD` });
    return null;
  }
  if (o.to === undefined) return { from, to: from };
  const to = typeof o.to === 'string' ? tryParseIsoDate(o.to) : null;
  if (to === null) {
    problems.push({ index, message: `结束日期无效：「${String(o.to)}」，应为 YYYY-MM-DD` });
    return null;
  }
  if (to < from) {
    problems.push({ index, message: `结束日期 ${o.to} 早于开始日期 ${o.from}` });
    return null;
  }
  if (to - from + 1 > MAX_OVERRIDE_SPAN_DAYS) {
    problems.push({ index, message: `跨度超过 ${MAX_OVERRIDE_SPAN_DAYS} 天，请分段录入` });
    return null;
  }
  return { from, to };
}
