import { CalendarError } from './calendar-error.js';

/**
 * Calendar dates as UTC day numbers (days since 1970-01-01). Working on integers instead
 * of Date objects keeps arithmetic exact (no time zones, no DST) and fast.
 */
export type DayNumber = number;

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Proleptic Gregorian date → day number (H. Hinnant's days_from_civil). */
export function dayFromCivil(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDay(dayNumber: DayNumber): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Returns null instead of throwing; the hot path of the calendar uses this. */
export function tryParseIsoDate(text: string): DayNumber | null {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const y = digits(text, 0, 4);
  const m = digits(text, 5, 2);
  const d = digits(text, 8, 2);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return dayFromCivil(y, m, d);
}

/**
 * Strict `YYYY-MM-DD`. Anything else ("2022/6/23", "2022-6-23", "2022-02-30", "") is
 * rejected rather than guessed, because a silently misread date moves a legal deadline.
 */
export function parseIsoDate(text: unknown, what = '日期'): DayNumber {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new CalendarError('INVALID_DATE', `${what}为空，应为 YYYY-MM-DD 格式（如 2022-06-23）`);
  }
  const day = tryParseIsoDate(text);
  if (day !== null) return day;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    throw new CalendarError('INVALID_DATE', `${what}不存在：「${text}」`);
  }
  throw new CalendarError('INVALID_DATE', `${what}格式无效：「${text}」，应为 YYYY-MM-DD 格式（如 2022-06-23）`);
}

export function isIsoDate(text: unknown): text is string {
  return typeof text === 'string' && tryParseIsoDate(text) !== null;
}

export function formatIsoDate(dayNumber: DayNumber): string {
  const { year, month, day } = civilFromDay(dayNumber);
  if (year < 1 || year > 9999) {
    throw new CalendarError('DATE_OUT_OF_RANGE', `日期超出可表示范围（0001-01-01 至 9999-12-31）`);
  }
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** 0 = Sunday … 6 = Saturday, the same convention as Date#getUTCDay. 1970-01-01 was a Thursday. */
export function weekday(dayNumber: DayNumber): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function weekdayName(dayNumber: DayNumber): string {
  return WEEKDAY_NAMES[weekday(dayNumber)];
}

export function isWeekend(dayNumber: DayNumber): boolean {
  const w = weekday(dayNumber);
  return w === 0 || w === 6;
}

export function yearOf(dayNumber: DayNumber): number {
  return civilFromDay(dayNumber).year;
}

export function lastDayOfMonth(dayNumber: DayNumber): DayNumber {
  const { year, month } = civilFromDay(dayNumber);
  return dayFromCivil(year, month, daysInMonth(year, month));
}

export function lastDayOfQuarter(dayNumber: DayNumber): DayNumber {
  const { year, month } = civilFromDay(dayNumber);
  const endMonth = Math.ceil(month / 3) * 3;
  return dayFromCivil(year, endMonth, daysInMonth(year, endMonth));
}

export function lastDayOfYear(dayNumber: DayNumber): DayNumber {
  return dayFromCivil(civilFromDay(dayNumber).year, 12, 31);
}

/** Reads a fixed-width run of ASCII digits; -1 if any character is not a digit. */
function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}
