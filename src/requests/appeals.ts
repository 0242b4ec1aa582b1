// 行政复议 / 行政诉讼 register (the source of table 4): kinds, results, and the service.
import { z } from 'zod';
import { writeAudit } from '../audit/public.js';
import type { Ctx } from '../lib/context.js';
import { AppError, fail, forbidden, notFound } from '../lib/errors.js';
import { nowIso } from '../lib/time.js';
import { intId, isoDate, oneOf, optionalText, parseInput, text } from '../lib/validate.js';
import { actorArea, findUnit, listUnitsInArea, unitByName } from '../org/public.js';
import { requireAppealsReader, requireOffice } from './requests-policy.js';
import type { TABLE4_COLUMNS, TABLE4_ROWS } from './table3.js';

export const APPEAL_KINDS = ['review', 'litigation_direct', 'litigation_after_review'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];
export const APPEAL_RESULTS = ['upheld', 'corrected', 'other', 'pending'] as const;
export type AppealResult = (typeof APPEAL_RESULTS)[number];
export const APPEAL_KIND_LABELS: Record<AppealKind, string> = { review: '行政复议', litigation_direct: '行政诉讼（未经复议直接起诉）', litigation_after_review: '行政诉讼（复议后起诉）' };
export const APPEAL_RESULT_LABELS: Record<AppealResult, string> = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结' };
export const APPEAL_KIND_ROW: Record<AppealKind, (typeof TABLE4_ROWS)[number]> = {
  review: '行政复议', litigation_direct: '行政诉讼/未经复议直接起诉', litigation_after_review: '行政诉讼/复议后起诉',
};
export const APPEAL_RESULT_COLUMN: Record<AppealResult, (typeof TABLE4_COLUMNS)[number]> = {
  upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结',
};

const appealSchema = z.object({
  unit: z.union([z.number().int().positive(), text('被申请机关', { max: 100 })], { error: '请填写被申请（被诉）机关' }),
  kind: oneOf('案件类型', APPEAL_KINDS),
  filedOn: isoDate('立案日期'),
  result: oneOf('结果', APPEAL_RESULTS).optional(),
  concludedOn: isoDate('审结日期').optional(),
  requestId: intId('关联申请').optional(),
  caseNumber: optionalText('案号', 80),
  note: optionalText('备注', 1000),
}).superRefine((v, c) => {
  const result = v.result ?? 'pending';
  if (result !== 'pending' && !v.concludedOn) c.addIssue({ code: 'custom', path: ['concludedOn'], message: '已审结的案件请填写审结日期' });
  if (result === 'pending' && v.concludedOn) c.addIssue({ code: 'custom', path: ['result'], message: '填写了审结日期，请选择结果' });
  if (v.concludedOn && v.concludedOn < v.filedOn) c.addIssue({ code: 'custom', path: ['concludedOn'], message: '审结日期不能早于立案日期' });
});

const requireRegistrar = (ctx: Ctx) => requireOffice(ctx.actor, '复议、诉讼台账由政务公开办登记');

export async function createAppeal(ctx: Ctx, input: unknown): Promise<number> {
  requireRegistrar(ctx);
  const v = parseInput(appealSchema, input);
  const areaId = await actorArea(ctx);
  const byId = typeof v.unit === 'number' ? v.unit : /^\d+$/.test(v.unit) ? Number(v.unit) : null;
  const unit = byId !== null ? await findUnit(ctx.db, byId) : await unitByName(ctx.db, areaId, String(v.unit));
  if (!unit || (unit.area_id !== areaId && unit.id !== areaId)) throw fail('unknown_unit', `单位不存在：${String(v.unit)}`, { unit: '找不到该单位' });
  if (v.requestId) {
    const req = await ctx.db.selectFrom('info_requests').select(['id', 'area_id']).where('id', '=', v.requestId).executeTakeFirst();
    if (!req || req.area_id !== areaId) throw fail('validation_failed', '关联的申请不存在', { requestId: '关联的申请不存在' });
  }
  const at = nowIso();
  return ctx.db.transaction().execute(async (tx) => {
    const { id } = await tx.insertInto('info_request_appeals').values({
      area_id: areaId, unit_id: unit.id, request_id: v.requestId ?? null, kind: v.kind, filed_on: v.filedOn, result: v.result ?? 'pending',
      concluded_on: v.concludedOn ?? null, case_number: v.caseNumber ?? null, note: v.note ?? null, created_at: at, updated_at: at,
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, { action: 'request.appeal.create', entity: 'info_request_appeal', entityId: id, areaId, after: { ...v, unit: unit.name } });
    return id;
  });
}

/** Records the outcome of a case. */
export async function concludeAppeal(ctx: Ctx, id: number, input: unknown): Promise<void> {
  requireRegistrar(ctx);
  const v = parseInput(z.object({ result: oneOf('结果', APPEAL_RESULTS), concludedOn: isoDate('审结日期').optional() }).superRefine((x, c) => {
    if (x.result !== 'pending' && !x.concludedOn) c.addIssue({ code: 'custom', path: ['concludedOn'], message: '已审结的案件请填写审结日期' });
  }), input);
  const areaId = await actorArea(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('info_request_appeals').selectAll().where('id', '=', id).where('area_id', '=', areaId).executeTakeFirst();
    if (!before) throw notFound('案件');
    if (v.concludedOn && v.concludedOn < before.filed_on) throw fail('validation_failed', '审结日期不能早于立案日期', { concludedOn: '审结日期不能早于立案日期' });
    const concluded = v.result === 'pending' ? null : v.concludedOn ?? null;
    await tx.updateTable('info_request_appeals').set({ result: v.result, concluded_on: concluded, updated_at: nowIso() }).where('id', '=', id).execute();
    await writeAudit(tx, ctx, { action: 'request.appeal.conclude', entity: 'info_request_appeal', entityId: id, areaId, before: { result: before.result, concludedOn: before.concluded_on }, after: { result: v.result, concludedOn: concluded } });
  });
}

export async function listAppeals(ctx: Ctx, year?: number) {
  requireAppealsReader(ctx.actor);
  const areaId = await actorArea(ctx);
  let q = ctx.db.selectFrom('info_request_appeals').selectAll().where('area_id', '=', areaId);
  if (year) q = q.where('filed_on', '>=', `${year}-01-01`).where('filed_on', '<=', `${year}-12-31`);
  const [rows, units] = await Promise.all([q.orderBy('filed_on', 'desc').orderBy('id', 'desc').execute(), listUnitsInArea(ctx.db, areaId)]);
  const names = new Map(units.map((u) => [u.id, u.name]));
  return rows.map((r) => ({ ...r, unit_name: names.get(r.unit_id) ?? '' }));
}
