// Correcting a plan after import (issue 19): a task's text, time limit (re-parsed into rules with
// their explanation) and responsible units; removing an office assignment; excluding a unit from a
// group reference; the plan's 文号 and date. Every change is one transaction with its history row
// and audit entry. A unit that loses a task loses its empty ledger row; when the row holds measures
// the office chooses: keep them on record, or delete them.
import { z } from 'zod';
import { writeAudit } from '../audit/public.js';
import { requireAdmin, requireStaff } from '../auth/policy.js';
import { parseTimeLimit } from '../calendar/public.js';
import type { DeadlineRule } from '../calendar/public.js';
import type { Db, TaskUnitRole } from '../db/schema.js';
import { actorLabel, type Ctx } from '../lib/context.js';
import { invalid, notFound } from '../lib/errors.js';
import { nowIso } from '../lib/time.js';
import { intId, isoDate, optionalText, parseInput, text } from '../lib/validate.js';
import { actorArea } from '../org/public.js';
import { deleteLedgerRows, ledgerRowsOfTask, recomputeMeasureDueDates, setLedgerRowRole, type TaskLedgerRow } from '../ledger/public.js';
import * as repo from './plan-edit.repo.js';
import { findPlan, updatePlan, updateTask } from './plan.repo.js';
import { requireEditPlan } from './plan-policy.js';
import { findGroup, splitResponsibleUnits } from './responsible-units.js';
import { ruleLabel } from './plan.views.js';

const measuresChoice = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(['keep', 'delete'], { error: '请选择如何处理已有的工作举措' }).optional());
const taskInput = z.object({
  requirement: text('工作要求', { max: 2000, multiline: true }),
  timeLimit: optionalText('时限要求', 500),
  unitsText: optionalText('责任单位', 500),
  reason: optionalText('修改说明', 500),
  measures: measuresChoice,
});
const assignInput = z.object({ unitId: intId('单位'), role: z.enum(['implementing', 'responsible', 'lead'], { error: '请选择角色' }) });
const unitChoice = z.object({ unitId: intId('单位'), measures: measuresChoice });
const planMetaInput = z.object({
  docNumber: optionalText('文号', 60),
  issuedOn: z.preprocess((v) => (v === '' ? undefined : v), isoDate('成文日期').optional()),
  title: text('方案标题', { max: 120 }),
});

async function loadTask(ctx: Ctx, planId: number, taskId: number) {
  requireAdmin(ctx.actor);
  const areaId = await actorArea(ctx);
  const plan = await findPlan(ctx.db, planId);
  if (!plan || plan.area_id !== areaId) throw notFound('工作方案');
  const task = await repo.findTask(ctx.db, planId, taskId);
  if (!task) throw notFound('任务');
  return { plan, task, areaId };
}

/** The rules a time limit reads as, with the explanation shown next to the form. */
export function explainTimeLimit(timeLimit: string, year: number): { rules: DeadlineRule[]; warnings: string[]; explanation: string } {
  if (!timeLimit.trim()) return { rules: [], warnings: ['未给出时限要求，请补充'], explanation: '未规定时限：台账中的举措不设到期日。' };
  const r = parseTimeLimit(timeLimit, year);
  const labels = r.rules.map(ruleLabel);
  return {
    rules: r.rules, warnings: r.warnings.map((w) => `时限要求：${w}`),
    explanation: labels.length ? `解析为：${labels.join('；')}${r.warnings.length ? `（${r.warnings.join('；')}）` : ''}` : '未能解析出时限规则。',
  };
}

type Lost = { rows: TaskLedgerRow[]; withMeasures: TaskLedgerRow[] };

/** Ledger rows of units that no longer have the task; refuses (field `measures`) when rows hold measures and no choice was made. */
async function lostRows(db: Db, taskId: number, before: repo.Coverage, after: repo.Coverage, choice: 'keep' | 'delete' | undefined): Promise<Lost> {
  const rows = (await ledgerRowsOfTask(db, taskId)).filter((r) => before.has(r.unitId) && !after.has(r.unitId));
  const withMeasures = rows.filter((r) => r.measures > 0);
  if (withMeasures.length && !choice) {
    throw invalid({ measures: `${withMeasures.map((r) => `${r.unitName}（${r.measures}条）`).join('、')}的台账中已有该任务的工作举措，请选择保留还是删除` });
  }
  return { rows, withMeasures };
}

async function applyLost(tx: Db, lost: Lost, choice: 'keep' | 'delete' | undefined, at: string): Promise<string> {
  const remove = lost.rows.filter((r) => r.measures === 0 || choice === 'delete');
  await deleteLedgerRows(tx, remove, at);
  const kept = lost.rows.filter((r) => !remove.includes(r));
  return [remove.length ? `删除台账任务行：${remove.map((r) => r.unitName).join('、')}` : '', kept.length ? `保留已有举措：${kept.map((r) => r.unitName).join('、')}` : ''].filter(Boolean).join('；');
}

async function syncRoles(tx: Db, taskId: number, after: repo.Coverage) {
  for (const r of await ledgerRowsOfTask(tx, taskId)) {
    const c = after.get(r.unitId);
    if (c) await setLedgerRowRole(tx, r.rowId, c.role);
  }
}

const touchPlan = repo.touchPlan;

/** Edits a task's 工作要求, 时限要求 (re-parsed) and 责任单位 (re-split). */
export async function editTask(ctx: Ctx, planId: number, taskId: number, raw: unknown): Promise<{ explanation: string }> {
  const { plan, task, areaId } = await loadTask(ctx, planId, taskId);
  const input = parseInput(taskInput, raw);
  const timeLimit = input.timeLimit ?? '';
  const unitsText = input.unitsText ?? '';
  const area = await repo.areaUnits(ctx.db, areaId);
  const byName = new Map(area.map((u) => [u.name, u.id]));
  const pieces = splitResponsibleUnits(unitsText);
  const unknown = pieces.filter((p) => !p.group && !byName.has(p.name)).map((p) => p.name);
  if (unknown.length) throw invalid({ unitsText: `单位目录中没有：${unknown.join('、')}（请使用单位管理中的名称，或先新增单位）` });
  const newUnits: repo.TaskUnitRow[] = pieces.map((p) => ({
    unit_id: p.group ? null : byName.get(p.name)!, name: p.name, role: p.role as TaskUnitRole, is_group: p.group ? 1 : 0,
    group_code: p.group ? findGroup(p.name)?.code ?? 'to_assign' : null,
  }));
  const explained = explainTimeLimit(timeLimit, plan.year);
  const warnings = [...explained.warnings, ...(pieces.length ? [] : ['未给出责任单位，请补充'])];
  const [oldUnits, assignments, exclusions] = await Promise.all([repo.taskUnits(ctx.db, taskId), repo.taskAssignments(ctx.db, taskId), repo.taskExclusions(ctx.db, taskId)]);
  const excluded = new Set(exclusions.map((e) => e.unit_id));
  const before = repo.coverage(oldUnits, assignments, excluded, area);
  const after = repo.coverage(newUnits, assignments, excluded, area);
  const lost = await lostRows(ctx.db, taskId, before, after, input.measures);
  const at = nowIso();
  const old = { requirement: task.requirement, timeLimit: task.time_limit, unitsText: task.units_text };
  const next = { requirement: input.requirement, timeLimit, unitsText };
  await ctx.db.transaction().execute(async (tx) => {
    await updateTask(tx, taskId, {
      requirement: next.requirement, time_limit: timeLimit, units_text: unitsText, rules_json: JSON.stringify(explained.rules), warnings_json: JSON.stringify(warnings),
    });
    await repo.replaceTaskUnits(tx, taskId, newUnits);
    const ledgerNote = await applyLost(tx, lost, input.measures, at);
    await syncRoles(tx, taskId, after);
    const moved = timeLimit !== old.timeLimit ? await recomputeMeasureDueDates(tx, ctx, taskId) : 0;
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== old[k]);
    const labels = { requirement: '工作要求', timeLimit: '时限要求', unitsText: '责任单位' };
    const note = [changed.length ? `修改${changed.map((k) => labels[k]).join('、')}` : '未改动内容', input.reason ?? '', timeLimit !== old.timeLimit ? explained.explanation : '', ledgerNote, moved ? `重新计算${moved}条台账举措的到期日` : ''].filter(Boolean).join('；');
    await repo.recordTaskChange(tx, { taskId, at, actorLabel: actorLabel(ctx.actor), action: 'plan.task.edit', before: old, after: next, note });
    await touchPlan(tx, planId, at);
    await writeAudit(tx, ctx, { action: 'plan.task.edit', entity: 'plan_task', entityId: taskId, before: old, after: { ...next, rules: explained.rules, note }, areaId });
  });
  return { explanation: explained.explanation };
}

/** Removes an office assignment of a unit to a task. */
export async function removeAssignment(ctx: Ctx, planId: number, taskId: number, raw: unknown): Promise<string> {
  const { areaId } = await loadTask(ctx, planId, taskId);
  const input = parseInput(unitChoice, raw);
  const [units, assignments, exclusions, area] = await Promise.all([repo.taskUnits(ctx.db, taskId), repo.taskAssignments(ctx.db, taskId), repo.taskExclusions(ctx.db, taskId), repo.areaUnits(ctx.db, areaId)]);
  const target = assignments.find((a) => a.unit_id === input.unitId);
  if (!target) throw invalid({ unitId: '该单位没有被指定承担此任务' });
  const excluded = new Set(exclusions.map((e) => e.unit_id));
  const before = repo.coverage(units, assignments, excluded, area);
  const after = repo.coverage(units, assignments.filter((a) => a !== target), excluded, area);
  const lost = await lostRows(ctx.db, taskId, before, after, input.measures);
  const at = nowIso();
  return ctx.db.transaction().execute(async (tx) => {
    await repo.deleteAssignment(tx, taskId, input.unitId);
    const ledgerNote = await applyLost(tx, lost, input.measures, at);
    await syncRoles(tx, taskId, after);
    const note = [`取消指定${target.name}`, ledgerNote].filter(Boolean).join('；');
    await repo.recordTaskChange(tx, { taskId, at, actorLabel: actorLabel(ctx.actor), action: 'plan.task.unassign', before: { unitId: target.unit_id, unit: target.name, role: target.role }, after: null, note });
    await touchPlan(tx, planId, at);
    await writeAudit(tx, ctx, { action: 'plan.task.unassign', entity: 'plan_task', entityId: taskId, before: { unitId: target.unit_id, role: target.role }, after: { note }, areaId });
    return note;
  });
}

/** A group reference of this task (各镇、街道 / 区政府各部门单位) no longer covers the unit; or covers it again. */
export async function setExclusion(ctx: Ctx, planId: number, taskId: number, raw: unknown, exclude: boolean): Promise<string> {
  const { areaId } = await loadTask(ctx, planId, taskId);
  const input = parseInput(unitChoice, raw);
  const [units, assignments, exclusions, area] = await Promise.all([repo.taskUnits(ctx.db, taskId), repo.taskAssignments(ctx.db, taskId), repo.taskExclusions(ctx.db, taskId), repo.areaUnits(ctx.db, areaId)]);
  const unit = area.find((u) => u.id === input.unitId);
  if (!unit) throw invalid({ unitId: '单位不存在' });
  const excluded = new Set(exclusions.map((e) => e.unit_id));
  const before = repo.coverage(units, assignments, excluded, area);
  if (exclude) {
    if (before.get(unit.id)?.via !== 'group') throw invalid({ unitId: `${unit.name}不是通过单位组（如“区政府各部门单位”）承担此任务的，不能排除` });
    excluded.add(unit.id);
  } else if (!excluded.delete(unit.id)) throw invalid({ unitId: `${unit.name}没有被排除` });
  const after = repo.coverage(units, assignments, excluded, area);
  const lost = exclude ? await lostRows(ctx.db, taskId, before, after, input.measures) : { rows: [], withMeasures: [] };
  const at = nowIso();
  return ctx.db.transaction().execute(async (tx) => {
    if (exclude) await repo.insertExclusion(tx, taskId, unit.id, at);
    else await repo.deleteExclusion(tx, taskId, unit.id);
    const ledgerNote = await applyLost(tx, lost, input.measures, at);
    const action = exclude ? 'plan.task.exclude' : 'plan.task.include';
    const note = [exclude ? `${unit.name}不承担此任务（从单位组中排除）` : `${unit.name}恢复承担此任务`, ledgerNote].filter(Boolean).join('；');
    await repo.recordTaskChange(tx, { taskId, at, actorLabel: actorLabel(ctx.actor), action, before: null, after: { unitId: unit.id, unit: unit.name }, note });
    await touchPlan(tx, planId, at);
    await writeAudit(tx, ctx, { action, entity: 'plan_task', entityId: taskId, after: { unitId: unit.id, note }, areaId });
    return note;
  });
}

/** The office assigns a unit to a task (for 有关职能部门 and the like); returns the unit's name. */
export async function assignUnit(ctx: Ctx, planId: number, taskId: number, raw: unknown): Promise<string> {
  requireEditPlan(ctx.actor);
  const d = await taskDetailFor(ctx, planId, taskId);
  const input = parseInput(assignInput, raw);
  const areaId = await actorArea(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const unit = await repo.unitBrief(tx, input.unitId);
    if (!unit || unit.area_id !== areaId) throw invalid({ unitId: '单位不存在' });
    await repo.deleteAssignment(tx, d.task.id, input.unitId);
    await repo.insertAssignment(tx, { task_id: d.task.id, unit_id: input.unitId, role: input.role, source: 'admin' });
    await writeAudit(tx, ctx, { action: 'plan.task.assign', entity: 'plan_task', entityId: d.task.id, after: input, areaId });
    return unit.name;
  });
}

/** Sets a plan's 文号, 成文日期 and title (a copied plan starts without them). */
export async function updatePlanMeta(ctx: Ctx, planId: number, raw: unknown): Promise<void> {
  requireAdmin(ctx.actor);
  const areaId = await actorArea(ctx);
  const plan = await findPlan(ctx.db, planId);
  if (!plan || plan.area_id !== areaId) throw notFound('工作方案');
  const input = parseInput(planMetaInput, raw);
  const clash = input.docNumber ? await repo.planWithDocNumber(ctx.db, areaId, input.docNumber, planId) : undefined;
  if (clash) throw invalid({ docNumber: '已有工作方案使用该文号' });
  if (input.issuedOn && Number(input.issuedOn.slice(0, 4)) !== plan.year && Number(input.issuedOn.slice(0, 4)) !== plan.year - 1) {
    throw invalid({ issuedOn: `成文日期应在${plan.year - 1}年或${plan.year}年` });
  }
  const after = { doc_number: input.docNumber ?? '', issued_on: input.issuedOn ?? null, title: input.title };
  await ctx.db.transaction().execute(async (tx) => {
    await updatePlan(tx, planId, { ...after, updated_at: nowIso() });
    await writeAudit(tx, ctx, { action: 'plan.update', entity: 'plan', entityId: planId, before: { doc_number: plan.doc_number, issued_on: plan.issued_on, title: plan.title }, after, areaId });
  });
}

/** Everything the task page shows about units: named and group references, assignments, exclusions, history. */
export async function taskDetailFor(ctx: Ctx, planId: number, taskId: number) {
  requireStaff(ctx.actor);
  const areaId = await actorArea(ctx);
  const plan = await findPlan(ctx.db, planId);
  if (!plan || plan.area_id !== areaId) throw notFound('工作方案');
  const task = await repo.findTask(ctx.db, planId, taskId);
  if (!task) throw notFound('任务');
  const [units, assignments, exclusions, area, changes, rows] = await Promise.all([
    repo.taskUnits(ctx.db, taskId), repo.taskAssignments(ctx.db, taskId), repo.taskExclusions(ctx.db, taskId), repo.areaUnits(ctx.db, areaId),
    repo.taskChanges(ctx.db, taskId), ledgerRowsOfTask(ctx.db, taskId),
  ]);
  const cov = repo.coverage(units, assignments, new Set(exclusions.map((e) => e.unit_id)), area);
  const groupCovered = area.filter((u) => cov.get(u.id)?.via === 'group');
  return {
    plan, task, units, assignments, exclusions, area, changes, groupCovered, measuresOf: new Map(rows.map((r) => [r.unitId, r.measures])),
    rules: JSON.parse(task.rules_json) as DeadlineRule[], warnings: JSON.parse(task.warnings_json) as string[],
  };
}
