import type { DeadlineRule } from './deadline-rule-types.js';
import { daysInMonth } from './iso-date.js';

/**
 * Recognisers for single clauses of a 时限要求 text. Input is already normalised
 * (no whitespace, ASCII digits), so "20 个工作 日内" and "20个工作日内" read the same.
 */
export interface Recognised {
  readonly rule: DeadlineRule;
  readonly warnings: string[];
}

const CN_DIGITS: Readonly<Record<string, number>> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Removes all whitespace (wrapped table cells break lines anywhere) and unifies digits. */
export function normaliseTimeLimit(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/[零〇一二两三四五六七八九十百]+(?=个?(?:工作日|自然日|日历日|日|天|月|季度))/g, (cn) => String(chineseNumber(cn) ?? cn));
}

/** 三十 → 30, 十二 → 12, 一百二十 → 120; null when it is not a plain numeral. */
function chineseNumber(text: string): number | null {
  let total = 0;
  let digit = -1;
  for (const c of text) {
    if (c === '百' || c === '十') {
      total += (digit < 0 ? 1 : digit) * (c === '百' ? 100 : 10);
      digit = -1;
    } else if (CN_DIGITS[c] !== undefined) {
      if (digit >= 0) return null;
      digit = CN_DIGITS[c];
    } else {
      return null;
    }
  }
  return total + (digit < 0 ? 0 : digit);
}

/** Clause separators. Not 、: it joins items inside one clause (方案、计划确定后…). */
export const CLAUSE_SEPARATOR = /[，,；;。！!？?]+/;

/** Anything that might express a time; a clause without one may be a continuation of its neighbour. */
export function hasTimeMarker(clause: string): boolean {
  return /\d|[日月年季周天前后内每]|期间|期限|长期|定期|及时|尽快|立即|适时|随时/.test(clause);
}

/**
 * More work under the same time limit (…，归集展示相关信息 / …，公开相应信息). Only such
 * clauses may join the clause before them; anything else (另行通知) must surface as text.
 */
export function isMoreWork(clause: string): boolean {
  return /公开|发布|展示|披露|公示|更新|调整|完成|报送|建立|设立|归集|整改|落实|推动|开展|解读|上传|提交|报告/.test(clause);
}

/** "…的" (conditional: 重大行政决策向社会公开征求意见的，…) or 根据/按照 … qualifies the next clause. */
export function isLeadingQualifier(clause: string): boolean {
  return /的$/.test(clause) || /^(?:根据|按照|依据|结合|视|针对|对于|凡|如|若)/.test(clause);
}

const YEAR = String.raw`(?:(\d{4})年|(次年|明年))`;
const BEFORE = String.raw`(?:之前|以前|前)`;
const BY_PATTERNS: readonly { re: RegExp; date: (m: RegExpExecArray, year: number) => [number, number] | string }[] = [
  { re: new RegExp(`${YEAR}?(\\d{1,2})月(\\d{1,2})[日号]${BEFORE}`), date: (m) => [Number(m[3]), Number(m[4])] },
  { re: new RegExp(`${YEAR}?(\\d{1,2})月份?[底末]${BEFORE}?`), date: (m, y) => monthEnd(y, Number(m[3])) },
  { re: new RegExp(`${YEAR}?第?([1-4])季度[末底]?${BEFORE}`), date: (m, y) => monthEnd(y, Number(m[3]) * 3) },
  { re: new RegExp(`${YEAR}?上半年${BEFORE}?`), date: () => [6, 30] },
  { re: new RegExp(`(?:(\\d{4})年[年度]?|(次年|明年)年?|年)[底末]${BEFORE}?`), date: () => [12, 31] },
  { re: new RegExp(`(?:(\\d{4})年|(次年|明年)|年)内`), date: () => [12, 31] },
];

function monthEnd(year: number, month: number): [number, number] | string {
  return month >= 1 && month <= 12 ? [month, daysInMonth(year, month)] : `月份「${month}」无效`;
}

export interface ByPhrase {
  readonly phrase: string;
  /** Null when the phrase names an impossible date (13月底前, 2月30日前). */
  readonly date: string | null;
  readonly explicitYear: number | null;
  readonly error?: string;
}

/** Finds a "by date" phrase (6月底前, 2022年8月底前, 年底前, 12月31日前 …) and resolves it in planYear. */
export function findByPhrase(clause: string, planYear: number): ByPhrase | null {
  for (const { re, date } of BY_PATTERNS) {
    const m = re.exec(clause);
    if (!m) continue;
    const explicitYear = m[1] ? Number(m[1]) : null;
    const year = explicitYear ?? (m[2] ? planYear + 1 : planYear);
    const md = date(m, year);
    if (typeof md === 'string') return { phrase: m[0], date: null, explicitYear, error: md };
    const [month, day] = md;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      return { phrase: m[0], date: null, explicitYear, error: `日期「${year}年${month}月${day}日」不存在` };
    }
    return { phrase: m[0], date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, explicitYear };
  }
  return null;
}

const WORKING_DAYS = /(\d+)个?工作日/;
const MIN_DAYS = /(?:不少于|不得少于|不低于|不短于|至少)(\d+)个?(?:自然日|日历日|日|天)/;
const QUARTERLY = /按季|每季|每个季度|季度/;
const MONTHLY = /按月|每月|每个月|月度/;
const DURING = /^(?:在)?(.*期间)/;
const ONGOING = /长期|持续|常态化|定期|动态调整|动态更新|适时|随时|实时|及时更新/;

/** Recognises one clause; null when nothing in it is understood. */
export function recogniseClause(clause: string, planYear: number): Recognised | null {
  const found = recognisePrimary(clause, planYear);
  if (!found || found.rule.kind === 'text') return found;
  // Say so when the rest of the clause holds a second time expression we are not turning into a rule.
  const rest = clause.replace(found.consumed, '');
  const others = otherKinds(rest, planYear).filter((k) => k !== found.rule.kind && !(k === 'monthly' && found.rule.kind === 'workingDays'));
  if (others.length > 0) found.warnings.push(`「${clause}」中还有其他时限表述，只识别了第一种，请核对`);
  return { rule: found.rule, warnings: found.warnings };
}

interface Primary extends Recognised {
  /** The part of the clause the rule was read from. */
  readonly consumed: string;
}

function recognisePrimary(clause: string, planYear: number): Primary | null {
  const wd = WORKING_DAYS.exec(clause);
  if (wd) return { ...workingDays(clause, wd), consumed: wd[0] };
  const min = MIN_DAYS.exec(clause);
  if (min) return { rule: { kind: 'minCalendarDays', days: Number(min[1]) }, warnings: [], consumed: min[0] };
  const by = findByPhrase(clause, planYear);
  if (by) {
    if (by.date === null) return { rule: { kind: 'text', text: clause }, warnings: [`「${clause}」中${by.error ?? '日期无效'}`], consumed: clause };
    const warnings = by.explicitYear !== null && by.explicitYear < planYear ? [`「${by.phrase}」早于方案年度 ${planYear} 年，请核对`] : [];
    return { rule: { kind: 'by', date: by.date, source: by.phrase }, warnings, consumed: by.phrase };
  }
  const simple: readonly [RegExp, DeadlineRule][] = [[QUARTERLY, { kind: 'quarterly' }], [MONTHLY, { kind: 'monthly' }]];
  for (const [re, rule] of simple) {
    const m = re.exec(clause);
    if (m) return { rule, warnings: [], consumed: m[0] };
  }
  const during = DURING.exec(clause);
  if (during) return { rule: { kind: 'during', condition: during[1] }, warnings: [], consumed: during[0] };
  const ongoing = ONGOING.exec(clause);
  if (ongoing) return { rule: { kind: 'ongoing' }, warnings: [], consumed: ongoing[0] };
  return null;
}

function otherKinds(clause: string, planYear: number): string[] {
  const kinds: string[] = [];
  if (WORKING_DAYS.test(clause)) kinds.push('workingDays');
  if (MIN_DAYS.test(clause)) kinds.push('minCalendarDays');
  if (findByPhrase(clause, planYear)) kinds.push('by');
  if (QUARTERLY.test(clause)) kinds.push('quarterly');
  if (MONTHLY.test(clause)) kinds.push('monthly');
  if (DURING.test(clause)) kinds.push('during');
  if (ONGOING.test(clause)) kinds.push('ongoing');
  return kinds;
}

function workingDays(clause: string, m: RegExpExecArray): Recognised {
  const days = Number(m[1]);
  if (days < 1 || days > 3650) return { rule: { kind: 'text', text: clause }, warnings: [`「${clause}」中的工作日天数 ${days} 不合理`] };
  // A merged qualifier ("…的，") sits before the last comma and is not part of the anchor.
  let anchor = clause.slice(0, m.index).split(/[，,]/).pop() ?? '';
  if (anchor.endsWith('之日起')) anchor = anchor.slice(0, -1);
  else if (/(?:之后|以后)$/.test(anchor)) anchor = anchor.slice(0, -2);
  else if (/[起后]$/.test(anchor)) anchor = anchor.slice(0, -1);
  // Drop the subject: 行政处罚信息于|处罚结果作出, …信息应在|方案、计划确定.
  const cut = Math.max(anchor.lastIndexOf('于'), lastMatchEnd(anchor, /(?:应|须|需|当)在/g));
  if (cut >= 0) anchor = anchor.slice(cut + 1);
  anchor = anchor.replace(/^(?:自|从)/, '');
  const warnings = anchor === '' ? [`「${clause}」未写明从哪一天起算`] : [];
  if (/^每个?月(?:结束|末|底)?$/.test(anchor)) return { rule: { kind: 'workingDays', days, after: anchor, repeat: 'monthly' }, warnings };
  return { rule: { kind: 'workingDays', days, after: anchor }, warnings };
}

function lastMatchEnd(text: string, re: RegExp): number {
  let end = -1;
  for (const m of text.matchAll(re)) end = (m.index ?? 0) + m[0].length - 1;
  return end;
}
