/**
 * A structured reading of one clause of a 时限要求 cell. The JSON shape is a contract with
 * the plan and ledger modules (it is stored), so field names must not change.
 */
export type DeadlineRule =
  /** N working days after an event, e.g. 信息形成或者变更之日起20个工作日内; repeat for 每月后N个工作日内. */
  | { readonly kind: 'workingDays'; readonly days: number; readonly after: string; readonly repeat?: 'monthly' }
  /** A period that must last at least N calendar days, e.g. 征求意见期限不少于30日. */
  | { readonly kind: 'minCalendarDays'; readonly days: number }
  /** A fixed date; `source` keeps the phrase (6月底前) so a copied plan can be re-resolved. */
  | { readonly kind: 'by'; readonly date: string; readonly source?: string }
  | { readonly kind: 'quarterly' }
  | { readonly kind: 'monthly' }
  /** A standing duty without a due date: 长期坚持, 长期公示, 定期公开, 动态调整 … */
  | { readonly kind: 'ongoing' }
  /** Applies while a condition holds, e.g. 疫情防控期间. */
  | { readonly kind: 'during'; readonly condition: string }
  /** Not understood: kept verbatim (whitespace removed) and always reported in the warnings. */
  | { readonly kind: 'text'; readonly text: string };

export type DeadlineRuleKind = DeadlineRule['kind'];

export interface ParsedTimeLimit {
  readonly rules: DeadlineRule[];
  readonly warnings: string[];
}

export interface RuleResolution {
  /** Act on or before this date; null when the rule has no computable due date. */
  readonly due: string | null;
  /** minCalendarDays only: the period may not end before this date. */
  readonly earliestEnd: string | null;
  /** How the date was obtained, in Chinese, for the UI. */
  readonly explanation: string;
  readonly warnings: readonly string[];
}
