// 回头看: last year's unfinished measures, listed for rectification (整改) with their own status.
import { writeAudit } from '../audit/public.js';
import { requireUser } from '../auth/policy.js';
import { previousPlanOf, tasksByIds } from '../plan/public.js';
import type { Ctx } from '../lib/context.js';
import { invalid, notFound } from '../lib/errors.js';
import { nowIso, todayCst } from '../lib/time.js';
import { parseInput } from '../lib/validate.js';
import type { Db } from '../db/schema.js';
import { rectificationInput } from './ledger.schema.js';
import { resolvePlan, type Plan } from './ledger.service.js';
import { requireOffice, requireRectificationWriter, seesAllRectifications } from './ledger-policy.js';
import * as repo from './lookback.repo.js';

export const RECTIFICATION_LABELS = { pending: '待整改', in_progress: '整改中', done: '已整改' } as const;

/** The plan a plan was copied from, else the same area's plan of the year before. */
export const previousPlan = (db: Db, plan: Plan) => previousPlanOf(db, plan);

/** Adds every unfinished measure of last year's ledgers to this plan's rectification list. Idempotent. */
export async function generateRectifications(ctx: Ctx, planId?: number | null): Promise<{ added: number; source: string | null }> {
  requireOffice(ctx.actor, '只有政务公开办管理员可以生成回头看整改清单');
  const plan = await resolvePlan(ctx, planId);
  if (!plan) throw notFound('工作方案');
  const prev = await previousPlan(ctx.db, plan);
  if (!prev) return { added: 0, source: null };
  const unfinished = await repo.unfinishedMeasuresOfPlan(ctx.db, prev.id);
  const tasks = new Map((await tasksByIds(ctx.db, unfinished.map((m) => m.task_id))).map((t) => [t.id, t]));
  const open = unfinished.flatMap((m) => {
    const t = tasks.get(m.task_id);
    return t ? [{ ...m, seq: t.seq, requirement: t.requirement }] : [];
  });
  const have = await repo.rectifiedSourceIds(ctx.db, plan.id);
  const add = open.filter((m) => !have.has(m.id));
  if (add.length) {
    await ctx.db.transaction().execute(async (tx) => {
      const at = nowIso();
      await repo.insertRectifications(tx, add.map((m) => ({
        plan_id: plan.id, unit_id: m.unit_id, area_id: plan.area_id, source_plan_id: prev.id, source_measure_id: m.id,
        task_text: `${m.seq}. ${m.requirement}`, measure_text: m.content, source_deadline: m.deadline, source_status: m.status,
        status: 'pending' as const, note: '', completed_on: null, created_at: at, updated_at: at,
      })));
      await writeAudit(tx, ctx, { action: 'ledger.lookback.generate', entity: 'plan', entityId: plan.id, after: { source: prev.id, added: add.length }, areaId: plan.area_id });
    });
  }
  return { added: add.length, source: prev.title };
}

export async function listRectifications(ctx: Ctx, planId?: number | null) {
  const u = ctx.actor.kind === 'system' ? null : requireUser(ctx.actor);
  const plan = await resolvePlan(ctx, planId);
  if (!plan) return null;
  const district = seesAllRectifications(ctx.actor);
  const items = await repo.rectificationsOfPlan(ctx.db, plan.id, district ? undefined : u!.unitId);
  return { plan, previous: await previousPlan(ctx.db, plan), items, district };
}

export async function updateRectification(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  const r = id > 0 ? await repo.findRectification(ctx.db, id) : undefined;
  if (!r) throw notFound('整改事项');
  requireRectificationWriter(ctx.actor, r);
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
    await repo.updateRectification(tx, id, after);
    await writeAudit(tx, ctx, { action: 'ledger.rectification.update', entity: 'ledger_rectification', entityId: id, before: { status: r.status, note: r.note }, after, areaId: r.area_id });
  });
}
