// The reply clock of one request, rebuilt from its stored events (pure: no I/O). The event list
// is the truth; the request row only caches what this returns. Every refusal is a
// RequestEventRefused with a stable code, raised before anything is written.
import {
  CalendarError, closeClock, extendClock, MAX_EXTENSION_DAYS, pauseClock, restartClock, resumeClock, startClock,
  type ClockOutcome, type RequestClockState, type WorkingCalendar,
} from '../calendar/public.js';
import { FEE_PAY_DAYS } from './fee.js';
import { DECISION_CODES, type DecisionCode } from './table3.js';

/** Events an outside system (API) may post; `received` is written by intake/confirmation. */
export const API_EVENT_TYPES = [
  'correction_requested', 'correction_received', 'consultation_started', 'consultation_ended', 'extended', 'replied',
] as const;
export type ApiEventType = (typeof API_EVENT_TYPES)[number];
/** 收费通知 pauses the clock until payment (国办函〔2020〕109号: notice and payment time are not counted). */
export const FEE_EVENT_TYPES = ['fee_notice', 'fee_paid'] as const;
export type ClockEventKind = 'received' | ApiEventType | (typeof FEE_EVENT_TYPES)[number];
const CLOCK_TYPES: ReadonlySet<string> = new Set<string>(['received', ...API_EVENT_TYPES, ...FEE_EVENT_TYPES]);
export const isClockEvent = (type: string) => CLOCK_TYPES.has(type);

export const REQUEST_STATES = ['pending_confirmation', 'running', 'awaiting_correction', 'paused', 'awaiting_fee', 'closed'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
export const STATE_LABELS: Record<RequestState, string> = {
  pending_confirmation: '待确认', running: '办理中', awaiting_correction: '待补正', paused: '征求意见（暂停计时）', awaiting_fee: '待缴费（暂停计时）', closed: '已办结',
};

/** 补正 notice due within 7 working days of receipt (art. 30). */
export const CORRECTION_NOTICE_DAYS = 7;
/** Third parties and agencies have 15 working days to answer a consultation (arts. 32, 34). */
export const CONSULTATION_DAYS = 15;

export type StoredEvent = { type: string; on: string; days?: number | null; outcome?: string | null };

export type RefusalCode =
  | 'request_event_date_order' | 'request_already_extended' | 'request_already_corrected' | 'request_overdue'
  | 'request_illegal_transition' | 'request_closed' | 'request_extension_too_long' | 'request_not_confirmed'
  | 'request_fee_already_noticed' | 'request_fee_lapsed';

export class RequestEventRefused extends Error {
  readonly code: RefusalCode;
  constructor(code: RefusalCode, message: string) {
    super(message);
    this.code = code;
  }
}

export type ClockReplay = {
  state: RequestState;
  /** Due date as of now; null while paused, waiting for a correction or not yet received. */
  due: string | null;
  onTime: boolean | null;
  decision: DecisionCode | null;
  decidedOn: string | null;
  receivedOn: string | null;
  clock: RequestClockState | null;
  correction: { requestedOn: string; lateNotice: boolean; noticeDue: string; receivedOn: string | null } | null;
  /** While consulting: the day the clock resumes by itself if nobody answers (15th working day). */
  consultationUntil: string | null;
  fee: { noticedOn: string; payBy: string; paidOn: string | null } | null;
  /** Human notes on how the clock moved (implicit resumptions), in Chinese. */
  notes: string[];
};

const CLOSE_OUTCOME: Partial<Record<DecisionCode, ClockOutcome>> = {
  other_no_correction: 'correctionNotReceived', other_fee_unpaid: 'feeUnpaid',
};

export const isDecisionCode = (s: string): s is DecisionCode => (DECISION_CODES as readonly string[]).includes(s);

function translate(err: unknown): never {
  if (err instanceof CalendarError) {
    const code: RefusalCode = {
      CLOCK_DATE_ORDER: 'request_event_date_order', CLOCK_ALREADY_EXTENDED: 'request_already_extended',
      CLOCK_ALREADY_RESTARTED: 'request_already_corrected', CLOCK_OVERDUE: 'request_overdue',
      INVALID_DAY_COUNT: 'request_extension_too_long',
    }[err.code as string] as RefusalCode | undefined ?? 'request_illegal_transition';
    throw new RequestEventRefused(code, err.message);
  }
  throw err;
}

/**
 * Replays the clock events in order. `asOf` (a date) lets a consultation that nobody answered
 * resume by itself on its 15th working day. Non-clock events (assignment, notes) are ignored.
 */
export function replayClock(calendar: WorkingCalendar, events: readonly StoredEvent[], asOf?: string): ClockReplay {
  const r: ClockReplay = {
    state: 'pending_confirmation', due: null, onTime: null, decision: null, decidedOn: null, receivedOn: null,
    clock: null, correction: null, consultationUntil: null, fee: null, notes: [],
  };
  let lastOn: string | null = null;
  const resumeIfLapsed = (on: string, inclusive: boolean) => {
    if (r.state !== 'paused' || !r.consultationUntil || !r.clock) return;
    if (inclusive ? on >= r.consultationUntil : on > r.consultationUntil) {
      r.clock = wrap(() => resumeClock(calendar, r.clock!, r.consultationUntil!));
      r.notes.push(`征求意见于 ${r.consultationUntil}（第${CONSULTATION_DAYS}个工作日）期满，自动恢复计时`);
      r.state = 'running';
      r.consultationUntil = null;
    }
  };
  for (const e of events) {
    if (!isClockEvent(e.type)) continue;
    if (lastOn !== null && e.on < lastOn) throw new RequestEventRefused('request_event_date_order', `事件日期 ${e.on} 早于上一事件日期 ${lastOn}`);
    if (r.state === 'closed') throw new RequestEventRefused('request_closed', '申请已办结，不能再登记办理事件');
    if (e.type !== 'received' && r.state === 'pending_confirmation') throw new RequestEventRefused('request_not_confirmed', '申请尚未确认收到，不能登记办理事件');
    if (e.type !== 'consultation_ended') resumeIfLapsed(e.on, false);
    lastOn = e.on;
    switch (e.type as ClockEventKind) {
      case 'received': {
        if (r.clock) throw new RequestEventRefused('request_illegal_transition', '申请已确认收到');
        r.clock = wrap(() => startClock(calendar, e.on));
        r.receivedOn = e.on;
        r.state = 'running';
        break;
      }
      case 'correction_requested': {
        if (r.correction) throw new RequestEventRefused('request_already_corrected', '补正只能一次性告知');
        if (r.state !== 'running') throw new RequestEventRefused('request_illegal_transition', `当前状态为「${STATE_LABELS[r.state]}」，不能告知补正`);
        if (r.clock!.extendedBy > 0) throw new RequestEventRefused('request_illegal_transition', '已经延期的申请不能再告知补正');
        if (r.clock!.due && e.on > r.clock!.due) throw new RequestEventRefused('request_overdue', `${e.on} 已超过答复期限 ${r.clock!.due}，不能再告知补正`);
        const noticeDue = calendar.addWorkingDays(r.receivedOn!, CORRECTION_NOTICE_DAYS);
        r.correction = { requestedOn: e.on, noticeDue, lateNotice: e.on > noticeDue, receivedOn: null };
        r.state = 'awaiting_correction';
        break;
      }
      case 'correction_received': {
        if (r.state !== 'awaiting_correction') throw new RequestEventRefused('request_illegal_transition', '没有待补正的告知，不能登记补正材料');
        r.clock = wrap(() => restartClock(calendar, r.clock!, e.on));
        r.correction!.receivedOn = e.on;
        r.state = 'running';
        break;
      }
      case 'consultation_started': {
        if (r.state !== 'running') throw new RequestEventRefused('request_illegal_transition', `当前状态为「${STATE_LABELS[r.state]}」，不能开始征求意见`);
        r.clock = wrap(() => pauseClock(calendar, r.clock!, e.on));
        r.consultationUntil = calendar.addWorkingDays(e.on, CONSULTATION_DAYS);
        r.state = 'paused';
        break;
      }
      case 'consultation_ended': {
        if (r.state !== 'paused') throw new RequestEventRefused('request_illegal_transition', `当前状态为「${STATE_LABELS[r.state]}」，没有进行中的征求意见`);
        // An answer after the 15th working day does not extend the pause: the clock resumed then.
        const resumeOn = r.consultationUntil && e.on > r.consultationUntil ? r.consultationUntil : e.on;
        if (resumeOn !== e.on) r.notes.push(`意见 ${e.on} 才收到，计时已于 ${resumeOn}（第${CONSULTATION_DAYS}个工作日）恢复`);
        r.clock = wrap(() => resumeClock(calendar, r.clock!, resumeOn));
        r.consultationUntil = null;
        r.state = 'running';
        break;
      }
      case 'extended': {
        if (r.state !== 'running') throw new RequestEventRefused('request_illegal_transition', `当前状态为「${STATE_LABELS[r.state]}」，不能延期`);
        const days = e.days ?? MAX_EXTENSION_DAYS;
        if (r.clock!.extendedBy > 0) throw new RequestEventRefused('request_already_extended', '答复期限只能延长一次');
        if (!Number.isInteger(days) || days < 1 || days > MAX_EXTENSION_DAYS) {
          throw new RequestEventRefused('request_extension_too_long', `延长期限必须是 1 到 ${MAX_EXTENSION_DAYS} 个工作日`);
        }
        r.clock = wrap(() => extendClock(calendar, r.clock!, e.on, days));
        break;
      }
      case 'fee_notice': {
        if (r.fee) throw new RequestEventRefused('request_fee_already_noticed', '本申请已发出过收费通知');
        if (r.state !== 'running') throw new RequestEventRefused('request_illegal_transition', `当前状态为「${STATE_LABELS[r.state]}」，不能发出收费通知`);
        r.clock = wrap(() => pauseClock(calendar, r.clock!, e.on));
        r.fee = { noticedOn: e.on, payBy: calendar.addWorkingDays(e.on, FEE_PAY_DAYS), paidOn: null };
        r.state = 'awaiting_fee';
        break;
      }
      case 'fee_paid': {
        if (r.state !== 'awaiting_fee' || !r.fee) throw new RequestEventRefused('request_illegal_transition', '没有待缴纳的信息处理费');
        if (e.on > r.fee.payBy) throw new RequestEventRefused('request_fee_lapsed', `缴费期限 ${r.fee.payBy} 已过，申请视为放弃`);
        r.clock = wrap(() => resumeClock(calendar, r.clock!, e.on));
        r.fee.paidOn = e.on;
        r.state = 'running';
        break;
      }
      case 'replied': {
        const outcome = e.outcome ?? '';
        if (!isDecisionCode(outcome)) throw new RequestEventRefused('request_illegal_transition', `无效的办理结果：${outcome}`);
        const waitingForCorrection = r.state === 'awaiting_correction';
        if (outcome === 'other_fee_unpaid' && r.fee && !r.fee.paidOn && e.on <= r.fee.payBy) {
          throw new RequestEventRefused('request_illegal_transition', `缴费期限 ${r.fee.payBy} 尚未届满，不能按逾期未缴费终止`);
        }
        r.clock = wrap(() => closeClock(calendar, r.clock!, e.on, CLOSE_OUTCOME[outcome] ?? 'replied'));
        // Closed while waiting for the applicant (no correction) cannot be late: the office was not the one waiting.
        r.onTime = waitingForCorrection ? true : r.clock.onTime;
        r.decision = outcome;
        r.decidedOn = e.on;
        r.state = 'closed';
        r.consultationUntil = null;
        break;
      }
    }
  }
  if (asOf) resumeIfLapsed(asOf, true);
  r.due = r.state === 'running' || r.state === 'closed' ? r.clock?.due ?? null : null;
  return r;
}

function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    return translate(err);
  }
}
