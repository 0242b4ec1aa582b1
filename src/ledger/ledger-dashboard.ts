// The district office's overview: submission status of every unit, completion and overdue rates
// by unit and by domain, the overdue list, drill-down to a task; charts as inline SVG.
import { requireAreaReader } from '../auth/policy.js';
import { renderBarChart, renderPieChart } from '../charts/svg-chart.js';
import type { Ctx } from '../lib/context.js';
import { notFound } from '../lib/errors.js';
import { todayCst } from '../lib/time.js';
import { findTaskById, tasksOfPlan } from '../plan/public.js';
import { ledgerVersion } from './ledger.repo.js';
import * as drepo from './dashboard.repo.js';
import { readGeneration } from '../search/public.js';
import { ledgerFigures } from './ledger-stats.js';
import { districtList, resolvePlan, type LedgerListEntry, type Plan } from './ledger.service.js';

export const rate = (n: number, d: number): number => (d === 0 ? 0 : Math.round((1000 * n) / d) / 10);

/** Rendering a chart costs milliseconds; the same data gives the same SVG, so keep recent ones. */
const chartCache = new Map<string, string>();
function cached(key: string, render: () => string): string {
  const hit = chartCache.get(key);
  if (hit !== undefined) {
    chartCache.delete(key);
    chartCache.set(key, hit);
    return hit;
  }
  const svg = render();
  chartCache.set(key, svg);
  if (chartCache.size > 64) chartCache.delete(chartCache.keys().next().value!);
  return svg;
}

export type SubmissionBucket = { key: string; label: string; count: number };

export function submissionBuckets(list: readonly LedgerListEntry[]): SubmissionBucket[] {
  const b = (key: string, label: string, f: (e: LedgerListEntry) => boolean) => ({ key, label, count: list.filter(f).length });
  return [
    b('accepted', '已通过', (e) => e.ledger?.status === 'accepted'),
    b('submitted', '已报送待审核', (e) => e.ledger?.status === 'submitted'),
    b('returned', '已退回', (e) => e.ledger?.status === 'returned'),
    // A ledger that exists but holds no measure yet (e.g. generated for every unit) has not been started.
    b('drafting', '填报中', (e) => (e.ledger?.status === 'draft' || e.ledger?.status === 'review') && e.measures > 0),
    b('none', '未开始填报', (e) => !e.ledger || (e.ledger.status === 'draft' && e.measures === 0)),
  ];
}

/**
 * The figures depend only on the ledger data (versioned, see bumpLedgerVersion), the plan and the
 * day; they are kept per database for up to a minute, keyed also on the public-content generation
 * (which unit renames bump), so another node's changes show on the next request.
 */
const figureCache = new WeakMap<object, Map<string, { at: number; value: Figures }>>();
const FIGURES_TTL_MS = 60_000;
type Figures = Awaited<ReturnType<typeof computeFigures>>;

export async function dashboard(ctx: Ctx, planId?: number | null) {
  requireAreaReader(ctx.actor);
  const plan = await resolvePlan(ctx, planId);
  if (!plan) return null;
  const today = todayCst();
  // The public-content generation is bumped by unit renames too, so names are never stale on any node.
  const key = `${plan.id}:${plan.updated_at}:${today}:${await ledgerVersion(ctx.db)}:${await readGeneration(ctx.db)}`;
  let perDb = figureCache.get(ctx.db);
  if (!perDb) figureCache.set(ctx.db, perDb = new Map());
  const hit = perDb.get(key);
  if (hit && Date.now() - hit.at < FIGURES_TTL_MS) return hit.value;
  const value = await computeFigures(ctx, plan, today);
  perDb.set(key, { at: Date.now(), value });
  if (perDb.size > 8) perDb.delete(perDb.keys().next().value!);
  return value;
}

async function computeFigures(ctx: Ctx, plan: Plan, today: string) {
  const units = await districtList(ctx, plan);
  // By task: the sum of the ledgers' own figures (cached per ledger revision); domains sum their tasks.
  const tasks = (await tasksOfPlan(ctx.db, plan.id)).map((t) => ({ id: t.id, seq: t.seq, domain: t.domain, requirement: t.requirement }));
  const figures = await ledgerFigures(ctx.db, units.flatMap((u) => (u.ledger ? [u.ledger] : [])), today);
  const byTask = new Map<number, { total: number; done: number; overdue: number }>();
  for (const f of figures.values()) {
    for (const [taskId, c] of f.byTask) {
      const t = byTask.get(taskId) ?? { total: 0, done: 0, overdue: 0 };
      t.total += c.total;
      t.done += c.done;
      t.overdue += c.overdue;
      byTask.set(taskId, t);
    }
  }
  const byDomain: { domain: string; total: number; done: number; overdue: number }[] = [];
  for (const t of tasks) {
    const c = byTask.get(t.id) ?? { total: 0, done: 0, overdue: 0 };
    let d = byDomain.find((x) => x.domain === t.domain);
    if (!d) byDomain.push(d = { domain: t.domain, total: 0, done: 0, overdue: 0 });
    d.total += c.total;
    d.done += c.done;
    d.overdue += c.overdue;
  }

  // The earliest 200 by deadline.
  const overdue = await drepo.earliestOverdue(ctx.db, plan.id, today, 200);
  const totals = units.reduce((a, u) => ({ measures: a.measures + u.measures, done: a.done + u.done, overdue: a.overdue + u.overdue }), { measures: 0, done: 0, overdue: 0 });
  const buckets = submissionBuckets(units);
  const worst = [...units].filter((u) => u.overdue > 0).sort((a, b) => b.overdue - a.overdue || a.unitName.localeCompare(b.unitName, 'zh-CN')).slice(0, 15);
  const domainPct = byDomain.map((d) => [Math.round(rate(d.done, d.total)), Math.round(rate(d.overdue, d.total))]);
  const charts = {
    submission: cached(`s:${JSON.stringify(buckets)}`, () => renderPieChart({ title: '各单位台账报送情况', data: buckets.filter((x) => x.count > 0).map((x) => ({ name: x.label, value: x.count })), width: 560, height: 340 })),
    domains: cached(`d:${JSON.stringify([byDomain.map((d) => d.domain), domainPct])}`, () => renderBarChart({
      title: '各领域举措完成率与逾期率（%）', categories: byDomain.map((d) => d.domain), horizontal: true, width: 720, height: 90 + byDomain.length * 56,
      // Whole percents: the data table beside the chart carries the exact figures.
      series: [{ name: '完成率', data: domainPct.map((d) => d[0]) }, { name: '逾期率', data: domainPct.map((d) => d[1]) }],
    })),
    units: cached(`u:${JSON.stringify(worst.map((u) => [u.unitName, u.overdue]))}`, () => renderBarChart({
      title: `逾期举措最多的${worst.length}个单位（项）`, categories: worst.map((u) => u.unitName), horizontal: true, width: 720, height: 70 + worst.length * 30,
      series: [{ name: '逾期举措', data: worst.map((u) => u.overdue) }],
    })),
  };
  const overdueTotal = units.reduce((n, u) => n + u.overdue, 0);
  return { plan, today, units, byDomain, overdue, overdueTotal, tasks: tasks.map((t) => ({ ...t, ...(byTask.get(t.id) ?? { total: 0, done: 0, overdue: 0 }) })), totals, buckets, worst, charts };
}

/** Drill-down: every unit's measures for one task. */
export async function taskDrillDown(ctx: Ctx, taskId: number) {
  requireAreaReader(ctx.actor);
  const task = await findTaskById(ctx.db, taskId);
  if (!task) throw notFound('任务');
  const plan = (await resolvePlan(ctx, task.plan_id)) as Plan;
  const today = todayCst();
  const rows = await drepo.rowsOfTask(ctx.db, taskId);
  const measures = await drepo.measuresOfRows(ctx.db, rows.map((r) => r.id));
  return { plan, task, today, rows: rows.map((r) => ({ ...r, measures: measures.filter((m) => m.row_id === r.id) })) };
}
