import { CalendarError } from './calendar-error.js';
import type { DeadlineRule, ParsedTimeLimit, RuleResolution } from './deadline-rule-types.js';
import {
  CLAUSE_SEPARATOR, findByPhrase, hasTimeMarker, isLeadingQualifier, isMoreWork, normaliseTimeLimit, recogniseClause,
} from './time-limit-phrases.js';
import type { WorkingCalendar } from './working-calendar.js';

export type { DeadlineRule, DeadlineRuleKind, ParsedTimeLimit, RuleResolution } from './deadline-rule-types.js';

interface Draft {
  rule: DeadlineRule;
  clause: string;
}

/**
 * Reads a free-text 时限要求 cell into one rule per clause. Clauses are split on ，；。
 * after all whitespace is removed. Nothing is dropped silently:
 * - a clause that is understood becomes its rule;
 * - a clause with no time expression at all is read as part of a neighbour: forward when it
 *   qualifies what follows ("…征求意见的，期限不少于30日", "根据实际情况，适时…"), otherwise
 *   backward when it names more work under the same limit ("2022年8月底前…，归集展示相关信息");
 * - anything else becomes a `text` rule, and every `text` rule adds a warning.
 */
export function parseTimeLimit(text: string, planYear: number): ParsedTimeLimit {
  checkYear(planYear, '方案年度');
  if (typeof text !== 'string') return { rules: [], warnings: ['时限要求为空'] };
  const clauses = normaliseTimeLimit(text).split(CLAUSE_SEPARATOR).filter((c) => c !== '');
  if (clauses.length === 0) return { rules: [], warnings: ['时限要求为空'] };
  const drafts: Draft[] = [];
  const warnings: string[] = [];
  let pending = '';

  const attachToPrevious = (clause: string): boolean => {
    const last = drafts[drafts.length - 1];
    if (!last) return false;
    if (last.rule.kind === 'text') last.rule = { kind: 'text', text: `${last.rule.text}，${clause}` };
    last.clause += `，${clause}`;
    return true;
  };

  for (const piece of clauses) {
    const clause = pending === '' ? piece : `${pending}，${piece}`;
    const found = recogniseClause(clause, planYear);
    if (found) {
      drafts.push({ rule: found.rule, clause });
      warnings.push(...found.warnings);
      pending = '';
      continue;
    }
    if (!hasTimeMarker(piece)) {
      if (isLeadingQualifier(piece)) { pending = clause; continue; }
      if (pending === '' && isMoreWork(piece) && attachToPrevious(piece)) continue;
    }
    drafts.push({ rule: { kind: 'text', text: clause }, clause });
    pending = '';
  }
  if (pending !== '' && !(isMoreWork(pending) && attachToPrevious(pending))) drafts.push({ rule: { kind: 'text', text: pending }, clause: pending });

  for (const d of drafts) {
    if (d.rule.kind === 'text') warnings.push(`未能识别的时限要求「${d.rule.text}」，已按原文保留，请人工确认`);
  }
  return { rules: drafts.map((d) => d.rule), warnings };
}

/**
 * A due date for one rule where one can be computed. `anchorDate` is the event the rule
 * counts from (information formed, document published, consultation opened) or, for
 * monthly/quarterly rules and 每月后N个工作日, any date in the period being reported on.
 */
export function resolveRule(rule: DeadlineRule, calendar: WorkingCalendar, anchorDate?: string): RuleResolution {
  const none = (explanation: string, warnings: string[] = []): RuleResolution => ({ due: null, earliestEnd: null, explanation, warnings });
  switch (rule.kind) {
    case 'workingDays': {
      if (anchorDate === undefined) return none(`自「${rule.after || '起算日'}」起第${rule.days}个工作日，需要提供起算日期`);
      if (rule.repeat === 'monthly') {
        const monthEnd = calendar.endOfMonth(anchorDate);
        const x = calendar.explainAddWorkingDays(monthEnd, rule.days);
        const [y, m] = monthEnd.split('-');
        return { due: x.due, earliestEnd: null, explanation: `${y}年${Number(m)}月结束（${monthEnd}）后第${rule.days}个工作日`, warnings: [...x.warnings] };
      }
      const x = calendar.explainAddWorkingDays(anchorDate, rule.days);
      return { due: x.due, earliestEnd: null, explanation: `${anchorDate}（${rule.after || '起算日'}）后第${rule.days}个工作日，起算日当天不计入`, warnings: [...x.warnings] };
    }
    case 'minCalendarDays': {
      if (anchorDate === undefined) return none(`期限不少于${rule.days}日，需要提供开始日期`);
      const end = calendar.addCalendarDays(anchorDate, rule.days);
      return { due: null, earliestEnd: end, explanation: `自${anchorDate}起不少于${rule.days}日，最早于${end}结束`, warnings: [] };
    }
    case 'by':
      // Validates the stored date (it may come from the database) and keeps it in range.
      return { due: calendar.addCalendarDays(rule.date, 0), earliestEnd: null, explanation: `${rule.source ?? rule.date}：${rule.date}前完成`, warnings: [] };
    case 'quarterly':
      if (anchorDate === undefined) return none('按季度公开，每季度末前完成');
      return { due: calendar.endOfQuarter(anchorDate), earliestEnd: null, explanation: '按季度公开：所在季度末前完成', warnings: [] };
    case 'monthly':
      if (anchorDate === undefined) return none('按月公开，每月末前完成');
      return { due: calendar.endOfMonth(anchorDate), earliestEnd: null, explanation: '按月公开：所在月末前完成', warnings: [] };
    case 'ongoing':
      return none('长期坚持，无固定截止日期');
    case 'during':
      return none(`${rule.condition}持续执行，无固定截止日期`);
    case 'text':
      return none('未能识别的时限要求，无法自动计算', [`时限要求「${rule.text}」无法自动计算，请人工确认`]);
  }
}

/**
 * Rules for a plan copied to `newYear`: `by` dates are recomputed from their source phrase
 * (6月底前 → newYear-06-30). A phrase with its own year (2022年8月底前) is moved by
 * newYear − fromYear (fromYear defaults to the year written in the phrase) and reported,
 * because such a phrase may have meant a specific year. Other rules are unchanged.
 */
export function rulesForYear(rules: readonly DeadlineRule[], newYear: number, fromYear?: number): ParsedTimeLimit {
  checkYear(newYear, '新方案年度');
  if (fromYear !== undefined) checkYear(fromYear, '原方案年度');
  const warnings: string[] = [];
  const out = rules.map((rule): DeadlineRule => {
    if (rule.kind !== 'by') return rule;
    if (rule.source === undefined) {
      warnings.push(`日期 ${rule.date} 没有保留原文，无法按 ${newYear} 年重新计算，已保留原日期`);
      return rule;
    }
    const explicit = /(\d{4})(?=年)/.exec(rule.source);
    const source = explicit
      ? rule.source.replace(explicit[1], String(Number(explicit[1]) + newYear - (fromYear ?? Number(explicit[1]))))
      : rule.source;
    const found = findByPhrase(source, newYear);
    if (!found || found.date === null) {
      warnings.push(`「${rule.source}」无法按 ${newYear} 年重新计算，已保留原日期 ${rule.date}`);
      return rule;
    }
    if (explicit) warnings.push(`「${rule.source}」写明了年份，已改为「${source}」（${found.date}），请核对`);
    return { kind: 'by', date: found.date, source };
  });
  return { rules: out, warnings };
}

function checkYear(year: number, what: string): void {
  if (!Number.isInteger(year) || year < 1949 || year > 2200) {
    throw new CalendarError('INVALID_YEAR', `${what}应为四位年份（如 2022），收到：${String(year)}`);
  }
}
