// Pure rules of the ledger: status codes and labels, how a measure's due date is obtained from
// the task's deadline rules, the effective deadline around days off, and when reminders fall due.
import type { DeadlineRule } from '../calendar/public.js';
import { resolveRule } from '../calendar/public.js';
import type { WorkingCalendar } from '../calendar/public.js';
import type { DueSource, LedgerStatus, MeasureStatus } from '../db/ledger.tables.js';

export const MEASURE_STATUSES = ['not_started', 'in_progress', 'done', 'overdue'] as const satisfies readonly MeasureStatus[];
export const MEASURE_STATUS_LABELS: Record<MeasureStatus, string> = {
  not_started: '未开始', in_progress: '进行中', done: '已完成', overdue: '逾期',
};
/** Statuses a unit may choose; 逾期 is set by the platform. */
export const SETTABLE_STATUSES = ['not_started', 'in_progress', 'done'] as const;
export const measureStatusFromLabel = (label: string): MeasureStatus | undefined =>
  (Object.entries(MEASURE_STATUS_LABELS) as [MeasureStatus, string][]).find(([, l]) => l === label)?.[0];

export const LEDGER_STATUS_LABELS: Record<LedgerStatus, string> = {
  draft: '草稿', review: '待单位审核', submitted: '已报送待审核', accepted: '已通过', returned: '已退回',
};
export const ROLE_LABELS_TASK: Record<string, string> = { lead: '牵头', responsible: '责任', implementing: '落实' };

export const parseRules = (json: string): DeadlineRule[] => {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as DeadlineRule[]) : [];
  } catch {
    return [];
  }
};

/** The earliest fixed date (`by` rule) of a task, if any. */
export const ruleDueDate = (rules: readonly DeadlineRule[]): string | null => {
  const dates = rules.flatMap((r) => (r.kind === 'by' ? [r.date] : [])).sort();
  return dates[0] ?? null;
};

export const workingDaysRule = (rules: readonly DeadlineRule[]) =>
  rules.find((r): r is Extract<DeadlineRule, { kind: 'workingDays' }> => r.kind === 'workingDays');

/**
 * A deadline falling on a day off moves to the next working day (民法典第二百零三条：期间的最后一日
 * 是法定休假日的，以法定休假日结束的次日为期间的最后一日). Acting on the deadline is on time.
 */
export function effectiveDeadline(cal: WorkingCalendar, due: string): string {
  return cal.isWorkingDay(due) ? due : cal.addWorkingDays(due, 1);
}

export type DueInput = { dueDate?: string; anchorDate?: string };
export type DueResult = {
  due_date: string | null;
  due_source: DueSource | null;
  anchor_date: string | null;
  due_note: string | null;
  deadline: string | null;
};
export class DueError extends Error {
  readonly field: 'dueDate' | 'anchorDate';
  constructor(field: 'dueDate' | 'anchorDate', message: string) {
    super(message);
    this.field = field;
  }
}

/**
 * A measure's due date:
 * - the unit's own date when given (never later than the plan's fixed date, if the task has one);
 * - else, for a "N个工作日内" task with a start date (起算日期) given, start + N working days;
 * - else the plan's fixed date (`by` rule);
 * - else none (长期坚持, 按季度 … without a date: tracked without a deadline).
 */
export function computeDue(rules: readonly DeadlineRule[], input: DueInput, cal: WorkingCalendar): DueResult {
  const planDate = ruleDueDate(rules);
  const wd = workingDaysRule(rules);
  let due: string | null = null;
  let source: DueSource | null = null;
  let note: string | null = null;
  let anchor: string | null = null;
  if (input.dueDate) {
    if (planDate && input.dueDate > planDate) throw new DueError('dueDate', `到期日不能晚于工作方案规定的时限 ${planDate}`);
    due = input.dueDate;
    source = 'manual';
    note = '单位自定到期日';
  } else if (input.anchorDate && wd) {
    const r = resolveRule(wd, cal, input.anchorDate);
    if (!r.due) throw new DueError('anchorDate', '无法根据起算日期计算到期日');
    due = r.due;
    source = 'anchor';
    anchor = input.anchorDate;
    note = r.explanation;
  } else if (input.anchorDate) {
    throw new DueError('anchorDate', '该任务的时限要求不是“N个工作日内”，请直接填写到期日');
  } else if (planDate) {
    const by = rules.find((r) => r.kind === 'by' && r.date === planDate);
    due = planDate;
    source = 'rule';
    note = by && by.kind === 'by' && by.source ? `工作方案：${by.source}` : '工作方案规定的日期';
  }
  if (!due) return { due_date: null, due_source: null, anchor_date: null, due_note: null, deadline: null };
  const deadline = effectiveDeadline(cal, due);
  if (deadline !== due) note = `${note}；${due}为休息日，顺延至${deadline}`;
  return { due_date: due, due_source: source, anchor_date: anchor, due_note: note, deadline };
}

/** The stored status: 逾期 whenever the deadline has passed and the measure is not done. */
export function storedStatus(chosen: MeasureStatus, deadline: string | null, today: string): MeasureStatus {
  if (chosen === 'done') return 'done';
  if (deadline && today > deadline) return 'overdue';
  return chosen === 'overdue' ? 'in_progress' : chosen;
}

/** The working day that lies `n` working days before `deadline` (n ≥ 1). */
export function workingDaysBefore(cal: WorkingCalendar, deadline: string, n: number): string {
  let d = deadline;
  let counted = 0;
  // Walk back one calendar day at a time; a year of days off in a row cannot happen.
  for (let guard = 0; guard < 400 && counted < n; guard++) {
    d = cal.addCalendarDays(d, -1);
    if (cal.isWorkingDay(d)) counted++;
  }
  return d;
}

export type ReminderRule = 'before' | 'due' | 'overdue';
/**
 * Which reminder is due today for a measure not yet done:
 * - before: from the working day N working days before the deadline until the day before it
 *   (so a missed run catches up, and the unique key keeps it to one);
 * - due: on the deadline itself;
 * - overdue: any day after the deadline.
 */
export function reminderFor(cal: WorkingCalendar, deadline: string, today: string, beforeDays: number): ReminderRule | null {
  if (today > deadline) return 'overdue';
  if (today === deadline) return 'due';
  if (beforeDays > 0 && today >= workingDaysBefore(cal, deadline, beforeDays)) return 'before';
  return null;
}
