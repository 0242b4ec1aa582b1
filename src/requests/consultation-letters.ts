// Written 征求意见函 (arts. 32, 34): the letter to a third party or a co-producing agency, with its sending date,
// the answer's due date (15th working day) and the answer. Sending the first letter pauses the clock
// (consultation_started, in the same transaction); further letters while paused join that pause. The clock
// resumes when every letter of the pause is answered (consultation_ended on the last answer's day) or by
// itself on the 15th working day (the reminders job). The party's name, address and contact are staff-only:
// never in an event note, the status page or any public answer.
import { z } from 'zod';
import { writeAudit } from '../audit/public.js';
import { getCalendar } from '../calendar/public.js';
import type { Db } from '../db/schema.js';
import { actorLabel, type Ctx } from '../lib/context.js';
import { fail, notFound } from '../lib/errors.js';
import { nowIso, todayCst } from '../lib/time.js';
import { isoDate, oneOf, optionalText, parseInput, text } from '../lib/validate.js';
import { findUnit } from '../org/public.js';
import { renderConsultation, TEMPLATE_VERSION } from './letters.js';
import type { StoredLetter } from './letters.service.js';
import { areaShortName } from './numbering.js';
import { replayClock, type ClockReplay } from './request-events.js';
import { requireRequestWriter } from './requests-policy.js';
import { lockRequestRow } from './requests.repo.js';
import { cacheColumns, findRequest, loadEvents, loadEventsForWrite, refusalToAppError, toStored } from './requests.service.js';

export const PARTY_KINDS = ['third_party', 'agency'] as const;
export const PARTY_KIND_LABELS: Record<(typeof PARTY_KINDS)[number], string> = { third_party: '第三方（条例第三十二条）', agency: '共同制作机关（条例第三十四条）' };
export const ANSWERS = ['consent', 'objection'] as const;
export const ANSWER_LABELS: Record<(typeof ANSWERS)[number], string> = { consent: '同意公开', objection: '不同意公开' };
export const CONSULTATION_NUMBER_TEMPLATE = '{area}依申征〔{year}〕{seq}号';

/** A required text field whose absence (a blank form field is dropped) reads "请填写…". */
const required = (label: string, opts: { max: number; multiline?: boolean }) => z.preprocess((v) => v ?? '', text(label, opts));

const sendSchema = z.object({
  sentOn: isoDate('发函日期'),
  partyKind: oneOf('征求意见对象类型', PARTY_KINDS),
  partyName: required('征求意见对象', { max: 200 }),
  partyAddress: optionalText('对象地址', 300),
  partyContact: optionalText('对象联系方式', 100),
  matter: required('征求意见的事项', { max: 2000, multiline: true }),
});

export type ConsultationRow = Awaited<ReturnType<typeof consultationsOf>>[number];

export async function consultationsOf(db: Db, requestId: number) {
  return db.selectFrom('info_request_consultations').selectAll().where('request_id', '=', requestId).orderBy('id').execute();
}

/** The current pause's consultation_started event (the last one), when the request is paused. */
const currentPause = (events: Awaited<ReturnType<typeof loadEvents>>) => [...events].reverse().find((e) => e.type === 'consultation_started');

/**
 * The next 征求意见函 sequence number of the area and year. The counter row is created (starting after the letters
 * already sent that year, for databases from before the counter) and incremented in one UPDATE, whose row lock
 * makes a concurrent sender wait for this transaction: two letters sent at the same moment get n and n + 1.
 */
async function nextConsultationSeq(tx: Db, areaId: number, year: number): Promise<number> {
  const count = await tx.selectFrom('info_request_consultations').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('area_id', '=', areaId).where('sent_on', '>=', `${year}-01-01`).where('sent_on', '<=', `${year}-12-31`).executeTakeFirstOrThrow();
  await tx.insertInto('info_request_consultation_series').values({ area_id: areaId, year, last_seq: Number(count.n) })
    .onConflict((oc) => oc.columns(['area_id', 'year']).doNothing()).execute();
  const r = await tx.updateTable('info_request_consultation_series').set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('area_id', '=', areaId).where('year', '=', year).returning('last_seq').executeTakeFirstOrThrow();
  return r.last_seq;
}

/** Writes the 征求意见函 and, for the first letter, the consultation_started event (clock paused). */
export async function sendConsultation(ctx: Ctx, id: number, input: unknown): Promise<{ consultationId: number; docNumber: string; answerDue: string }> {
  const v = parseInput(sendSchema, input);
  const row = await findRequest(ctx, id);
  requireRequestWriter(ctx.actor, row.area_id, [row.unit_id, row.handling_unit_id]);
  if (v.sentOn > todayCst()) throw fail('validation_failed', '发函日期不能晚于今天', { sentOn: '发函日期不能晚于今天' });
  const calendar = await getCalendar(ctx.db, row.area_id);
  const [unit, area] = await Promise.all([findUnit(ctx.db, row.unit_id), findUnit(ctx.db, row.area_id)]);
  const unitName = unit ? (unit.id === row.area_id ? `${unit.name}人民政府` : unit.name) : '';
  const who = actorLabel(ctx.actor);
  return ctx.db.transaction().execute(async (tx) => {
    const stored = await loadEventsForWrite(tx, ctx.dialect, id);
    const now = replayClock(calendar, stored.map(toStored));
    let seq: number;
    let replay: ClockReplay | null = null;
    const at = nowIso();
    if (now.state === 'paused') {
      // Another party of the same consultation: the clock is already paused.
      const pause = currentPause(stored)!;
      if (v.sentOn < pause.on_date) throw fail('request_event_date_order', `发函日期不能早于本次征求意见的开始日期 ${pause.on_date}`);
      seq = pause.seq;
    } else {
      try {
        replay = replayClock(calendar, [...stored.map(toStored), { type: 'consultation_started', on: v.sentOn }]);
      } catch (err) {
        throw refusalToAppError(err) ?? err;
      }
      seq = (stored.at(-1)?.seq ?? 0) + 1;
    }
    const year = Number(v.sentOn.slice(0, 4));
    const docNumber = CONSULTATION_NUMBER_TEMPLATE.replace('{area}', areaShortName(area?.name ?? '')).replace('{year}', String(year)).replace('{seq}', String(await nextConsultationSeq(tx, row.area_id, year)));
    const answerDue = calendar.addWorkingDays(v.sentOn, 15);
    const letter = renderConsultation({
      partyKind: v.partyKind, partyName: v.partyName, docNumber, number: row.number ?? `#${row.id}`, receivedOn: row.received_on ?? row.submitted_on,
      description: row.description, matter: v.matter, sentOn: v.sentOn, answerDue, unitName,
    });
    if (replay) {
      await tx.insertInto('info_request_events').values({
        request_id: id, seq, type: 'consultation_started', on_date: v.sentOn, days: null, outcome: null, note: `发出征求意见函 ${docNumber}`,
        data_json: JSON.stringify({ letter: docNumber }), actor_label: who, created_at: at,
      }).execute();
      await tx.updateTable('info_requests').set({ ...cacheColumns(calendar, replay), updated_at: at }).where('id', '=', id).execute();
    }
    const { id: consultationId } = await tx.insertInto('info_request_consultations').values({
      request_id: id, area_id: row.area_id, event_seq: seq, party_kind: v.partyKind, party_name: v.partyName, party_address: v.partyAddress ?? null, party_contact: v.partyContact ?? null,
      matter: v.matter, doc_number: docNumber, sent_on: v.sentOn, answer_due: answerDue, answered_on: null, answer: null, answer_note: null,
      template: letter.template, template_version: letter.version, title: letter.title, paragraphs_json: JSON.stringify({ paragraphs: letter.paragraphs, unitName }),
      created_by: who, created_at: at, updated_at: at,
    }).returning('id').executeTakeFirstOrThrow();
    // The audit record names the letter, not the party (its details stay in the letter's row).
    await writeAudit(tx, ctx, {
      action: 'request.consultation_letter', entity: 'info_request', entityId: id, areaId: row.area_id,
      before: { state: row.state, due: row.due_on }, after: { consultationId, docNumber, partyKind: v.partyKind, sentOn: v.sentOn, answerDue, paused: replay !== null, state: replay?.state ?? row.state },
    });
    return { consultationId, docNumber, answerDue };
  });
}

const answerSchema = z.object({
  answeredOn: isoDate('收到意见日期'),
  answer: oneOf('意见', ANSWERS),
  answerNote: z.preprocess((v) => (v === '' || v === null ? undefined : v), text('意见内容', { max: 2000, multiline: true }).optional()),
});

/** Records the party's answer; when it is the last open letter of the running pause, the clock resumes on that day. */
export async function answerConsultation(ctx: Ctx, id: number, consultationId: number, input: unknown): Promise<{ resumed: boolean }> {
  const v = parseInput(answerSchema, input);
  const row = await findRequest(ctx, id);
  requireRequestWriter(ctx.actor, row.area_id, [row.unit_id, row.handling_unit_id]);
  const c = await ctx.db.selectFrom('info_request_consultations').selectAll().where('id', '=', consultationId).where('request_id', '=', id).executeTakeFirst();
  if (!c) throw notFound('征求意见函');
  if (c.answered_on) throw fail('wrong_status', '已登记该征求意见函的意见');
  if (v.answeredOn < c.sent_on) throw fail('validation_failed', '收到意见日期不能早于发函日期', { answeredOn: `收到意见日期不能早于发函日期 ${c.sent_on}` });
  if (v.answeredOn > todayCst()) throw fail('validation_failed', '收到意见日期不能晚于今天', { answeredOn: '收到意见日期不能晚于今天' });
  if (v.answer === 'objection' && !v.answerNote) throw fail('validation_failed', '不同意公开的，请登记其理由', { answerNote: '不同意公开的，请登记第三方或机关提出的理由' });
  const calendar = await getCalendar(ctx.db, row.area_id);
  return ctx.db.transaction().execute(async (tx) => {
    // The request row first: two last answers at the same instant must not both see the other's letter still open.
    await lockRequestRow(tx, ctx.dialect, id);
    const at = nowIso();
    const u = await tx.updateTable('info_request_consultations').set({ answered_on: v.answeredOn, answer: v.answer, answer_note: v.answerNote ?? null, updated_at: at })
      .where('id', '=', c.id).where('answered_on', 'is', null).executeTakeFirst();
    if (Number(u.numUpdatedRows) !== 1) throw fail('wrong_status', '已登记该征求意见函的意见');
    const stored = await loadEvents(tx, id); // the row is locked above
    const now = replayClock(calendar, stored.map(toStored));
    const pause = currentPause(stored);
    let resumed = false;
    if (now.state === 'paused' && pause && pause.seq === c.event_seq) {
      const open = await tx.selectFrom('info_request_consultations').select('id').where('request_id', '=', id).where('event_seq', '=', c.event_seq).where('answered_on', 'is', null).execute();
      if (open.length === 0) {
        const letters = await tx.selectFrom('info_request_consultations').select('answered_on').where('request_id', '=', id).where('event_seq', '=', c.event_seq).execute();
        const on = letters.map((l) => l.answered_on!).sort().at(-1)!;
        let replay: ClockReplay;
        try {
          replay = replayClock(calendar, [...stored.map(toStored), { type: 'consultation_ended', on }]);
        } catch (err) {
          throw refusalToAppError(err) ?? err;
        }
        await tx.insertInto('info_request_events').values({
          request_id: id, seq: (stored.at(-1)?.seq ?? 0) + 1, type: 'consultation_ended', on_date: on, days: null, outcome: null,
          note: `收到征求意见函的意见（${ANSWER_LABELS[v.answer]}）`, data_json: JSON.stringify({ letters: letters.length }), actor_label: actorLabel(ctx.actor), created_at: at,
        }).execute();
        await tx.updateTable('info_requests').set({ ...cacheColumns(calendar, replay), updated_at: at }).where('id', '=', id).execute();
        resumed = true;
      }
    }
    await writeAudit(tx, ctx, { action: 'request.consultation_answer', entity: 'info_request', entityId: id, areaId: row.area_id, after: { consultationId: c.id, answeredOn: v.answeredOn, answer: v.answer, resumed } });
    return { resumed };
  });
}

/** The stored letter in the shape the printable page and the .docx writer take. */
export function consultationLetter(c: ConsultationRow): StoredLetter {
  const b = JSON.parse(c.paragraphs_json) as { paragraphs: string[]; unitName: string };
  return { id: c.id, docNumber: c.doc_number, issuedOn: c.sent_on, title: c.title, unitName: b.unitName, paragraphs: b.paragraphs, annex: null, template: c.template, version: c.template_version ?? TEMPLATE_VERSION };
}
