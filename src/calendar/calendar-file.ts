import { CalendarFileError } from './calendar-error.js';
import {
  ProblemList, checkKeys, readArray, readDate, readSourceUrl, readString, readYear, requireObject,
} from './calendar-file-fields.js';
import type { CalendarData, DayEntry, DayKind, NoticeAmendment, YearNotice } from './calendar-types.js';
import { formatIsoDate, isWeekend, weekdayName, yearOf, type DayNumber } from './iso-date.js';
import { JsonSyntaxError, member, parseLocatedJson, type JsonNode } from './located-json.js';

export const CALENDAR_FORMAT = 'gongkai-calendar/1';

/** A longer "holiday" is almost certainly a typo in a date; local extensions go through overrides. */
const MAX_SPAN_DAYS = 31;

interface RawDay {
  readonly day: DayNumber;
  readonly kind: DayKind;
  readonly name: string;
  readonly year: number;
  readonly source: string;
  /** Line of the entry that produced this day; a range produces several days on one line. */
  readonly line: number;
}

interface Collected {
  readonly years: { readonly meta: YearNotice; readonly line: number }[];
  readonly days: RawDay[];
}

/**
 * Parses and validates a holiday file: the project's own format or a holiday-cn year file
 * (or an array of them). All or nothing: any problem throws a CalendarFileError listing
 * every problem with its line, and nothing is returned for partial use.
 */
export function parseCalendarFile(text: string): CalendarData {
  let root: JsonNode;
  try {
    root = parseLocatedJson(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) throw new CalendarFileError([{ line: err.line, message: err.message }]);
    throw err;
  }
  const problems = new ProblemList();
  const collected: Collected = { years: [], days: [] };
  if (root.type === 'object' && member(root, 'format')) readProjectFormat(root, collected, problems);
  else if (root.type === 'object' && member(root, 'days')) readHolidayCn(root, collected, problems);
  else if (root.type === 'array' && root.items.length > 0) root.items.forEach((y) => readHolidayCn(y, collected, problems));
  else problems.add(root.line, `无法识别的文件格式：应为 {"format":"${CALENDAR_FORMAT}",...} 或 holiday-cn 格式 {"year":...,"days":[...]}`);
  crossCheck(collected, problems);
  if (problems.items.length > 0) throw new CalendarFileError(problems.items);
  return {
    years: collected.years.map((y) => y.meta).sort((a, b) => a.year - b.year),
    entries: collected.days
      .sort((a, b) => a.day - b.day)
      .map((d): DayEntry => ({ date: formatIsoDate(d.day), kind: d.kind, name: d.name, year: d.year, source: d.source })),
  };
}

function readProjectFormat(root: JsonNode, out: Collected, problems: ProblemList): void {
  checkKeys(root, ['format', 'years'], '文件', problems);
  const format = member(root, 'format');
  if (format && (format.value.type !== 'string' || format.value.value !== CALENDAR_FORMAT)) {
    problems.add(format.line, `不支持的格式版本，应为「${CALENDAR_FORMAT}」`);
    return;
  }
  const years = readArray(root, 'years', '文件', problems, true);
  if (years && years.length === 0) problems.add(root.line, '文件中没有任何年度数据');
  for (const node of years ?? []) readProjectYear(node, out, problems);
}

function readProjectYear(node: JsonNode, out: Collected, problems: ProblemList): void {
  if (!requireObject(node, '年度条目', problems)) return;
  checkKeys(node, ['year', 'notice', 'source', 'note', 'amendments', 'daysOff', 'workdays'], '年度条目', problems);
  const year = readYear(node, 'year', '年度条目', problems);
  const what = year === undefined ? '年度条目' : `${year}年`;
  const notice = readString(node, 'notice', what, problems, true);
  const source = readSourceUrl(node, 'source', what, problems, true);
  const note = readString(node, 'note', what, problems, false);
  const amendments: NoticeAmendment[] = [];
  for (const a of readArray(node, 'amendments', what, problems, false) ?? []) {
    if (!requireObject(a, `${what}的补充通知`, problems)) continue;
    checkKeys(a, ['notice', 'docNo', 'source'], `${what}的补充通知`, problems);
    const aNotice = readString(a, 'notice', `${what}的补充通知`, problems, true);
    const aSource = readSourceUrl(a, 'source', `${what}的补充通知`, problems, true);
    const docNo = readString(a, 'docNo', `${what}的补充通知`, problems, false);
    if (aNotice && aSource) amendments.push({ notice: aNotice, source: aSource, ...(docNo ? { docNo } : {}) });
  }
  const daysOff = readArray(node, 'daysOff', what, problems, true);
  const workdays = readArray(node, 'workdays', what, problems, true);
  if (year === undefined) return;
  out.years.push({ line: node.line, meta: { year, notice: notice ?? null, source: source ?? null, ...(note ? { note } : {}), amendments } });
  for (const entry of daysOff ?? []) readOffEntry(entry, year, source ?? '', what, out, problems);
  for (const entry of workdays ?? []) readWorkEntry(entry, year, source ?? '', what, out, problems);
}

function readOffEntry(node: JsonNode, year: number, yearSource: string, what: string, out: Collected, problems: ProblemList): void {
  const label = `${what}的放假条目`;
  if (!requireObject(node, label, problems)) return;
  checkKeys(node, ['from', 'to', 'date', 'name', 'source', 'note'], label, problems);
  const name = readString(node, 'name', label, problems, true);
  const source = readSourceUrl(node, 'source', label, problems, false) ?? yearSource;
  let from: DayNumber | undefined;
  let to: DayNumber | undefined;
  if (member(node, 'date')) {
    if (member(node, 'from') || member(node, 'to')) problems.add(node.line, `${label}不能同时写「date」和「from/to」`);
    from = to = readDate(node, 'date', label, problems, true);
  } else {
    from = readDate(node, 'from', label, problems, true);
    to = member(node, 'to') ? readDate(node, 'to', label, problems, true) : from;
  }
  if (from === undefined || to === undefined || name === undefined) return;
  if (to < from) return problems.add(node.line, `${label}的结束日期 ${formatIsoDate(to)} 早于开始日期 ${formatIsoDate(from)}`);
  if (to - from + 1 > MAX_SPAN_DAYS) return problems.add(node.line, `${label}跨度 ${to - from + 1} 天，超过 ${MAX_SPAN_DAYS} 天，请检查日期`);
  for (let day = from; day <= to; day++) out.days.push({ day, kind: 'off', name, year, source, line: node.line });
}

function readWorkEntry(node: JsonNode, year: number, yearSource: string, what: string, out: Collected, problems: ProblemList): void {
  const label = `${what}的调休上班条目`;
  if (!requireObject(node, label, problems)) return;
  checkKeys(node, ['date', 'name', 'source', 'note'], label, problems);
  const name = readString(node, 'name', label, problems, true);
  const source = readSourceUrl(node, 'source', label, problems, false) ?? yearSource;
  const day = readDate(node, 'date', label, problems, true);
  if (day !== undefined && name !== undefined) out.days.push({ day, kind: 'work', name, year, source, line: node.line });
}

/** holiday-cn (github.com/NateScarlet/holiday-cn): {"year":2027,"papers":[...],"days":[{name,date,isOffDay}]}. */
function readHolidayCn(root: JsonNode, out: Collected, problems: ProblemList): void {
  if (!requireObject(root, 'holiday-cn 年度数据', problems)) return;
  checkKeys(root, ['$schema', '$id', 'year', 'papers', 'days'], 'holiday-cn 年度数据', problems);
  const year = readYear(root, 'year', 'holiday-cn 年度数据', problems);
  const what = year === undefined ? 'holiday-cn 年度数据' : `${year}年`;
  const papers: string[] = [];
  for (const p of readArray(root, 'papers', what, problems, false) ?? []) {
    if (p.type === 'string' && /^https?:\/\/\S+$/.test(p.value)) papers.push(p.value);
    else problems.add(p.line, `${what}的「papers」应为网址列表`);
  }
  const days = readArray(root, 'days', what, problems, true);
  if (year === undefined) return;
  const source = papers[0] ?? 'holiday-cn';
  out.years.push({
    line: root.line,
    meta: { year, notice: null, source: papers[0] ?? null, amendments: papers.slice(1).map((s) => ({ notice: '补充通知', source: s })) },
  });
  for (const node of days ?? []) {
    const label = `${what}的日期条目`;
    if (!requireObject(node, label, problems)) continue;
    checkKeys(node, ['name', 'date', 'isOffDay'], label, problems);
    const name = readString(node, 'name', label, problems, true);
    const day = readDate(node, 'date', label, problems, true);
    const off = member(node, 'isOffDay');
    if (!off) problems.add(node.line, `${label}缺少字段「isOffDay」`);
    else if (off.value.type !== 'boolean') problems.add(off.line, `${label}的「isOffDay」应为 true 或 false`);
    if (day === undefined || name === undefined || off?.value.type !== 'boolean') continue;
    const kind: DayKind = off.value.value ? 'off' : 'work';
    out.days.push({ day, kind, name: kind === 'work' ? `${name}调休上班` : name, year, source, line: node.line });
  }
}

/** Checks that need the whole file: repeated years, repeated or contradictory dates, pointless make-up days. */
function crossCheck(collected: Collected, problems: ProblemList): void {
  const yearLines = new Map<number, number>();
  for (const { meta, line } of collected.years) {
    const first = yearLines.get(meta.year);
    if (first !== undefined) problems.add(line, `${meta.year}年的安排重复出现（第${first}行已有）`);
    else yearLines.set(meta.year, line);
  }
  const byDay = new Map<DayNumber, RawDay>();
  const reported = new Set<string>();
  for (const d of collected.days) {
    const date = formatIsoDate(d.day);
    const dateYear = yearOf(d.day);
    // A notice may reach into the neighbouring year (2023's 元旦 starts on 2022-12-31), no further.
    if (Math.abs(dateYear - d.year) > 1) problems.add(d.line, `${date} 不属于 ${d.year} 年的节假日安排`);
    if (d.kind === 'work' && !isWeekend(d.day)) {
      problems.add(d.line, `${date} 是${weekdayName(d.day)}，本来就是工作日，不能列为调休上班日`);
    }
    const first = byDay.get(d.day);
    if (!first) { byDay.set(d.day, d); continue; }
    const key = `${first.line}:${d.line}:${first.kind === d.kind}`;
    if (reported.has(key)) continue;
    reported.add(key);
    if (first.kind !== d.kind) {
      const [off, work] = first.kind === 'off' ? [first, d] : [d, first];
      problems.add(d.line, `${date} 同时被列为放假日（第${off.line}行「${off.name}」）和调休上班日（第${work.line}行「${work.name}」）`);
    } else {
      problems.add(d.line, `${date} 重复出现（第${first.line}行已列为「${first.name}」）`);
    }
  }
}
