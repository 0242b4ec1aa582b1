// 信息处理费 notices: compute (fee.ts), notify (收费通知书), record payment, close unpaid as other_fee_unpaid.
import { z } from 'zod';
import { writeAudit } from '../audit/public.js';
import { getCalendar } from '../calendar/public.js';
import type { Db } from '../db/schema.js';
import { actorLabel, type Ctx } from '../lib/context.js';
import { fail } from '../lib/errors.js';
import { nowIso } from '../lib/time.js';
import { intId, isoDate, oneOf, optionalText, parseInput } from '../lib/validate.js';
import { computeFee, FEE_METHODS, type Fee } from './fee.js';
import { replayClock, type ClockReplay } from './request-events.js';
import { cacheColumns, findRequest, loadEventsForWrite, refusalToAppError, requireWriter, toStored, type RequestRow } from './requests.service.js';

/** This request's position among the applicant's requests to the same body in its calendar month (按件). */
export async function monthlyPosition(db: Db, row: RequestRow): Promise<number> {
  if (!row.received_on) return 1;
  const month = row.received_on.slice(0, 7);
  let q = db.selectFrom('info_requests').select(['id', 'received_on'])
    .where('unit_id', '=', row.unit_id).where('received_on', '>=', `${month}-01`).where('received_on', '<=', `${month}-31`);
  // The same applicant: the same identity number, or (without one) the same name and phone.
  q = row.applicant_id_number
    ? q.where('applicant_id_number', '=', row.applicant_id_number)
    : q.where('applicant_name', '=', row.applicant_name).where('applicant_id_number', 'is', null)
      .where((eb) => (row.applicant_phone ? eb('applicant_phone', '=', row.applicant_phone) : eb('applicant_phone', 'is', null)));
  const rows = await q.execute();
  return rows.filter((r) => r.received_on! < row.received_on! || (r.received_on === row.received_on && r.id <= row.id)).length;
}

const noticeSchema = z.object({
  method: oneOf('计收方式', FEE_METHODS),
  pages: intId('页数').optional(),
  on: isoDate('通知日期'),
  payment: optionalText('缴纳方式', 300),
}).superRefine((v, c) => {
  if (v.method === 'per_volume' && !v.pages) c.addIssue({ code: 'custom', path: ['pages'], message: '按量计收请填写页数' });
});

async function appendEvent(ctx: Ctx, row: RequestRow, event: { type: string; on: string; outcome?: string | null; note?: string | null; data?: unknown },
  extra: (tx: Db, replay: ClockReplay) => Promise<void>): Promise<ClockReplay> {
  const calendar = await getCalendar(ctx.db, row.area_id);
  return ctx.db.transaction().execute(async (tx) => {
    const stored = await loadEventsForWrite(tx, ctx.dialect, row.id);
    let replay: ClockReplay;
    try {
      replay = replayClock(calendar, [...stored.map(toStored), { type: event.type, on: event.on, outcome: event.outcome ?? null }]);
    } catch (err) {
      throw refusalToAppError(err) ?? err;
    }
    const at = nowIso();
    await tx.insertInto('info_request_events').values({
      request_id: row.id, seq: (stored.at(-1)?.seq ?? 0) + 1, type: event.type, on_date: event.on, days: null, outcome: event.outcome ?? null,
      note: event.note ?? null, data_json: event.data === undefined ? null : JSON.stringify(event.data), actor_label: actorLabel(ctx.actor), created_at: at,
    }).execute();
    await tx.updateTable('info_requests').set({ ...cacheColumns(calendar, replay), updated_at: at }).where('id', '=', row.id).execute();
    await extra(tx, replay);
    await writeAudit(tx, ctx, { action: `request.${event.type}`, entity: 'info_request', entityId: row.id, areaId: row.area_id, before: { state: row.state }, after: { event, state: replay.state } });
    return replay;
  });
}

/** Issues the 收费通知书: the clock pauses; the applicant has 20 working days to pay. */
export async function issueFeeNotice(ctx: Ctx, id: number, input: unknown): Promise<{ fee: Fee; payBy: string; feeId: number }> {
  const v = parseInput(noticeSchema, input);
  const row = await findRequest(ctx, id);
  requireWriter(ctx, row.area_id, [row.unit_id, row.handling_unit_id]);
  const quantity = v.method === 'per_request' ? await monthlyPosition(ctx.db, row) : v.pages!;
  const fee = computeFee(v.method, quantity);
  if (fee.amountYuan === 0) throw fail('validation_failed', '按所选方式本申请不收费，无需发出收费通知', { method: `按${v.method === 'per_request' ? '件' : '量'}计收本申请不收费` });
  let feeId = 0;
  const replay = await appendEvent(ctx, row, { type: 'fee_notice', on: v.on, note: `${fee.amountYuan}元`, data: { fee, payment: v.payment ?? null } }, async (tx, r) => {
    feeId = (await tx.insertInto('info_request_fees').values({
      request_id: id, method: v.method, quantity, amount_yuan: fee.amountYuan, noticed_on: v.on, pay_by: r.fee!.payBy, paid_on: null, created_at: nowIso(),
    }).returning('id').executeTakeFirstOrThrow()).id;
  });
  return { fee, payBy: replay.fee!.payBy, feeId };
}

export async function recordFeePaid(ctx: Ctx, id: number, input: unknown): Promise<{ status: string; due: string | null }> {
  const v = parseInput(z.object({ on: isoDate('缴费日期') }), input);
  const row = await findRequest(ctx, id);
  requireWriter(ctx, row.area_id, [row.unit_id, row.handling_unit_id]);
  const replay = await appendEvent(ctx, row, { type: 'fee_paid', on: v.on }, async (tx) => {
    await tx.updateTable('info_request_fees').set({ paid_on: v.on }).where('request_id', '=', id).where('paid_on', 'is', null).execute();
  });
  return { status: replay.state, due: replay.due };
}

/** After the pay-by date without payment: the request is closed as （六）2 other_fee_unpaid. */
export async function closeUnpaid(ctx: Ctx, id: number, input: unknown): Promise<{ status: string }> {
  const v = parseInput(z.object({ on: isoDate('终止日期') }), input);
  const row = await findRequest(ctx, id);
  requireWriter(ctx, row.area_id, [row.unit_id, row.handling_unit_id]);
  const replay = await appendEvent(ctx, row, { type: 'replied', on: v.on, outcome: 'other_fee_unpaid', note: '申请人逾期未按收费通知缴纳费用，不再处理' }, async () => undefined);
  return { status: replay.state };
}

export async function feeNotices(db: Db, requestId: number) {
  return db.selectFrom('info_request_fees').selectAll().where('request_id', '=', requestId).orderBy('id').execute();
}
