// Plan import (preview → confirm, all or nothing, re-import updates in place), copies to a new year, queries.
import { writeAudit } from '../audit/public.js';
import { requireAdmin, requireStaff } from '../auth/policy.js';
import { parseTimeLimit, rulesForYear } from '../calendar/public.js';
import type { DeadlineRule } from '../calendar/public.js';
import type { Db } from '../db/schema.js';
import type { Ctx } from '../lib/context.js';
import { AppError, invalid, notFound } from '../lib/errors.js';
import { nowIso } from '../lib/time.js';
import { actorArea, insertUnit } from '../org/public.js';
import { decodeText, parsePlanFile, planFileText } from './plan-file.js';
import type { ParsedPlan, PlanWarning } from './plan-types.js';
import * as repo from './plan.repo.js';
import { findGroup, guessUnitKind, listPlanUnits } from './responsible-units.js';

export type PreviewTask = ParsedPlan['tasks'][number] & { rules: DeadlineRule[]; unitIds: (number | null)[] };
export type PlanPreview = {
  plan: ParsedPlan['plan'] & { submissionDue: string | null };
  tasks: PreviewTask[];
  leadDuties: ParsedPlan['leadDuties'];
  ledgerColumns: string[];
  warnings: PlanWarning[];
  missingUnits: { name: string; kind: string; taskSeqs: number[] }[];
  existingPlanId: number | null;
};

/** "工作台账于6月30日前报…" → the ledger submission date of the plan year. */
export function findSubmissionDue(text: string | null, year: number): string | null {
  if (!text) return null;
  const m = /台账[^。]{0,20}?(\d{1,2})\s*月\s*(\d{1,2})\s*日前/.exec(text.replace(/\s+/g, ''));
  if (!m) return null;
  return `${year}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
}

async function findExisting(db: Db, areaId: number, meta: ParsedPlan['plan']): Promise<number | null> {
  if (meta.docNumber) {
    const byDoc = await repo.findPlanIdByDocNumber(db, areaId, meta.docNumber);
    if (byDoc) return byDoc;
  }
  if (meta.title && meta.year) {
    const byTitle = await repo.findPlanIdByTitle(db, areaId, meta.year, meta.title);
    if (byTitle) return byTitle;
  }
  return null;
}

/** Parses a plan file and resolves rules and units; writes nothing. */
export async function previewPlan(ctx: Ctx, buffer: Buffer, filename: string): Promise<PlanPreview> {
  requireAdmin(ctx.actor);
  if (buffer.length === 0) throw new AppError('invalid', 'plan_empty', '文件为空：请上传工作方案（.txt/.md 文本、.docx 或 .xlsx）');
  const parsed = await parsePlanFile(buffer, filename);
  const areaId = await actorArea(ctx);
  const year = parsed.plan.year;
  if (!year) throw invalid({ file: '无法确定方案年度（标题或成文日期中应有年份）' });
  const units = await repo.unitNamesInArea(ctx.db, areaId);
  const byName = new Map(units.map((u) => [u.name, u.id]));
  const warnings: PlanWarning[] = [...parsed.warnings];
  const tasks: PreviewTask[] = parsed.tasks.map((t) => {
    const r = parseTimeLimit(t.timeLimit, year);
    for (const w of r.warnings) warnings.push({ row: t.seq, message: `时限要求：${w}` });
    return { ...t, rules: r.rules, unitIds: t.units.map((u) => (u.group ? null : byName.get(u.name) ?? null)) };
  });
  const missingUnits = listPlanUnits(parsed).filter((u) => !byName.has(u.name));
  for (const d of parsed.leadDuties) {
    if (!byName.has(d.unit) && !missingUnits.some((m) => m.name === d.unit)) missingUnits.push({ name: d.unit, kind: guessUnitKind(d.unit), taskSeqs: [] });
  }
  // The 台账报送截止 sentence is in the body text, of a .docx as much as of a .txt.
  const text = await planFileText(buffer);
  return {
    plan: { ...parsed.plan, submissionDue: findSubmissionDue(text, year) },
    tasks, leadDuties: parsed.leadDuties, ledgerColumns: parsed.ledgerColumns, warnings, missingUnits,
    existingPlanId: await findExisting(ctx.db, areaId, parsed.plan),
  };
}

let unitCodeSeq = 0;
async function nextUnitCode(tx: Db, areaCode: string): Promise<string> {
  for (;;) {
    unitCodeSeq++;
    const code = `${areaCode.slice(0, 6)}N${String(Date.now() % 100000).padStart(5, '0')}${unitCodeSeq}`;
    if (!(await repo.unitCodeTaken(tx, code))) return code;
  }
}

/** Imports (or re-imports in place) a previewed plan in one transaction; creates missing units. */
export async function importPlan(ctx: Ctx, buffer: Buffer, filename: string): Promise<{ planId: number; created: boolean; tasks: number; unitsCreated: string[]; preview: PlanPreview }> {
  const preview = await previewPlan(ctx, buffer, filename);
  const areaId = await actorArea(ctx);
  const meta = preview.plan;
  const at = nowIso();
  return ctx.db.transaction().execute(async (tx) => {
    const areaCode = await repo.unitCode(tx, areaId);
    const unitsCreated: string[] = [];
    for (const m of preview.missingUnits) {
      const id = await insertUnit(tx, { code: await nextUnitCode(tx, areaCode), name: m.name, kind: m.kind as '区直部门', parent_id: areaId, area_id: areaId, sort: 900, created_at: at });
      await writeAudit(tx, ctx, { action: 'unit.create', entity: 'unit', entityId: id, after: { name: m.name, kind: m.kind, source: '工作方案导入' }, areaId });
      unitsCreated.push(m.name);
    }
    const units = await repo.unitNamesInArea(tx, areaId);
    const byName = new Map(units.map((u) => [u.name, u.id]));
    const existingId = await findExisting(tx, areaId, meta);
    const values = {
      area_id: areaId, year: meta.year!, doc_number: meta.docNumber ?? '', title: meta.title ?? `${meta.year}年政务公开工作方案`,
      issuer: meta.issuer ?? '', issued_on: meta.issuedOn, submission_due: meta.submissionDue, ledger_columns_json: JSON.stringify(preview.ledgerColumns), updated_at: at,
    };
    let planId: number;
    let before: unknown;
    if (existingId) {
      planId = existingId;
      before = await repo.findPlan(tx, planId);
      await repo.updatePlan(tx, planId, values);
    } else {
      planId = await repo.insertPlan(tx, { ...values, copied_from_plan_id: null, created_at: at });
    }
    await writeTasks(tx, planId, preview.tasks, byName, preview.warnings);
    await repo.deleteLeadDuties(tx, planId);
    let seq = 1;
    for (const d of preview.leadDuties) {
      await repo.insertLeadDuty(tx, { plan_id: planId, seq: seq++, unit_id: byName.get(d.unit) ?? null, unit_name: d.unit, content: d.content, requirement: d.requirement });
    }
    await writeAudit(tx, ctx, {
      action: existingId ? 'plan.reimport' : 'plan.import', entity: 'plan', entityId: planId, before,
      after: { ...values, tasks: preview.tasks.length, leadDuties: preview.leadDuties.length, unitsCreated, file: filename }, areaId,
    });
    return { planId, created: !existingId, tasks: preview.tasks.length, unitsCreated, preview };
  });
}

/** Upserts tasks by 序号 so that work attached to a task (ledger rows) survives a re-import. */
async function writeTasks(tx: Db, planId: number, tasks: PreviewTask[], byName: Map<string, number>, warnings: PlanWarning[]) {
  const existing = await repo.taskIdsBySeq(tx, planId);
  for (const t of tasks) {
    const taskWarnings = warnings.filter((w) => w.row === t.seq).map((w) => w.message);
    const row = { plan_id: planId, seq: t.seq, domain: t.domain, sub_area: t.area, requirement: t.requirement, units_text: t.unitsText, time_limit: t.timeLimit, rules_json: JSON.stringify(t.rules), warnings_json: JSON.stringify(taskWarnings) };
    let id = existing.get(t.seq);
    if (id) await repo.updateTask(tx, id, row);
    else id = await repo.insertTask(tx, { ...row, carried_from_task_id: null });
    existing.delete(t.seq);
    await repo.deleteTaskUnits(tx, id);
    let sort = 0;
    for (const u of t.units) {
      await repo.insertTaskUnit(tx, {
        task_id: id, unit_id: u.group ? null : byName.get(u.name) ?? null, name: u.name, role: u.role,
        is_group: u.group ? 1 : 0, group_code: u.group ? findGroup(u.name)?.code ?? 'to_assign' : null, sort: sort++,
      });
    }
  }
  // Tasks that vanished from the new file are kept (work may be attached) and reported.
  for (const seq of existing.keys()) warnings.push({ row: seq, message: `第${seq}项在新文件中不存在，已保留原任务，请核对` });
}

/** Starts next year's plan as a copy: tasks, units, roles; `by` rules re-resolved for the new year. */
export async function copyPlan(ctx: Ctx, planId: number, newYear: number): Promise<{ planId: number; warnings: string[] }> {
  requireAdmin(ctx.actor);
  const areaId = await actorArea(ctx);
  const plan = await repo.findPlan(ctx.db, planId);
  if (!plan || plan.area_id !== areaId) throw notFound('工作方案');
  if (!Number.isInteger(newYear) || newYear < 2000 || newYear > 2100) throw invalid({ year: '年度应为2000至2100之间的整数' });
  if (newYear === plan.year) throw invalid({ year: '新方案年度不能与原方案相同' });
  const tasks = await repo.listTasks(ctx.db, planId);
  const units = await repo.taskUnitsOfTasks(ctx.db, tasks.map((t) => t.id));
  const duties = await repo.leadDutiesUnordered(ctx.db, planId);
  const warnings: string[] = [];
  const at = nowIso();
  const id = await ctx.db.transaction().execute(async (tx) => {
    const newId = await repo.insertPlan(tx, {
      area_id: areaId, year: newYear, doc_number: '', title: plan.title.replaceAll(String(plan.year), String(newYear)), issuer: plan.issuer,
      issued_on: null, submission_due: plan.submission_due ? `${newYear}${plan.submission_due.slice(4)}` : null,
      ledger_columns_json: plan.ledger_columns_json, copied_from_plan_id: planId, created_at: at, updated_at: at,
    });
    for (const t of tasks) {
      const r = rulesForYear(JSON.parse(t.rules_json) as DeadlineRule[], newYear, plan.year);
      for (const w of r.warnings) warnings.push(`第${t.seq}项：${w}`);
      const tid = await repo.insertTask(tx, { plan_id: newId, seq: t.seq, domain: t.domain, sub_area: t.sub_area, requirement: t.requirement, units_text: t.units_text, time_limit: t.time_limit.replaceAll(String(plan.year), String(newYear)), rules_json: JSON.stringify(r.rules), warnings_json: JSON.stringify(r.warnings), carried_from_task_id: null });
      for (const u of units.filter((x) => x.task_id === t.id)) {
        await repo.insertTaskUnit(tx, { task_id: tid, unit_id: u.unit_id, name: u.name, role: u.role, is_group: u.is_group, group_code: u.group_code, sort: u.sort });
      }
    }
    for (const d of duties) await repo.insertLeadDuty(tx, { plan_id: newId, seq: d.seq, unit_id: d.unit_id, unit_name: d.unit_name, content: d.content, requirement: d.requirement });
    await writeAudit(tx, ctx, { action: 'plan.copy', entity: 'plan', entityId: newId, after: { from: planId, year: newYear, tasks: tasks.length }, areaId });
    return newId;
  });
  return { planId: id, warnings };
}

export async function listPlansFor(ctx: Ctx) {
  requireStaff(ctx.actor);
  return repo.listPlans(ctx.db, await actorArea(ctx));
}

export async function getPlan(ctx: Ctx, planId: number) {
  requireStaff(ctx.actor);
  const plan = await repo.findPlan(ctx.db, planId);
  if (!plan || plan.area_id !== (await actorArea(ctx))) throw notFound('工作方案');
  return plan;
}

export type TaskView = Awaited<ReturnType<typeof repo.listTasks>>[number] & {
  rules: DeadlineRule[]; warnings: string[];
  units: { name: string; role: string; is_group: number; unit_id: number | null }[];
};

/** The decomposition table: every task with its units, roles and rules (optionally one unit's tasks). */
export async function planTasks(ctx: Ctx, planId: number, unitId?: number): Promise<TaskView[]> {
  await getPlan(ctx, planId);
  let tasks = await repo.listTasks(ctx.db, planId);
  if (unitId) {
    const roles = await repo.taskRolesForUnit(ctx.db, planId, unitId);
    tasks = tasks.filter((t) => roles.has(t.id));
  }
  const units = tasks.length
    ? await repo.taskUnitSummaries(ctx.db, tasks.map((t) => t.id))
    : [];
  return tasks.map((t) => ({ ...t, rules: JSON.parse(t.rules_json) as DeadlineRule[], warnings: JSON.parse(t.warnings_json) as string[], units: units.filter((u) => u.task_id === t.id) }));
}

export async function leadDuties(ctx: Ctx, planId: number) {
  await getPlan(ctx, planId);
  return repo.leadDutiesOfPlan(ctx.db, planId);
}
