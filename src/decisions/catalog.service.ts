// The 重大行政决策 catalog (目录): items per year and area, their stage timeline with evidence
// documents, adjustments (动态调整) with history and reasons, termination, and the gate before 决策公布.
import { z } from 'zod';
import type { Selectable } from 'kysely';
import { writeAudit } from '../audit/public.js';
import type { Db } from '../db/schema.js';
import type { DecisionEventsTable, DecisionsTable } from '../db/decisions.tables.js';
import { itemRefs, type ItemRef } from '../disclosure/public.js';
import { actorArea, findUnit, listUnitsInArea, unitByName } from '../org/public.js';
import { actorLabel, type Ctx } from '../lib/context.js';
import { fail, invalid, notFound } from '../lib/errors.js';
import { nowIso, todayCst } from '../lib/time.js';
import { isoDate, oneOf, optionalText, parseInput, strictNumberInput, text } from '../lib/validate.js';
import { missingDispositions } from './consultations.service.js';
import { requireDecisionsAdmin, requireStageWriter } from './decisions-policy.js';
import { CATEGORY_LABELS, nextStage, STAGE_LABELS, STAGES, STEP_LABELS, type Stage, type StatutoryStep } from './pure/rules.js';

export type Decision = Selectable<DecisionsTable>;
export type DecisionEvent = Selectable<DecisionEventsTable>;

export const DECISION_LABELS: Record<string, string> = {
  year: '年度', name: '事项名称', category: '事项类别', decisionBody: '决策主体', leadUnit: '承办单位（牵头）', supportingUnits: '承办单位（配合）',
  legalBasis: '法律依据', plannedOn: '计划完成时间', hearing: '是否听证', steps: '法定程序', reason: '调整理由',
  evidenceItemId: '证明材料', completedOn: '完成日期', note: '说明',
};

const stepKeys = Object.keys(STEP_LABELS) as [StatutoryStep, ...StatutoryStep[]];
const fieldsSchema = z.object({
  year: z.preprocess((v) => strictNumberInput(v), z.number({ error: '年度无效' }).int('年度无效').min(2000, '年度无效').max(2100, '年度无效')),
  name: text('事项名称', { max: 200 }),
  category: oneOf('事项类别', ['1', '2', '3', '4', '5']),
  decisionBody: text('决策主体', { max: 100 }),
  leadUnit: z.union([z.number().int().positive(), z.string().trim().min(1, '请填写承办单位（牵头）').max(100)], { error: '请填写承办单位（牵头）' }),
  supportingUnits: optionalText('承办单位（配合）', 500),
  legalBasis: optionalText('法律依据', 1000),
  plannedOn: z.preprocess((v) => (v === '' || v === null ? undefined : v), isoDate('计划完成时间').optional()),
  hearing: z.preprocess((v) => v === true || v === 'on' || v === '1' || v === 1, z.boolean()),
  steps: z.preprocess((v) => (typeof v === 'string' ? (v ? v.split(',') : []) : v ?? []), z.array(z.enum(stepKeys, { error: '法定程序无效' })).max(5)),
});

const requireAdmin = (ctx: Ctx): void => requireDecisionsAdmin(ctx.actor, '只有政务公开办管理员可以编制和调整决策事项目录');

async function resolveFields(ctx: Ctx, input: unknown) {
  const v = parseInput(fieldsSchema, input);
  const areaId = await actorArea(ctx);
  const unit = typeof v.leadUnit === 'number' || /^\d+$/.test(v.leadUnit) ? await findUnit(ctx.db, Number(v.leadUnit)) : await unitByName(ctx.db, areaId, v.leadUnit);
  if (!unit || (unit.area_id !== areaId && unit.id !== areaId)) throw invalid({ leadUnit: '找不到该承办单位' });
  const steps = stepKeys.filter((s) => v.steps.includes(s));
  return {
    areaId,
    values: {
      year: v.year, name: v.name, category: v.category, decision_body: v.decisionBody, lead_unit_id: unit.id,
      supporting_units: v.supportingUnits ?? '', legal_basis: v.legalBasis ?? '', planned_on: v.plannedOn ?? null,
      hearing: v.hearing ? 1 : 0, steps: steps.join(','),
    },
  };
}

export async function createDecision(ctx: Ctx, input: unknown): Promise<Decision> {
  requireAdmin(ctx);
  const { areaId, values } = await resolveFields(ctx, input);
  const at = nowIso();
  return ctx.db.transaction().execute(async (tx) => {
    const d = await tx.insertInto('decisions').values({ ...values, area_id: areaId, status: 'planned', status_since: todayCst(), created_at: at, updated_at: at })
      .returningAll().executeTakeFirstOrThrow();
    await tx.insertInto('decision_events').values({ decision_id: d.id, at, actor_label: actorLabel(ctx.actor), kind: 'create', from_status: null, to_status: 'planned', evidence_item_id: null, completed_on: null, reason: null, before_json: null, after_json: JSON.stringify(values) }).execute();
    await writeAudit(tx, ctx, { action: 'decision.create', entity: 'decision', entityId: d.id, after: d, areaId });
    return d;
  });
}

/** 动态调整: any field may change; the reason and the before/after values stay in the timeline. */
export async function adjustDecision(ctx: Ctx, id: number, input: unknown): Promise<Decision> {
  requireAdmin(ctx);
  const d = await getDecision(ctx.db, id);
  const reason = parseInput(z.object({ reason: text('调整理由', { max: 1000 }) }).passthrough(), input).reason;
  const { areaId, values } = await resolveFields(ctx, input);
  if (areaId !== d.area_id) throw notFound('决策事项');
  const before = Object.fromEntries(Object.keys(values).map((k) => [k, d[k as keyof Decision]]));
  const changed = Object.keys(values).filter((k) => before[k] !== values[k as keyof typeof values]);
  if (!changed.length) throw invalid({ reason: '没有修改任何内容' });
  const at = nowIso();
  return ctx.db.transaction().execute(async (tx) => {
    const after = await tx.updateTable('decisions').set({ ...values, updated_at: at }).where('id', '=', d.id).returningAll().executeTakeFirstOrThrow();
    await tx.insertInto('decision_events').values({
      decision_id: d.id, at, actor_label: actorLabel(ctx.actor), kind: 'adjust', from_status: d.status, to_status: d.status, evidence_item_id: null, completed_on: null, reason,
      before_json: JSON.stringify(Object.fromEntries(changed.map((k) => [k, before[k]]))), after_json: JSON.stringify(Object.fromEntries(changed.map((k) => [k, values[k as keyof typeof values]]))),
    }).execute();
    await writeAudit(tx, ctx, { action: 'decision.adjust', entity: 'decision', entityId: d.id, before: d, after, areaId: d.area_id });
    return after;
  });
}

export async function terminateDecision(ctx: Ctx, id: number, input: unknown): Promise<void> {
  requireAdmin(ctx);
  const d = await getDecision(ctx.db, id);
  const { reason } = parseInput(z.object({ reason: text('终止理由', { max: 1000 }) }), input);
  if (d.status === 'terminated') throw fail('wrong_status', '该事项已终止');
  const at = nowIso();
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('decisions').set({ status: 'terminated', status_since: todayCst(), updated_at: at }).where('id', '=', d.id).execute();
    await tx.insertInto('decision_events').values({ decision_id: d.id, at, actor_label: actorLabel(ctx.actor), kind: 'terminate', from_status: d.status, to_status: 'terminated', evidence_item_id: null, completed_on: todayCst(), reason, before_json: null, after_json: null }).execute();
    await writeAudit(tx, ctx, { action: 'decision.terminate', entity: 'decision', entityId: d.id, before: { status: d.status }, after: { status: 'terminated', reason }, areaId: d.area_id });
  });
}

/** Why the decision may not be published yet (empty = it may). */
export async function publicationBlockers(db: Db, d: Decision): Promise<string[]> {
  const cs = await db.selectFrom('consultations').select(['id', 'title', 'report_published_at']).where('decision_id', '=', d.id).orderBy('id').execute();
  const out: string[] = [];
  if (d.steps.split(',').includes('public') && cs.length === 0) out.push('须公众参与的事项还没有登记征求意见');
  for (const c of cs) {
    const m = await missingDispositions(db, c.id);
    if (m.pending || m.comments || m.groups) out.push(`“${c.title}”还有 ${m.pending} 条意见待审核、${m.comments} 条意见和 ${m.groups} 个归并组未标注采纳情况`);
    if (!c.report_published_at) out.push(`“${c.title}”的意见采纳情况尚未公布`);
  }
  return out;
}

const advanceSchema = z.object({
  evidenceItemId: z.preprocess((v) => (v === '' || v === null ? undefined : v),
    z.preprocess((v) => strictNumberInput(v), z.number({ error: '信息编号无效' }).int('信息编号无效').positive('信息编号无效').max(2_147_483_647, '信息编号无效')).optional()),
  completedOn: isoDate('完成日期'),
  note: optionalText('说明', 1000),
});

/** Completes the current stage with its evidence document and moves to the next one. */
export async function advanceDecision(ctx: Ctx, id: number, input: unknown): Promise<Decision> {
  const d = await getDecision(ctx.db, id);
  requireStageWriter(ctx.actor, d);
  const v = parseInput(advanceSchema, input);
  const to = nextStage(d.status as Stage);
  if (!to) throw fail('wrong_status', d.status === 'terminated' ? '该事项已终止' : '该事项已完成全部环节');
  if (!v.evidenceItemId) throw fail('evidence_required', '完成该环节须附证明材料（已登记的政府信息）', { evidenceItemId: '请查找并选用证明材料' });
  const ref = (await itemRefs(ctx.db, [v.evidenceItemId])).get(v.evidenceItemId);
  if (!ref || ref.areaId !== d.area_id) throw invalid({ evidenceItemId: '找不到该信息' });
  if (v.completedOn > todayCst()) throw invalid({ completedOn: '完成日期不能晚于今天' });
  if (to === 'published') {
    const blockers = await publicationBlockers(ctx.db, d);
    if (blockers.length) throw fail('feedback_incomplete', `还不能进入决策公布：${blockers.join('；')}`);
  }
  const at = nowIso();
  return ctx.db.transaction().execute(async (tx) => {
    const r = await tx.updateTable('decisions').set({ status: to, status_since: v.completedOn, updated_at: at })
      .where('id', '=', d.id).where('status', '=', d.status).returningAll().executeTakeFirst();
    if (!r) throw fail('wrong_status', '该事项已被他人更新，请刷新后重试');
    await tx.insertInto('decision_events').values({ decision_id: d.id, at, actor_label: actorLabel(ctx.actor), kind: 'stage', from_status: d.status, to_status: to, evidence_item_id: v.evidenceItemId!, completed_on: v.completedOn, reason: v.note ?? null, before_json: null, after_json: null }).execute();
    await writeAudit(tx, ctx, { action: 'decision.stage', entity: 'decision', entityId: d.id, before: { status: d.status }, after: { status: to, evidenceItemId: v.evidenceItemId, completedOn: v.completedOn }, areaId: d.area_id });
    return r;
  });
}

export async function getDecision(db: Db, id: number): Promise<Decision> {
  const d = id > 0 ? await db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
  if (!d) throw notFound('决策事项');
  return d;
}

// ── public views ──
export type CatalogRow = Decision & { lead_unit: string; timeline: { on: string; label: string }[] };
const STAGE_LABEL_OF = (s: string | null) => (s ? STAGE_LABELS[s as Stage] ?? s : '');
export async function catalog(db: Db, areaId: number, year: number | null) {
  const years = (await db.selectFrom('decisions').select('year').distinct().where('area_id', '=', areaId).orderBy('year', 'desc').execute()).map((r) => r.year);
  const y = year && years.includes(year) ? year : years[0] ?? null;
  const rows = y === null ? [] : await db.selectFrom('decisions').selectAll().where('area_id', '=', areaId).where('year', '=', y).orderBy('category').orderBy('id').execute();
  const names = new Map((await listUnitsInArea(db, areaId)).map((u) => [u.id, u.name]));
  const events = rows.length ? await db.selectFrom('decision_events').select(['decision_id', 'kind', 'to_status', 'completed_on', 'at'])
    .where('decision_id', 'in', rows.map((r) => r.id)).where('kind', 'in', ['stage', 'terminate', 'adjust']).orderBy('id').execute() : [];
  const timeline = new Map<number, { on: string; label: string }[]>();
  for (const e of events) {
    const l = timeline.get(e.decision_id) ?? [];
    l.push({ on: e.completed_on ?? e.at.slice(0, 10), label: e.kind === 'adjust' ? '目录调整' : `进入${STAGE_LABEL_OF(e.to_status)}` });
    timeline.set(e.decision_id, l);
  }
  return { years, year: y, rows: rows.map((r) => ({ ...r, lead_unit: names.get(r.lead_unit_id) ?? '', timeline: timeline.get(r.id) ?? [] })) as CatalogRow[] };
}

export type DecisionDocument = { label: string; ref: ItemRef };
export async function decisionPage(db: Db, id: number) {
  const d = await getDecision(db, id);
  const [unit, events, consultations] = await Promise.all([
    findUnit(db, d.lead_unit_id),
    db.selectFrom('decision_events').selectAll().where('decision_id', '=', d.id).orderBy('id').execute(),
    db.selectFrom('consultations').selectAll().where('decision_id', '=', d.id).orderBy('id').execute(),
  ]);
  const ids = [...events.map((e) => e.evidence_item_id), ...consultations.flatMap((c) => [c.draft_item_id, c.explanation_item_id, c.report_item_id])].filter((x): x is number => !!x);
  const refs = await itemRefs(db, ids);
  const docs: DecisionDocument[] = [];
  const add = (label: string, iid: number | null) => {
    const ref = iid ? refs.get(iid) : undefined;
    if (ref?.isPublic && !docs.some((x) => x.ref.id === ref.id)) docs.push({ label, ref });
  };
  for (const c of consultations) { add('决策草案全文', c.draft_item_id); add('起草说明', c.explanation_item_id); add('意见采纳情况说明', c.report_item_id); }
  const EVIDENCE_LABEL: Partial<Record<Stage, string>> = {
    planned: '决策背景', drafting: '决策草案及说明', consultation: '征求意见', assessment: '专家论证意见 / 风险评估报告', legality: '合法性审查意见',
    collective: '集体讨论决定', published: '决策结果', implementing: '执行情况', evaluation: '决策后评估报告',
  };
  for (const e of events) if (e.kind === 'stage' && e.from_status) add(EVIDENCE_LABEL[e.from_status as Stage] ?? '证明材料', e.evidence_item_id);
  return { d, unit: unit?.name ?? '', events, consultations, docs, refs, categoryLabel: CATEGORY_LABELS[d.category] ?? d.category };
}

export const STAGE_ORDER = STAGES;
