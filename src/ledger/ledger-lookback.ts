// 回头看: last year's unfinished measures, listed for rectification (整改) with their own status.
import { writeAudit } from '../audit/public.js';
import { requireUser } from '../auth/policy.js';
import type { Ctx } from '../lib/context.js';
import { forbidden, invalid, notFound } from '../lib/errors.js';
import { nowIso, todayCst } from '../lib/time.js';
import { parseInput } from '../lib/validate.js';
import type { Db } from '../db/schema.js';
import { rectificationInput } from './ledger.schema.js';
import { resolvePlan, type Plan } from './ledger.service.js';

export const RECTIFICATION_LABELS = { pending: '待整改', in_progress: '整改中', done: '已整改' } as const;

/** The plan a plan was copied from, else the same area's plan of the year before. */
export async function previousPlan(db: Db, plan: Plan) {
  if (plan.copied_from_plan_id) {
    const p = await db.selectFrom('plans').selectAll().where('id', '=', plan.copied_from_plan_id).executeTakeFirst();
    if (p) return p;
  }
  return db.selectFrom('plans').selectAll().where('area_id', '=', plan.area_id).where('year', '=', plan.year - 1).orderBy('id', 'desc').executeTakeFirst();
}

/** Adds every unfinished measure of last year's ledgers to this plan's rectification list. Idempotent. */
export async function generateRectifications(ctx: Ctx, planId?: number | null): Promise<{ added: number; source: string | null }> {
  if (ctx.actor.kind !== 'system' && requireUser(ctx.actor).role !== 'admin') throw forbidden('只有政务公开办管理员可以生成回头看整改清单');
  const plan = await resolvePlan(ctx, planId);
  if (!plan) throw notFound('工作方案');
  const prev = await previousPlan(ctx.db, plan);
  if (!prev) return { added: 0, source: null };
  const open = await ctx.db.selectFrom('ledger_measures').innerJoin('ledgers', 'ledgers.id', 'ledger_measures.ledger_id')
    .innerJoin('ledger_rows', 'ledger_rows.id', 'ledger_measures.row_id').innerJoin('plan_tasks', 'plan_tasks.id', 'ledger_rows.task_id')
    .select(['ledger_measures.id', 'ledger_measures.content', 'ledger_measures.deadline', 'ledger_measures.status', 'ledgers.unit_id', 'plan_tasks.seq', 'plan_tasks.requirement'])
    .where('ledgers.plan_id', '=', prev.id).where('ledger_measures.status', '<>', 'done').execute();
  const have = new Set((await ctx.db.selectFrom('ledger_rectifications').select('source_measure_id').where('plan_id', '=', plan.id).execute()).map((r) => r.source_measure_id));
  const add = open.filter((m) => !have.has(m.id));
  if (add.length) {
    await ctx.db.transaction().execute(async (tx) => {
      const at = nowIso();
      for (let i = 0; i < add.length; i += 200) {
        await tx.insertInto('ledger_rectifications').values(add.slice(i, i + 200).map((m) => ({
          plan_id: plan.id, unit_id: m.unit_id, area_id: plan.area_id, source_plan_id: prev.id, source_measure_id: m.id,
          task_text: `${m.seq}. ${m.requirement}`, measure_text: m.content, source_deadline: m.deadline, source_status: m.status,
          status: 'pending' as const, note: '', completed_on: null, created_at: at, updated_at: at,
        }))).execute();
      }
      await writeAudit(tx, ctx, { action: 'ledger.lookback.generate', entity: 'plan', entityId: plan.id, after: { source: prev.id, added: add.length }, areaId: plan.area_id });
    });
  }
  return { added: add.length, source: prev.title };
}

export async function listRectifications(ctx: Ctx, planId?: number | null) {
  const u = ctx.actor.kind === 'system' ? null : requireUser(ctx.actor);
  const plan = await resolvePlan(ctx, planId);
  if (!plan) return null;
  let q = ctx.db.selectFrom('ledger_rectifications').innerJoin('units', 'units.id', 'ledger_rectifications.unit_id')
    .selectAll('ledger_rectifications').select('units.name as unit_name').where('ledger_rectifications.plan_id', '=', plan.id);
  const district = !u || u.role === 'admin' || u.role === 'auditor';
  if (!district) q = q.where('ledger_rectifications.unit_id', '=', u!.unitId);
  const items = await q.orderBy('units.sort').orderBy('ledger_rectifications.id').execute();
  return { plan, previous: await previousPlan(ctx.db, plan), items, district };
}

export async function updateRectification(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  const r = id > 0 ? await ctx.db.selectFrom('ledger_rectifications').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
  if (!r) throw notFound('整改事项');
  if (ctx.actor.kind !== 'system') {
    const u = requireUser(ctx.actor);
    if (u.areaId !== r.area_id || ((u.role === 'unit_operator' || u.role === 'unit_reviewer') && u.unitId !== r.unit_id)) throw notFound('整改事项');
    if (u.role !== 'unit_operator' && u.role !== 'unit_reviewer') throw forbidden('整改情况由责任单位填写');
  }
  const input = parseInput(rectificationInput, raw);
  const today = todayCst();
  let completedOn: string | null = null;
  if (input.status === 'done') {
    completedOn = input.completedOn ?? today;
    if (completedOn > today) throw invalid({ completedOn: '完成日期不能晚于今天' });
    if (!input.note) throw invalid({ note: '整改完成时请填写整改情况' });
  }
  await ctx.db.transaction().execute(async (tx) => {
    const after = { status: input.status, note: input.note ?? '', completed_on: completedOn, updated_at: nowIso() };
    await tx.updateTable('ledger_rectifications').set(after).where('id', '=', id).execute();
    await writeAudit(tx, ctx, { action: 'ledger.rectification.update', entity: 'ledger_rectification', entityId: id, before: { status: r.status, note: r.note }, after, areaId: r.area_id });
  });
}
