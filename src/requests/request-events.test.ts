// The request clock rebuilt from stored events: dates per event, refusals with stable codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDefaultCalendar } from '../calendar/default-calendar.js';
import { replayClock, RequestEventRefused, type StoredEvent } from './request-events.js';

const cal = loadDefaultCalendar();
const ev = (type: string, on: string, extra: Partial<StoredEvent> = {}): StoredEvent => ({ type, on, ...extra });

type Case = { name: string; events: StoredEvent[]; asOf?: string; state: string; due: string | null; onTime?: boolean | null; extra?: (r: ReturnType<typeof replayClock>) => void };
const cases: Case[] = [
  { name: 'nothing received yet: 待确认, no due date', events: [ev('submitted', '2022-09-28')], state: 'pending_confirmation', due: null },
  { name: 'received: due the 20th working day, receipt day not counted (National Day skipped, make-up Saturdays counted)', events: [ev('received', '2022-09-28')], state: 'running', due: '2022-10-31' },
  {
    name: '补正 requested within 7 working days: waiting, no due; flagged on time', events: [ev('received', '2022-09-28'), ev('correction_requested', '2022-10-12')],
    state: 'awaiting_correction', due: null, extra: (r) => { assert.equal(r.correction?.noticeDue, '2022-10-12'); assert.equal(r.correction?.lateNotice, false); },
  },
  {
    name: '补正 notice on the 8th working day is flagged late (not refused)', events: [ev('received', '2022-09-28'), ev('correction_requested', '2022-10-13')],
    state: 'awaiting_correction', due: null, extra: (r) => assert.equal(r.correction?.lateNotice, true),
  },
  {
    name: 'corrected request restarts the full 20 days from its receipt', events: [ev('received', '2022-09-28'), ev('correction_requested', '2022-09-30'), ev('correction_received', '2022-10-14')],
    state: 'running', due: '2022-11-11',
  },
  {
    name: 'no correction: closed as other_no_correction, not late', events: [ev('received', '2022-09-28'), ev('correction_requested', '2022-09-30'), ev('replied', '2022-12-01', { outcome: 'other_no_correction' })],
    state: 'closed', due: '2022-10-31', onTime: true,
  },
  {
    name: 'consultation pauses and resumes with the remaining days (清明 skipped, make-up Sunday 4/7 counted)',
    events: [ev('received', '2024-03-01'), ev('consultation_started', '2024-03-08'), ev('consultation_ended', '2024-03-20')],
    state: 'running', due: '2024-04-11',
  },
  {
    name: 'paused: due is null, resumes by itself on the 15th working day', events: [ev('received', '2024-03-01'), ev('consultation_started', '2024-03-08')],
    state: 'paused', due: null, extra: (r) => assert.equal(r.consultationUntil, '2024-03-29'),
  },
  { name: 'as of a day after the 15th working day the clock runs again', events: [ev('received', '2024-03-01'), ev('consultation_started', '2024-03-08')], asOf: '2024-04-01', state: 'running', due: '2024-04-22' },
  {
    name: 'a late answer does not extend the pause', events: [ev('received', '2024-03-01'), ev('consultation_started', '2024-03-08'), ev('consultation_ended', '2024-04-10')],
    state: 'running', due: '2024-04-22', extra: (r) => assert.match(r.notes.join(''), /2024-03-29/),
  },
  {
    name: 'reply without an answer after the 15th day: the pause ended then', events: [ev('received', '2024-03-01'), ev('consultation_started', '2024-03-08'), ev('replied', '2024-04-22', { outcome: 'disclosed' })],
    state: 'closed', due: '2024-04-22', onTime: true,
  },
  {
    name: 'extension decided on the due date: up to 20 more working days after it', events: [ev('received', '2022-09-28'), ev('extended', '2022-10-31', { days: 20 })],
    state: 'running', due: '2022-11-28',
  },
  { name: 'replied on the due date is on time', events: [ev('received', '2022-09-28'), ev('replied', '2022-10-31', { outcome: 'partial' })], state: 'closed', due: '2022-10-31', onTime: true },
  {
    name: 'replied a day late is not', events: [ev('received', '2022-09-28'), ev('replied', '2022-11-01', { outcome: 'withheld_art15_third_party' })], state: 'closed', due: '2022-10-31', onTime: false,
    extra: (r) => { assert.equal(r.decision, 'withheld_art15_third_party'); assert.equal(r.decidedOn, '2022-11-01'); },
  },
  { name: 'non-clock events are ignored', events: [ev('received', '2022-09-28'), ev('assigned', '2022-09-20')], state: 'running', due: '2022-10-31' },
];
for (const c of cases) {
  test(`replay: ${c.name}`, () => {
    const r = replayClock(cal, c.events, c.asOf);
    assert.equal(r.state, c.state);
    assert.equal(r.due, c.due);
    if (c.onTime !== undefined) assert.equal(r.onTime, c.onTime);
    c.extra?.(r);
  });
}

const refusals: { name: string; events: StoredEvent[]; code: string }[] = [
  { name: 'a second extension', events: [ev('received', '2022-09-28'), ev('extended', '2022-10-20', { days: 5 }), ev('extended', '2022-10-21', { days: 5 })], code: 'request_already_extended' },
  { name: 'an extension of 21 days', events: [ev('received', '2022-09-28'), ev('extended', '2022-10-20', { days: 21 })], code: 'request_extension_too_long' },
  { name: 'an extension after the due date', events: [ev('received', '2022-09-28'), ev('extended', '2022-11-01', { days: 5 })], code: 'request_overdue' },
  { name: 'a pause after the due date', events: [ev('received', '2022-09-28'), ev('consultation_started', '2022-11-01')], code: 'request_overdue' },
  { name: 'a date before the previous event', events: [ev('received', '2022-09-28'), ev('consultation_started', '2022-10-10'), ev('consultation_ended', '2022-10-09')], code: 'request_event_date_order' },
  { name: 'a second correction notice', events: [ev('received', '2022-09-28'), ev('correction_requested', '2022-09-29'), ev('correction_received', '2022-09-30'), ev('correction_requested', '2022-10-10')], code: 'request_already_corrected' },
  { name: 'a correction received without a notice', events: [ev('received', '2022-09-28'), ev('correction_received', '2022-09-30')], code: 'request_illegal_transition' },
  { name: 'resume without a pause', events: [ev('received', '2022-09-28'), ev('consultation_ended', '2022-09-30')], code: 'request_illegal_transition' },
  { name: 'anything after the reply', events: [ev('received', '2022-09-28'), ev('replied', '2022-09-30', { outcome: 'disclosed' }), ev('extended', '2022-10-08', { days: 3 })], code: 'request_closed' },
  { name: 'an event before confirmation', events: [ev('submitted', '2022-09-28'), ev('consultation_started', '2022-09-30')], code: 'request_not_confirmed' },
  { name: 'an unknown decision', events: [ev('received', '2022-09-28'), ev('replied', '2022-09-30', { outcome: 'maybe' })], code: 'request_illegal_transition' },
];
for (const c of refusals) {
  test(`refused: ${c.name} (${c.code})`, () => {
    assert.throws(() => replayClock(cal, c.events), (e: unknown) => e instanceof RequestEventRefused && e.code === c.code && /[\u4e00-\u9fff]/.test(e.message));
    // The prefix without the refused event replays fine.
    replayClock(cal, c.events.slice(0, -1));
  });
}
