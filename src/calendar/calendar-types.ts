/** Shapes shared by the calendar file reader, the overrides and the working calendar. */

export type DayKind = 'off' | 'work';

/**
 * One normalised official day: a day off or a make-up working day (调休上班).
 * `year` is the year of the notice that declared it, which is not always the date's year:
 * 2022-12-31 is a day off under the 2023 notice.
 */
export interface DayEntry {
  readonly date: string;
  readonly kind: DayKind;
  readonly name: string;
  readonly year: number;
  readonly source: string;
  /** Set only for local overrides: the district or province that declared the day. */
  readonly region?: string;
}

export interface NoticeAmendment {
  readonly notice: string;
  readonly source: string;
  readonly docNo?: string;
}

/** Per-year metadata: which notice the days come from, so every date can be traced. */
export interface YearNotice {
  readonly year: number;
  /** Null when the import format does not carry a title (holiday-cn files). */
  readonly notice: string | null;
  readonly source: string | null;
  readonly note?: string;
  readonly amendments: readonly NoticeAmendment[];
}

export interface CalendarData {
  readonly years: readonly YearNotice[];
  readonly entries: readonly DayEntry[];
}

/** A district's (or province's) own change on top of the national schedule. */
export interface LocalOverride {
  readonly from: string;
  /** Inclusive; omitted for a single day. */
  readonly to?: string;
  readonly kind: DayKind;
  readonly name: string;
  readonly source: string;
  readonly region?: string;
}
