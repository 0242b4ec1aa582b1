// Pure rules for information items: index numbers, disclosure periods, timeliness, body input.
import { escapeHtml } from '#jsx/jsx-runtime';
import type { DisclosureAttribute, ItemStatus, ItemType } from '../db/disclosure.tables.js';

/** 《条例》第二十六条: within 20 working days of the information being formed or changed. */
export const DEFAULT_DISCLOSURE_DAYS = 20;
/** 行政处罚决定: within 7 working days (the plan and 国办发〔2018〕118号). */
export const PENALTY_DISCLOSURE_DAYS = 7;
/** 政策解读: within 3 working days after the policy document is published. */
export const INTERPRETATION_DAYS = 3;
/** On-request and withheld items come up for re-review a year after each decision. */
export const REVIEW_INTERVAL_YEARS = 1;

/** Item types that need a 政策解读 ("谁起草、谁解读") when `needs_interpretation` is set; normative always. */
export const needsInterpretation = (item: { item_type: ItemType; needs_interpretation: number }): boolean =>
  item.item_type === 'normative' || (item.item_type === 'policy' && item.needs_interpretation === 1);

/** 索引号: unit code – year – five-digit serial, e.g. 370305005-2026-00012. */
export const formatIndexNo = (unitCode: string, year: number, serial: number): string =>
  `${unitCode}-${year}-${String(serial).padStart(5, '0')}`;

/** The statutory period for an item when the user gives none. */
export function defaultDisclosureDays(type: ItemType, categoryCode: string): number {
  return type === 'penalty' || categoryCode === 'xzzf-cf' ? PENALTY_DISCLOSURE_DAYS : DEFAULT_DISCLOSURE_DAYS;
}

/**
 * THE statutory due date of an item — the one place this rule is written. A proactive item is due
 * `disclosure_days` working days after it was formed or changed (《条例》第二十六条: 20; 行政处罚 7); an
 * interpretation is due 3 working days after its policy's publication, unknown until the policy is
 * published. Items that are not proactive have no due date. Drafting, sign-off and the review queue's
 * conversion to proactive all call this.
 */
export function statutoryDueDate(
  cal: { addWorkingDays(from: string, days: number): string },
  item: { attribute: DisclosureAttribute; item_type: ItemType; formed_on: string; disclosure_days: number },
  policy?: { status: ItemStatus; published_on: string | null } | null,
): string | null {
  if (item.attribute !== 'proactive') return null;
  if (item.item_type === 'interpretation') {
    return policy && policy.status === 'published' && policy.published_on ? cal.addWorkingDays(policy.published_on, INTERPRETATION_DAYS) : null;
  }
  return cal.addWorkingDays(item.formed_on, item.disclosure_days);
}

/** The catalog entry used when none is chosen (the CLI, quick drafts). */
export function defaultCategory(type: ItemType): string {
  return { general: 'qt', normative: 'zcwj-gfxwj', policy: 'zcwj-qtzcwj', interpretation: 'zcjd', penalty: 'xzzf-cf' }[type];
}

export type Timeliness = 'on_time' | 'late' | 'pending' | 'overdue' | 'none';
export const TIMELINESS_LABELS: Record<Timeliness, string> = {
  on_time: '按时公开', late: '逾期公开', pending: '未到期', overdue: '已超期未公开', none: '不适用',
};

/**
 * Whether a proactive item met its deadline. Acting on the due date itself is on time
 * (domain brief §3). Items that are not proactive, withdrawn, or without a due date yet
 * (an interpretation whose policy is unpublished) have no timeliness.
 */
export function timeliness(
  item: { attribute: DisclosureAttribute; status: ItemStatus; due_date: string | null; published_on: string | null },
  today: string,
): Timeliness {
  if (item.attribute !== 'proactive' || item.status === 'withdrawn' || !item.due_date) return 'none';
  if (item.status === 'published') return item.published_on && item.published_on > item.due_date ? 'late' : 'on_time';
  return today > item.due_date ? 'overdue' : 'pending';
}

/** Same day n years later; 29 February becomes 28 February in a common year. */
export function addYears(date: string, n: number): string {
  const y = Number(date.slice(0, 4)) + n;
  const md = date.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${y}-${md === '02-29' && !leap ? '02-28' : md}`;
}

/**
 * Body input is HTML when it contains markup, otherwise plain text whose blank-line separated
 * paragraphs become <p> elements (the CLI's --body and API clients sending text).
 * The result still goes through sanitizeBody.
 */
export function bodyInputToHtml(input: string): string {
  if (/<\/?[a-zA-Z!][^>]*>/.test(input)) return input;
  return input
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}
