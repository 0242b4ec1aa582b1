import { CalendarError } from './calendar-error.js';
import { parseIsoDate } from './iso-date.js';
import type { WorkingCalendar } from './working-calendar.js';

/**
 * The reply clock of an information request (条例 arts. 30–33). Pure: every transition
 * takes a state and returns a new frozen state, so the requests module can store the
 * event list and rebuild or audit the clock at any time.
 *
 * - start: reply due the 20th working day after receipt (art. 33 ¶2; receipt day not counted).
 * - pause/resume: third-party or inter-agency consultation is not counted (art. 33 ¶3).
 *   Working days in (receipt, pause day] are used up; on resume the remaining ones are
 *   counted again from the resume day, which itself is not counted.
 * - restart: a corrected request (补正, art. 30) restarts the full period from its receipt.
 *   Corrections are requested once, so this is allowed once, and not after an extension.
 * - extend: once, at most 20 working days, decided no later than the current due date.
 * - close: the reply was sent, or the request ended (unanswered 补正, unpaid fee, withdrawn).
 */
export const DEFAULT_REPLY_DAYS = 20;
export const MAX_EXTENSION_DAYS = 20;

export type ClockStatus = 'running' | 'paused' | 'closed';
export type ClockEventType = 'start' | 'pause' | 'resume' | 'restart' | 'extend' | 'close';
export type ClockOutcome = 'replied' | 'correctionNotReceived' | 'feeUnpaid' | 'withdrawn';

export interface ClockEvent {
  readonly type: ClockEventType;
  readonly on: string;
  /** Due date after the event; null while paused. */
  readonly due: string | null;
  /** Working days left after the event, counted from `on`. */
  readonly remaining: number;
  readonly days?: number;
  readonly outcome?: ClockOutcome;
}

export interface RequestClockState {
  readonly status: ClockStatus;
  readonly receivedOn: string;
  readonly periodDays: number;
  /** Receipt date, or the receipt date of the corrected request after a restart. */
  readonly periodStart: string;
  readonly due: string | null;
  readonly pausedOn: string | null;
  readonly remainingAtPause: number | null;
  readonly extendedBy: number;
  readonly restarted: boolean;
  readonly outcome: ClockOutcome | null;
  /** True when closed on or before the due date. Null until closed. */
  readonly onTime: boolean | null;
  readonly events: readonly ClockEvent[];
  /** Years touched by the clock whose holiday notice is not loaded, in Chinese. */
  readonly warnings: readonly string[];
}

export function startClock(calendar: WorkingCalendar, receivedOn: string, days: number = DEFAULT_REPLY_DAYS): RequestClockState {
  parseIsoDate(receivedOn, '收到申请日期');
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    throw new CalendarError('INVALID_DAY_COUNT', `答复期限必须是 1 到 3650 之间的整数个工作日，收到：${String(days)}`);
  }
  const due = calendar.addWorkingDays(receivedOn, days);
  return freeze({
    status: 'running', receivedOn, periodDays: days, periodStart: receivedOn, due,
    pausedOn: null, remainingAtPause: null, extendedBy: 0, restarted: false, outcome: null, onTime: null,
    events: [{ type: 'start', on: receivedOn, due, remaining: days, days }],
    warnings: calendar.dataWarnings(receivedOn, due),
  });
}

export function pauseClock(calendar: WorkingCalendar, state: RequestClockState, on: string): RequestClockState {
  const due = requireRunning(state, on, '暂停计时（征求第三方意见）');
  if (on > due) throw new CalendarError('CLOCK_OVERDUE', `${on} 已超过答复期限 ${due}，不能再暂停计时`);
  const remaining = calendar.workingDaysBetween(on, due);
  return next(calendar, state, { status: 'paused', due: null, pausedOn: on, remainingAtPause: remaining }, { type: 'pause', on, due: null, remaining });
}

export function resumeClock(calendar: WorkingCalendar, state: RequestClockState, on: string): RequestClockState {
  checkDate(state, on);
  if (state.status !== 'paused' || state.remainingAtPause === null) throw illegal(state, '恢复计时');
  const remaining = state.remainingAtPause;
  const due = calendar.addWorkingDays(on, remaining);
  return next(calendar, state, { status: 'running', due, pausedOn: null, remainingAtPause: null }, { type: 'resume', on, due, remaining });
}

export function restartClock(calendar: WorkingCalendar, state: RequestClockState, on: string): RequestClockState {
  requireRunning(state, on, '补正后重新计时');
  if (state.restarted) throw new CalendarError('CLOCK_ALREADY_RESTARTED', '补正只能一次性告知，期限已经重新计算过一次');
  if (state.extendedBy > 0) throw new CalendarError('CLOCK_ILLEGAL_TRANSITION', '已经延期的申请不能再因补正重新计时');
  const due = calendar.addWorkingDays(on, state.periodDays);
  return next(calendar, state, { periodStart: on, due, restarted: true }, { type: 'restart', on, due, remaining: state.periodDays });
}

export function extendClock(calendar: WorkingCalendar, state: RequestClockState, on: string, days: number = MAX_EXTENSION_DAYS): RequestClockState {
  const current = requireRunning(state, on, '延期答复');
  if (state.extendedBy > 0) throw new CalendarError('CLOCK_ALREADY_EXTENDED', '答复期限只能延长一次');
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXTENSION_DAYS) {
    throw new CalendarError('INVALID_DAY_COUNT', `延长期限必须是 1 到 ${MAX_EXTENSION_DAYS} 之间的整数个工作日，收到：${String(days)}`);
  }
  if (on > current) throw new CalendarError('CLOCK_OVERDUE', `延期须在答复期限 ${current} 届满前决定，${on} 已逾期`);
  const due = calendar.addWorkingDays(current, days);
  return next(calendar, state, { due, extendedBy: days }, { type: 'extend', on, due, remaining: calendar.workingDaysBetween(on, due), days });
}

export function closeClock(calendar: WorkingCalendar, state: RequestClockState, on: string, outcome: ClockOutcome): RequestClockState {
  checkDate(state, on);
  if (state.status === 'closed') throw illegal(state, '结束计时');
  // A request closed while paused (e.g. withdrawn during consultation) cannot be late.
  const onTime = state.due === null ? true : on <= state.due;
  return next(calendar, state, { status: 'closed', outcome, onTime }, { type: 'close', on, due: state.due, remaining: 0, outcome });
}

export function clockDue(state: RequestClockState): string | null {
  return state.due;
}

/**
 * Working days left as of `asOf` (default: the last event): while running, working days in
 * (asOf, due], negative once overdue; while paused, the days frozen at the pause; 0 when closed.
 */
export function remainingWorkingDays(calendar: WorkingCalendar, state: RequestClockState, asOf?: string): number {
  if (state.status === 'closed') return 0;
  if (state.status === 'paused' || state.due === null) return state.remainingAtPause ?? 0;
  return calendar.workingDaysBetween(asOf ?? lastEvent(state).on, state.due);
}

export interface RequestClock {
  start(receivedOn: string, days?: number): RequestClockState;
  pause(state: RequestClockState, on: string): RequestClockState;
  resume(state: RequestClockState, on: string): RequestClockState;
  restart(state: RequestClockState, on: string): RequestClockState;
  extend(state: RequestClockState, on: string, days?: number): RequestClockState;
  close(state: RequestClockState, on: string, outcome: ClockOutcome): RequestClockState;
  due(state: RequestClockState): string | null;
  remaining(state: RequestClockState, asOf?: string): number;
}

/** The same transitions with the calendar bound, for call sites that use one calendar. */
export function requestClock(calendar: WorkingCalendar): RequestClock {
  return {
    start: (receivedOn: string, days?: number) => startClock(calendar, receivedOn, days),
    pause: (state: RequestClockState, on: string) => pauseClock(calendar, state, on),
    resume: (state: RequestClockState, on: string) => resumeClock(calendar, state, on),
    restart: (state: RequestClockState, on: string) => restartClock(calendar, state, on),
    extend: (state: RequestClockState, on: string, days?: number) => extendClock(calendar, state, on, days),
    close: (state: RequestClockState, on: string, outcome: ClockOutcome) => closeClock(calendar, state, on, outcome),
    due: clockDue,
    remaining: (state: RequestClockState, asOf?: string) => remainingWorkingDays(calendar, state, asOf),
  };
}

function requireRunning(state: RequestClockState, on: string, action: string): string {
  checkDate(state, on);
  if (state.status !== 'running' || state.due === null) throw illegal(state, action);
  return state.due;
}

/** Events must not go back in time: the event list is the audit trail of the clock. */
function checkDate(state: RequestClockState, on: string): void {
  parseIsoDate(on, '事件日期');
  const last = lastEvent(state).on;
  if (on < last) throw new CalendarError('CLOCK_DATE_ORDER', `事件日期 ${on} 早于上一事件日期 ${last}`);
}

function illegal(state: RequestClockState, action: string): CalendarError {
  const label = { running: '计时中', paused: '已暂停', closed: '已结束' }[state.status];
  return new CalendarError('CLOCK_ILLEGAL_TRANSITION', `当前状态为「${label}」，不能${action}`);
}

function lastEvent(state: RequestClockState): ClockEvent {
  return state.events[state.events.length - 1];
}

function next(calendar: WorkingCalendar, state: RequestClockState, patch: Partial<RequestClockState>, event: ClockEvent): RequestClockState {
  const merged = { ...state, ...patch };
  const span = merged.due ?? event.on;
  const warnings = new Set([...state.warnings, ...calendar.dataWarnings(state.receivedOn, span > event.on ? span : event.on)]);
  return freeze({ ...merged, events: [...state.events, event], warnings: [...warnings] });
}

function freeze(state: RequestClockState): RequestClockState {
  state.events.forEach((e) => Object.freeze(e));
  Object.freeze(state.events);
  Object.freeze(state.warnings);
  return Object.freeze(state);
}
