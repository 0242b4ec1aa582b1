import { CalendarError } from './calendar-error.js';
import type { CalendarData, DayEntry } from './calendar-types.js';
import {
  formatIsoDate, isWeekend, lastDayOfMonth, lastDayOfQuarter, lastDayOfYear, parseIsoDate,
  tryParseIsoDate, weekdayName, yearOf, type DayNumber,
} from './iso-date.js';

/** The precomputed span. Wide enough for any plan or request the platform will see. */
export const DEFAULT_RANGE = { from: '2000-01-01', to: '2100-12-31' } as const;
/** Ten years of working days: far beyond any legal period, small enough to catch unit mistakes. */
export const MAX_WORKING_DAYS = 3650;

export interface CountedDay { readonly date: string; readonly ordinal: number }
export interface SkippedDay { readonly date: string; readonly reason: string }
export interface WorkingDayExplanation {
  readonly due: string;
  readonly counted: readonly CountedDay[];
  readonly skipped: readonly SkippedDay[];
  readonly warnings: readonly string[];
}

export type DayStatus = 'workday' | 'weekend' | 'off' | 'makeUp';
export interface DayInfo {
  readonly date: string;
  readonly working: boolean;
  readonly status: DayStatus;
  readonly weekday: string;
  /** Holiday name for days off, 周末 for plain weekends, the make-up day's name, or 工作日. */
  readonly label: string;
}

const WEEKEND_REASON = 1;

/**
 * Working days per the State Council notices: Monday–Friday unless declared off, plus
 * weekend days declared working (调休上班). Years without data fall back to weekends only,
 * and every result that touches such a year carries a warning.
 *
 * Everything is precomputed into typed arrays over the range, so isWorkingDay,
 * addWorkingDays and workingDaysBetween are O(1): `ordinal[i]` is the number of working
 * days from the range start through day i, and `byOrdinal[k]` is the index of the k-th one.
 */
export class WorkingCalendar {
  readonly #base: DayNumber;
  readonly #length: number;
  readonly #kind: Uint8Array; // 0 workday, 1 weekend, 2 off, 3 make-up
  readonly #label: Uint16Array; // index into #labels; 0 for ordinary days
  readonly #labels: string[] = ['工作日', '周末'];
  readonly #ordinal: Int32Array;
  readonly #byOrdinal: Int32Array;
  readonly #iso: string[];
  readonly #years: ReadonlySet<number>;

  /** Later entries win for the same date, so local overrides can simply be appended. */
  constructor(entries: readonly DayEntry[], yearsWithData: Iterable<number>, range: { from: string; to: string } = DEFAULT_RANGE) {
    const from = parseIsoDate(range.from, '日历起始日期');
    const to = parseIsoDate(range.to, '日历结束日期');
    if (to < from) throw new CalendarError('DATE_OUT_OF_RANGE', '日历结束日期早于起始日期');
    this.#base = from;
    this.#length = to - from + 1;
    this.#years = new Set(yearsWithData);
    this.#kind = new Uint8Array(this.#length);
    this.#label = new Uint16Array(this.#length);
    this.#iso = new Array<string>(this.#length);
    for (let i = 0; i < this.#length; i++) {
      this.#iso[i] = formatIsoDate(from + i);
      if (isWeekend(from + i)) { this.#kind[i] = 1; this.#label[i] = WEEKEND_REASON; }
    }
    const labelIndex = new Map<string, number>();
    for (const e of entries) {
      const i = parseIsoDate(e.date, '节假日条目日期') - from;
      // Entries outside the range cannot influence any computation inside it.
      if (i < 0 || i >= this.#length) continue;
      let li = labelIndex.get(e.name);
      if (li === undefined) { li = this.#labels.push(e.name) - 1; labelIndex.set(e.name, li); }
      this.#kind[i] = e.kind === 'off' ? 2 : 3;
      this.#label[i] = li;
    }
    this.#ordinal = new Int32Array(this.#length);
    let count = 0;
    for (let i = 0; i < this.#length; i++) {
      if (this.#kind[i] === 0 || this.#kind[i] === 3) count++;
      this.#ordinal[i] = count;
    }
    this.#byOrdinal = new Int32Array(count + 1);
    this.#byOrdinal[0] = -1;
    for (let i = 0; i < this.#length; i++) {
      if (this.#kind[i] === 0 || this.#kind[i] === 3) this.#byOrdinal[this.#ordinal[i]] = i;
    }
  }

  static fromData(data: CalendarData, range?: { from: string; to: string }): WorkingCalendar {
    return new WorkingCalendar(data.entries, data.years.map((y) => y.year), range);
  }

  get range(): { readonly from: string; readonly to: string } {
    return { from: this.#iso[0], to: this.#iso[this.#length - 1] };
  }

  get yearsWithData(): readonly number[] {
    return [...this.#years].sort((a, b) => a - b);
  }

  hasDataFor(year: number): boolean {
    return this.#years.has(year);
  }

  isWorkingDay(date: string): boolean {
    const k = this.#kind[this.#index(date)];
    return k === 0 || k === 3;
  }

  describeDay(date: string): DayInfo {
    const i = this.#index(date);
    const k = this.#kind[i];
    const status: DayStatus = k === 0 ? 'workday' : k === 1 ? 'weekend' : k === 2 ? 'off' : 'makeUp';
    return { date: this.#iso[i], working: k === 0 || k === 3, status, weekday: weekdayName(this.#base + i), label: this.#labels[this.#label[i]] };
  }

  /**
   * The date of the n-th working day after `start` (start itself never counts, per
   * 民法典 art. 201). n = 0 returns `start` unchanged even when it is not a working day:
   * a zero-length period ends where it starts. n must be an integer 0..3650.
   */
  addWorkingDays(start: string, n: number): string {
    return this.#iso[this.#addIndex(this.#index(start, '起算日期'), n)];
  }

  /** Day-number variant of addWorkingDays for callers that already hold day numbers. */
  addWorkingDaysToDay(start: DayNumber, n: number): DayNumber {
    const i = start - this.#base;
    if (!Number.isInteger(i) || i < 0 || i >= this.#length) throw this.#outOfRange(String(start));
    return this.#base + this.#addIndex(i, n);
  }

  /**
   * Working days in (a, b]: a is not counted, b is. Antisymmetric: for a > b the result is
   * minus the count in (b, a]. So workingDaysBetween(d, addWorkingDays(d, n)) === n.
   */
  workingDaysBetween(a: string, b: string): number {
    return this.#ordinal[this.#index(b)] - this.#ordinal[this.#index(a)];
  }

  /** Same result as addWorkingDays, plus every day looked at and why it was skipped. */
  explainAddWorkingDays(start: string, n: number): WorkingDayExplanation {
    const s = this.#index(start, '起算日期');
    const due = this.#addIndex(s, n);
    const counted: CountedDay[] = [];
    const skipped: SkippedDay[] = [];
    for (let i = s + 1; i <= due; i++) {
      const k = this.#kind[i];
      if (k === 0 || k === 3) counted.push({ date: this.#iso[i], ordinal: counted.length + 1 });
      else skipped.push({ date: this.#iso[i], reason: this.#labels[this.#label[i]] });
    }
    return { due: this.#iso[due], counted, skipped, warnings: this.#warnings(s, due) };
  }

  /** Chinese warnings for every year in [from, to] whose holiday notice is not loaded. */
  dataWarnings(from: string, to: string): string[] {
    const a = this.#index(from);
    const b = this.#index(to);
    return this.#warnings(Math.min(a, b), Math.max(a, b));
  }

  addCalendarDays(date: string, n: number): string {
    if (!Number.isInteger(n)) throw new CalendarError('INVALID_DAY_COUNT', `天数必须是整数，收到：${String(n)}`);
    const i = this.#index(date) + n;
    if (i < 0 || i >= this.#length) throw this.#outOfRange(`${date} ${n >= 0 ? '+' : '-'} ${Math.abs(n)} 天`);
    return this.#iso[i];
  }

  endOfMonth(date: string): string {
    return this.#at(lastDayOfMonth(this.#base + this.#index(date)) - this.#base, date);
  }

  endOfQuarter(date: string): string {
    return this.#at(lastDayOfQuarter(this.#base + this.#index(date)) - this.#base, date);
  }

  endOfYear(date: string): string {
    return this.#at(lastDayOfYear(this.#base + this.#index(date)) - this.#base, date);
  }

  #index(date: string, what = '日期'): number {
    const day = typeof date === 'string' ? tryParseIsoDate(date) : null;
    const i = (day ?? parseIsoDate(date, what)) - this.#base;
    if (i < 0 || i >= this.#length) throw this.#outOfRange(date);
    return i;
  }

  #at(i: number, what: string): string {
    if (i < 0 || i >= this.#length) throw this.#outOfRange(what);
    return this.#iso[i];
  }

  #addIndex(start: number, n: number): number {
    if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
      throw new CalendarError('INVALID_DAY_COUNT', `工作日天数必须是 0 到 ${MAX_WORKING_DAYS} 之间的整数，收到：${String(n)}`);
    }
    if (n === 0) return start;
    const k = this.#ordinal[start] + n;
    if (k >= this.#byOrdinal.length) throw this.#outOfRange(`${this.#iso[start]} 之后第 ${n} 个工作日`);
    return this.#byOrdinal[k];
  }

  #warnings(from: number, to: number): string[] {
    const out: string[] = [];
    for (let y = yearOf(this.#base + from); y <= yearOf(this.#base + to); y++) {
      if (!this.#years.has(y)) out.push(`${y}年节假日安排尚未录入`);
    }
    return out;
  }

  #outOfRange(what: string): CalendarError {
    return new CalendarError('DATE_OUT_OF_RANGE', `超出日历范围（${this.#iso[0]} 至 ${this.#iso[this.#length - 1]}）：${what}`);
  }
}
