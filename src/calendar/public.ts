/**
 * Front door of the calendar module: the pure engine (no I/O), plus the database-backed
 * calendar of an area (`getCalendar`). The loader that reads the shipped holiday file lives in
 * ./default-calendar.js and is imported separately on purpose.
 */
export { ensureCalendarSeeded, getCalendar } from './calendar.repo.js';
export { CalendarError, CalendarFileError, LocalOverrideError } from './calendar-error.js';
export type { CalendarErrorCode, CalendarProblem, OverrideProblem } from './calendar-error.js';
export type { CalendarData, DayEntry, DayKind, LocalOverride, NoticeAmendment, YearNotice } from './calendar-types.js';
export { CALENDAR_FORMAT, parseCalendarFile } from './calendar-file.js';
export { applyLocalOverrides } from './local-overrides.js';
export {
  civilFromDay, dayFromCivil, daysInMonth, formatIsoDate, isIsoDate, isLeapYear, isWeekend, lastDayOfMonth,
  lastDayOfQuarter, lastDayOfYear, parseIsoDate, tryParseIsoDate, weekday, weekdayName, yearOf,
} from './iso-date.js';
export type { CivilDate, DayNumber } from './iso-date.js';
export { DEFAULT_RANGE, MAX_WORKING_DAYS, WorkingCalendar } from './working-calendar.js';
export type { CountedDay, DayInfo, DayStatus, SkippedDay, WorkingDayExplanation } from './working-calendar.js';
export {
  DEFAULT_REPLY_DAYS, MAX_EXTENSION_DAYS, clockDue, closeClock, extendClock, pauseClock, remainingWorkingDays,
  requestClock, restartClock, resumeClock, startClock,
} from './request-clock.js';
export type { ClockEvent, ClockEventType, ClockOutcome, ClockStatus, RequestClock, RequestClockState } from './request-clock.js';
export { parseTimeLimit, resolveRule, rulesForYear } from './deadline-rules.js';
export type { DeadlineRule, DeadlineRuleKind, ParsedTimeLimit, RuleResolution } from './deadline-rules.js';
