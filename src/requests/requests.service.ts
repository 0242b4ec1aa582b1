// Information requests: intake, clock events, reading. Every write: one transaction, the clock
// replayed from the stored events (refusals before anything is written), the cache columns
// recomputed, writeAudit in the same transaction.
import { linkToGroupDraft } from './proactive.js';
import { z } from 'zod';
import { writeAudit } from '../audit/public.js';
import { getCalendar, type WorkingCalendar } from '../calendar/public.js';
import type { Db, Dialect } from '../db/schema.js';
import type { InfoRequestsTable } from '../db/requests.tables.js';
import { actorLabel, type Ctx } from '../lib/context.js';
import { AppError, fail } from '../lib/errors.js';
import { nowIso, todayCst } from '../lib/time.js';
import { isoDate, oneOf, optionalText, parseInput, text } from '../lib/validate.js';
import { actorArea, findUnit, unitByName } from '../org/public.js';
import type { Selectable } from 'kysely';
import { creditCodeProblem, residentIdProblem } from './identity.js';
import { canReadRequest, requireReadableRequest, requireRequestWriter } from './requests-policy.js';
import { nextRequestNumber } from './numbering.js';
import * as requestsRepo from './requests.repo.js';
import {
  API_EVENT_TYPES, isDecisionCode, replayClock, RequestEventRefused, type ClockReplay, type RequestState, type StoredEvent,
} from './request-events.js';
import { APPLICANT_TYPES, DECISION_CODES } from './table3.js';

export const CHANNELS = ['online', 'in_person', 'post', 'fax', 'email', 'oral'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  online: '网上申请', in_person: '当面', post: '信函', fax: '传真', email: '电子邮件', oral: '口头',
};
/** Art. 31: these are received only when both sides confirm; without a date they wait in 待确认. */
export const CONFIRMATION_CHANNELS: ReadonlySet<Channel> = new Set(['online', 'fax', 'email']);

export type RequestRow = Selectable<InfoRequestsTable>;

/** Turns a clock refusal into the API's 409 with its stable code. */
export function refusalToAppError(err: unknown): AppError | null {
  return err instanceof RequestEventRefused ? new AppError('conflict', err.code, err.message) : null;
}

const applicantSchema = z.object({
  type: oneOf('申请人类型', APPLICANT_TYPES),
  name: text('申请人姓名或名称', { max: 100 }),
  idType: optionalText('证件类型', 30),
  idNumber: optionalText('证件号码', 40),
  contact: optionalText('联系人', 60),
  phone: optionalText('联系电话', 40),
  email: optionalText('电子邮箱', 120),
  address: optionalText('通信地址', 200),
}).superRefine((v, c) => {
  if (v.idType === '居民身份证' && v.idNumber) { const p = residentIdProblem(v.idNumber); if (p) c.addIssue({ code: 'custom', path: ['idNumber'], message: p }); }
  if (v.idType === '统一社会信用代码' && v.idNumber) { const p = creditCodeProblem(v.idNumber); if (p) c.addIssue({ code: 'custom', path: ['idNumber'], message: p }); }
});

const createSchema = z.object({
  unit: z.union([z.number().int().positive(), text('受理机关', { max: 100 })], { error: '请填写受理机关（单位名称或编号）' }),
  channel: oneOf('申请渠道', CHANNELS),
  receivedOn: isoDate('收到申请日期').optional(),
  submittedOn: isoDate('提交日期').optional(),
  applicant: applicantSchema,
  description: text('所需信息描述', { max: 4000, multiline: true }),
  purpose: optionalText('用途', 500),
  format: oneOf('获取信息的载体形式', ['paper', 'electronic']).optional(),
  delivery: oneOf('获取信息的方式', ['post', 'email', 'pickup', 'online']).optional(),
});
export type CreateRequestInput = z.input<typeof createSchema>;

async function resolveUnit(ctx: Ctx, areaId: number, unit: number | string) {
  const byId = typeof unit === 'number' ? unit : /^\d+$/.test(unit) ? Number(unit) : null;
  const row = byId !== null ? await findUnit(ctx.db, byId) : await unitByName(ctx.db, areaId, String(unit));
  if (!row || (row.area_id !== areaId && row.id !== areaId)) throw fail('unknown_unit', `单位不存在：${String(unit)}`, { unit: '找不到该单位' });
  return row;
}

/** Office staff (admin) work on every request of the area; unit staff on their unit's (addressed or handling). */
export function requireWriter(ctx: Ctx, areaId: number, unitIds: (number | null)[]): void {
  requireRequestWriter(ctx.actor, areaId, unitIds);
}

export function canRead(ctx: Ctx, row: Pick<RequestRow, 'area_id' | 'unit_id' | 'handling_unit_id'>): boolean {
  return canReadRequest(ctx.actor, row);
}

export async function loadEvents(db: Db, requestId: number) {
  return db.selectFrom('info_request_events').selectAll().where('request_id', '=', requestId).orderBy('seq').execute();
}

/**
 * The events of a request about to get a new one: call it first thing in the write transaction. The request row is
 * locked first (requestsRepo.lockRequestRow), so the next seq `(last seq) + 1` and the replayed clock cannot be read
 * by two writers at once.
 */
export async function loadEventsForWrite(tx: Db, dialect: Dialect, requestId: number) {
  await requestsRepo.lockRequestRow(tx, dialect, requestId);
  return loadEvents(tx, requestId);
}

export const toStored = (e: { type: string; on_date: string; days: number | null; outcome: string | null }): StoredEvent =>
  ({ type: e.type, on: e.on_date, days: e.days, outcome: e.outcome });

/** The cache columns of a request row, from a replay. */
export function cacheColumns(calendar: WorkingCalendar, r: ClockReplay) {
  return {
    state: r.state,
    received_on: r.receivedOn,
    due_on: r.due,
    consultation_until: r.consultationUntil,
    decision: r.decision,
    decided_on: r.decidedOn,
    on_time: r.onTime === null ? null : r.onTime ? 1 : 0,
    working_days: r.decidedOn && r.receivedOn ? calendar.workingDaysBetween(r.receivedOn, r.decidedOn) : null,
  };
}

async function areaName(db: Db, areaId: number): Promise<string> {
  return (await findUnit(db, areaId))?.name ?? '';
}

/** Staff/API intake. `receivedOn` given = already confirmed (art. 31); online/fax/e-mail without it wait in 待确认. */
export async function createRequest(ctx: Ctx, input: unknown): Promise<{ id: number; number: string | null; status: RequestState; due: string | null }> {
  const v = parseInput(createSchema, input);
  const areaId = await actorArea(ctx);
  const unit = await resolveUnit(ctx, areaId, v.unit);
  requireWriter(ctx, areaId, [unit.id]);
  const today = todayCst();
  const submittedOn = v.submittedOn ?? v.receivedOn ?? today;
  const receivedOn = v.receivedOn ?? (CONFIRMATION_CHANNELS.has(v.channel) ? null : submittedOn);
  if (receivedOn && receivedOn < submittedOn) throw fail('validation_failed', '收到申请日期不能早于提交日期', { receivedOn: '收到申请日期不能早于提交日期' });
  const calendar = await getCalendar(ctx.db, areaId);
  const events: StoredEvent[] = receivedOn ? [{ type: 'received', on: receivedOn }] : [];
  let replay: ClockReplay;
  try {
    replay = replayClock(calendar, events);
  } catch (err) {
    throw refusalToAppError(err) ?? err;
  }
  const area = await areaName(ctx.db, areaId);
  const at = nowIso();
  const who = actorLabel(ctx.actor);
  const created = await ctx.db.transaction().execute(async (tx) => {
    const number = receivedOn ? await nextRequestNumber(tx, areaId, area, Number(receivedOn.slice(0, 4))) : null;
    const a = v.applicant;
    const { id } = await tx.insertInto('info_requests').values({
      area_id: areaId, unit_id: unit.id, handling_unit_id: unit.id === areaId ? null : unit.id, number, channel: v.channel,
      applicant_type: a.type, applicant_name: a.name, applicant_id_type: a.idType ?? null, applicant_id_number: a.idNumber ?? null,
      applicant_contact: a.contact ?? null, applicant_phone: a.phone ?? null, applicant_email: a.email ?? null, applicant_address: a.address ?? null,
      description: v.description, purpose: v.purpose ?? null, format: v.format ?? null, delivery: v.delivery ?? null,
      submitted_on: submittedOn, query_code_hash: null, created_by: who, created_at: at, updated_at: at,
      ...cacheColumns(calendar, replay),
    }).returning('id').executeTakeFirstOrThrow();
    let seq = 0;
    await tx.insertInto('info_request_events').values({
      request_id: id, seq: ++seq, type: 'submitted', on_date: submittedOn, days: null, outcome: null,
      note: `${CHANNEL_LABELS[v.channel]}提交`, data_json: null, actor_label: who, created_at: at,
    }).execute();
    for (const e of events) {
      await tx.insertInto('info_request_events').values({
        request_id: id, seq: ++seq, type: e.type, on_date: e.on, days: null, outcome: null, note: null, data_json: null, actor_label: who, created_at: at,
      }).execute();
    }
    // Applicant data stays out of the audit log's after-image except the type (the row itself is the record).
    await writeAudit(tx, ctx, {
      action: 'request.create', entity: 'info_request', entityId: id, areaId,
      after: { number, unit: unit.name, channel: v.channel, applicantType: a.type, receivedOn, due: replay.due, state: replay.state },
    });
    return { id, number, status: replay.state, due: replay.due };
  });
  // Art. 44: a later request of a group that already has a draft joins it (not offered a second one).
  if (receivedOn) await linkToGroupDraft(ctx, created.id);
  return created;
}

const optionalMulti = (label: string, max: number) => z.preprocess((v) => (v === '' || v === null ? undefined : v), text(label, { max, multiline: true }).optional());

const eventSchema = z.object({
  type: oneOf('事件类型', API_EVENT_TYPES),
  on: isoDate('事件日期'),
  days: z.number({ error: '延长天数必须是整数' }).int('延长天数必须是整数').optional(),
  outcome: z.string({ error: '请填写办理结果' }).optional(),
  note: optionalMulti('说明', 1000),
  approver: optionalText('批准延期的负责人', 60),
  party: optionalText('征求意见对象', 200),
  what: optionalMulti('需要补正的事项', 2000),
  periodDays: z.number({ error: '补正期限必须是整数' }).int('补正期限必须是整数').min(1, '补正期限至少1个工作日').max(60, '补正期限不能超过60个工作日').optional(),
  consequence: optionalMulti('逾期不补正的后果', 500),
}).superRefine((v, c) => {
  if (v.type === 'replied' && (!v.outcome || !isDecisionCode(v.outcome))) {
    c.addIssue({ code: 'custom', path: ['outcome'], message: `请填写有效的办理结果（${DECISION_CODES.join('、')}）` });
  }
  if (v.type === 'extended' && v.days === undefined) c.addIssue({ code: 'custom', path: ['days'], message: '请填写延长的工作日天数' });
});
export type EventInput = z.input<typeof eventSchema>;

/** The details an event carries beyond the clock (approver, consulted party, what to correct). */
function eventData(v: z.output<typeof eventSchema>): string | null {
  const d: Record<string, unknown> = {};
  if (v.type === 'extended' && v.approver) d.approver = v.approver;
  if (v.type === 'consultation_started' && v.party) d.party = v.party;
  if (v.type === 'correction_requested') {
    if (v.what) d.what = v.what;
    if (v.periodDays) d.periodDays = v.periodDays;
    if (v.consequence) d.consequence = v.consequence;
  }
  return Object.keys(d).length ? JSON.stringify(d) : null;
}

export async function findRequest(ctx: Ctx, id: number): Promise<RequestRow> {
  const row = id > 0 ? await ctx.db.selectFrom('info_requests').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
  return requireReadableRequest(ctx.actor, row);
}

/** Appends one clock event; the clock refuses (409, nothing written) or the cache is recomputed. */
export async function addEvent(ctx: Ctx, id: number, input: unknown): Promise<{ status: RequestState; due: string | null; onTime: boolean | null }> {
  const v = parseInput(eventSchema, input);
  const row = await findRequest(ctx, id);
  requireWriter(ctx, row.area_id, [row.unit_id, row.handling_unit_id]);
  const calendar = await getCalendar(ctx.db, row.area_id);
  return ctx.db.transaction().execute(async (tx) => {
    const stored = await loadEventsForWrite(tx, ctx.dialect, id);
    const event: StoredEvent = { type: v.type, on: v.on, days: v.type === 'extended' ? v.days ?? null : null, outcome: v.type === 'replied' ? v.outcome ?? null : null };
    let replay: ClockReplay;
    try {
      replay = replayClock(calendar, [...stored.map(toStored), event]);
    } catch (err) {
      throw refusalToAppError(err) ?? err;
    }
    const at = nowIso();
    const seq = (stored.at(-1)?.seq ?? 0) + 1;
    await tx.insertInto('info_request_events').values({
      request_id: id, seq, type: event.type, on_date: event.on, days: event.days ?? null, outcome: event.outcome ?? null,
      note: v.note ?? null, data_json: eventData(v), actor_label: actorLabel(ctx.actor), created_at: at,
    }).execute();
    await tx.updateTable('info_requests').set({ ...cacheColumns(calendar, replay), updated_at: at }).where('id', '=', id).execute();
    await writeAudit(tx, ctx, {
      action: `request.event.${v.type}`, entity: 'info_request', entityId: id, areaId: row.area_id,
      before: { state: row.state, due: row.due_on }, after: { event, state: replay.state, due: replay.due, onTime: replay.onTime },
    });
    return { status: replay.state, due: replay.due, onTime: replay.onTime };
  });
}

/** Confirms an online/fax/e-mail request (art. 31): the confirmation date becomes the receipt date; numbered now. */
export async function confirmRequest(ctx: Ctx, id: number, input: unknown): Promise<{ status: RequestState; due: string | null; number: string }> {
  const v = parseInput(z.object({ on: isoDate('确认日期') }), input);
  const row = await findRequest(ctx, id);
  requireWriter(ctx, row.area_id, [row.unit_id, row.handling_unit_id]);
  if (row.state !== 'pending_confirmation') throw fail('request_illegal_transition', '申请已确认收到');
  if (v.on < row.submitted_on) throw fail('request_event_date_order', `确认日期不能早于提交日期 ${row.submitted_on}`);
  const calendar = await getCalendar(ctx.db, row.area_id);
  const area = await areaName(ctx.db, row.area_id);
  const confirmed = await ctx.db.transaction().execute(async (tx) => {
    const stored = await loadEventsForWrite(tx, ctx.dialect, id);
    const replay = replayClock(calendar, [...stored.map(toStored), { type: 'received', on: v.on }]);
    const number = await nextRequestNumber(tx, row.area_id, area, Number(v.on.slice(0, 4)));
    const at = nowIso();
    await tx.insertInto('info_request_events').values({
      request_id: id, seq: (stored.at(-1)?.seq ?? 0) + 1, type: 'received', on_date: v.on, days: null, outcome: null,
      note: '双方确认（条例第三十一条）', data_json: null, actor_label: actorLabel(ctx.actor), created_at: at,
    }).execute();
    const updated = await tx.updateTable('info_requests').set({ ...cacheColumns(calendar, replay), number, updated_at: at })
      .where('id', '=', id).where('state', '=', 'pending_confirmation').executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw fail('request_illegal_transition', '申请已确认收到');
    await writeAudit(tx, ctx, { action: 'request.confirm', entity: 'info_request', entityId: id, areaId: row.area_id, after: { number, receivedOn: v.on, due: replay.due } });
    return { status: replay.state, due: replay.due, number };
  });
  await linkToGroupDraft(ctx, id);
  return confirmed;
}

/** The request as the API shows it to staff: contract fields plus the event list. */
export async function requestDetail(ctx: Ctx, id: number) {
  const row = await findRequest(ctx, id);
  const [events, unit, handling] = await Promise.all([
    loadEvents(ctx.db, id), findUnit(ctx.db, row.unit_id), row.handling_unit_id ? findUnit(ctx.db, row.handling_unit_id) : undefined,
  ]);
  const calendar = await getCalendar(ctx.db, row.area_id);
  const replay = replayClock(calendar, events.map(toStored), todayCst());
  return {
    row, replay, events,
    json: {
      id: row.id, number: row.number, status: replay.state, due: replay.due, onTime: replay.onTime,
      unit: unit ? { id: unit.id, name: unit.name } : null, handlingUnit: handling ? { id: handling.id, name: handling.name } : null,
      channel: row.channel, submittedOn: row.submitted_on, receivedOn: row.received_on,
      applicant: { type: row.applicant_type, name: row.applicant_name },
      description: row.description, decision: row.decision, decidedOn: row.decided_on, workingDays: row.working_days,
      consultationUntil: replay.consultationUntil,
      correction: replay.correction,
      notes: replay.notes,
      events: events.map((e) => ({ seq: e.seq, type: e.type, on: e.on_date, days: e.days, outcome: e.outcome, note: e.note, by: e.actor_label, at: e.created_at })),
    },
  };
}

/** A request's stored files (the console page, after requestDetail has checked who may read it). */
export const requestFilesOf = (ctx: Ctx, requestId: number) => requestsRepo.requestFiles(ctx.db, requestId);

/** One stored file of a request, for download: who may read the request may read its files. */
export async function requestFileFor(ctx: Ctx, requestId: number, fileId: number) {
  await requestDetail(ctx, requestId); // authorisation: office, auditors, the addressed and the handling unit
  return requestsRepo.findRequestFile(ctx.db, requestId, fileId);
}

/** The published (anonymised) reply of a request, if any (the reply page, after requestDetail). */
export const publicReplyOf = (ctx: Ctx, requestId: number) => requestsRepo.findPublicReply(ctx.db, requestId);
