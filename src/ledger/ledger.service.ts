// Ledgers (台账): who may see and do what, measures with due dates, progress and evidence,
// and the workflow operator → unit reviewer → district office. Every change is audited.
import { randomUUID, createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { writeAudit } from '../audit/public.js';
import { requireUser } from '../auth/policy.js';
import { canReadItem } from '../disclosure/public.js';
import { CalendarError } from '../calendar/public.js';
import { getCalendar } from '../calendar/public.js';
import type { WorkingCalendar } from '../calendar/public.js';
import type { LedgerStatus, LedgersTable } from '../db/ledger.tables.js';
import type { Db, Role } from '../db/schema.js';
import { sql, type Selectable } from 'kysely';
import type { Ctx } from '../lib/context.js';
import { actorId, actorLabel } from '../lib/context.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../lib/errors.js';
import { formatDate, nowIso, todayCst } from '../lib/time.js';
import { fileNameProblem, optionalText, parseInput } from '../lib/validate.js';
import { z } from 'zod';
import { sniffKind, type AttachmentKind } from '../disclosure/public.js';
import { actorArea } from '../org/public.js';
import { findPlan, listPlans, taskRolesForUnit } from '../plan/public.js';
import { DueError, computeDue, effectiveDeadline, parseRules, storedStatus, type DueResult } from './ledger-rules.js';
import * as repo from './ledger.repo.js';
import { ledgerFigures } from './ledger-stats.js';
import {
  commentInput, createInput, evidenceInput, measureInput, measureStatusInput, optionalCommentInput, progressInput, requiredCommentInput,
} from './ledger.schema.js';
import { areaAdmins, notifyUsers, unitUsers } from '../notify/public.js';

export type Ledger = Selectable<LedgersTable>;
export type Plan = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

const EDITABLE: LedgerStatus[] = ['draft', 'returned'];

/** A day in China Standard Time from an ISO timestamp. */
export const cstDate = (iso: string): string => formatDate(iso);

// ---------------------------------------------------------------- plans

/** The plan asked for (in the actor's area), or the area's latest plan; null when there is none. */
export async function resolvePlan(ctx: Ctx, planId?: number | null): Promise<Plan | null> {
  const areaId = await actorArea(ctx);
  if (planId) {
    const plan = await findPlan(ctx.db, planId);
    if (!plan || plan.area_id !== areaId) throw notFound('工作方案');
    return plan;
  }
  return (await listPlans(ctx.db, areaId))[0] ?? null;
}

export async function plansOfArea(ctx: Ctx) {
  return listPlans(ctx.db, await actorArea(ctx));
}

export type SubmissionState = { due: string | null; submittedOn: string | null; late: boolean; missing: boolean; label: string };

/** On time, late, missing: the submission deadline is the plan's, moved off days off like any deadline. */
export function submissionState(plan: Plan, ledger: Pick<Ledger, 'first_submitted_at'> | null | undefined, cal: WorkingCalendar, today: string): SubmissionState {
  const due = plan.submission_due ? effectiveDeadline(cal, plan.submission_due) : null;
  const submittedOn = ledger?.first_submitted_at ? cstDate(ledger.first_submitted_at) : null;
  const late = Boolean(submittedOn && due && submittedOn > due);
  const missing = !submittedOn && Boolean(due && today > due);
  const label = submittedOn ? (late ? '逾期报送' : '按时报送') : missing ? '逾期未报送' : '未报送';
  return { due, submittedOn, late, missing, label };
}

// ---------------------------------------------------------------- access

export type LedgerAccess = {
  ledger: Ledger;
  mode: 'unit' | 'office' | 'auditor' | 'lead' | 'system';
  role: Role | 'system';
  /** A user of the ledger's own unit (or the system): may write, subject to the state. */
  unitWriter: boolean;
  editContent: boolean;
  editProgress: boolean;
  requestReview: boolean;
  submit: boolean;
  reviewerReturn: boolean;
  accept: boolean;
  ret: boolean;
  reopen: boolean;
  guide: boolean;
  /** Task ids a lead department may see; null = all rows. */
  visibleTasks: Set<number> | null;
};

export async function accessFor(ctx: Ctx, ledgerId: number): Promise<LedgerAccess> {
  const ledger = ledgerId > 0 ? await repo.findLedger(ctx.db, ledgerId) : undefined;
  if (!ledger) throw notFound('台账');
  const s = ledger.status;
  const base = { ledger, editContent: false, editProgress: false, requestReview: false, submit: false, reviewerReturn: false, accept: false, ret: false, reopen: false, guide: false, visibleTasks: null, unitWriter: false };
  if (ctx.actor.kind === 'system') {
    return { ...base, mode: 'system', role: 'system', unitWriter: true, editContent: EDITABLE.includes(s), editProgress: true, requestReview: EDITABLE.includes(s), submit: s !== 'submitted' && s !== 'accepted', reviewerReturn: s === 'review', accept: s === 'submitted', ret: s === 'submitted', reopen: s === 'accepted' };
  }
  const u = requireUser(ctx.actor);
  if (u.areaId !== ledger.area_id) throw notFound('台账');
  if (u.role === 'admin') return { ...base, mode: 'office', role: u.role, accept: s === 'submitted', ret: s === 'submitted' };
  if (u.role === 'auditor') return { ...base, mode: 'auditor', role: u.role };
  if (u.unitId === ledger.unit_id) {
    const reviewer = u.role === 'unit_reviewer';
    return {
      ...base, mode: 'unit', role: u.role, unitWriter: true,
      editContent: EDITABLE.includes(s) || (reviewer && s === 'review'),
      editProgress: true,
      requestReview: EDITABLE.includes(s),
      submit: reviewer && (EDITABLE.includes(s) || s === 'review'),
      reviewerReturn: reviewer && s === 'review',
      reopen: reviewer && s === 'accepted',
    };
  }
  // Lead departments (附件2) read other units' rows in the content they lead, and guide.
  const led = await repo.leadTaskIds(ctx.db, ledger.plan_id, u.unitId);
  if (led.size) {
    const rows = await ctx.db.selectFrom('ledger_rows').select('task_id').where('ledger_id', '=', ledger.id).execute();
    const visible = new Set(rows.map((r) => r.task_id).filter((t) => led.has(t)));
    if (visible.size) return { ...base, mode: 'lead', role: u.role, guide: true, visibleTasks: visible };
  }
  throw notFound('台账');
}

function requireContentEdit(a: LedgerAccess): void {
  if (!a.unitWriter) throw forbidden('只能由本单位联络员或审核人填写台账');
  if (!a.editContent) throw conflict('ledger_locked', `台账当前状态为“${STATUS_TEXT[a.ledger.status]}”，工作举措不能修改；如需修改，请由单位审核人退回或重新打开`);
}
function requireProgressEdit(a: LedgerAccess): void {
  if (!a.unitWriter || !a.editProgress) throw forbidden('只能由本单位联络员或审核人更新进展');
}
const STATUS_TEXT: Record<LedgerStatus, string> = { draft: '草稿', review: '待单位审核', submitted: '已报送待审核', accepted: '已通过', returned: '已退回' };

// ---------------------------------------------------------------- create

/** Creates the unit's ledger for a plan (or adds rows for tasks assigned since). Idempotent. */
export async function createLedger(ctx: Ctx, raw: unknown): Promise<number> {
  const input = parseInput(createInput, raw);
  const plan = await resolvePlan(ctx, input.planId);
  if (!plan) throw notFound('工作方案');
  let unitId: number;
  if (ctx.actor.kind === 'system') {
    if (!input.unitId) throw invalid({ unitId: '请选择单位' });
    unitId = input.unitId;
  } else {
    const u = requireUser(ctx.actor);
    if (u.role === 'auditor') throw forbidden('审计员只能查看，不能修改');
    if (u.role === 'admin') {
      if (!input.unitId) throw invalid({ unitId: '请选择单位' });
      unitId = input.unitId;
    } else {
      if (input.unitId && input.unitId !== u.unitId) throw forbidden('只能处理本单位的台账');
      unitId = u.unitId;
    }
  }
  const unit = await ctx.db.selectFrom('units').select(['id', 'area_id', 'name']).where('id', '=', unitId).executeTakeFirst();
  if (!unit || unit.area_id !== plan.area_id) throw invalid({ unitId: '单位不存在' });
  const roles = await taskRolesForUnit(ctx.db, plan.id, unitId);
  if (roles.size === 0) throw conflict('no_tasks', `${unit.name}在本工作方案中没有承担的任务`);
  const tasks = await ctx.db.selectFrom('plan_tasks').select(['id', 'seq']).where('id', 'in', [...roles.keys()]).execute();
  return ctx.db.transaction().execute(async (tx) => {
    const at = nowIso();
    let ledger = await repo.findLedgerFor(tx, plan.id, unitId);
    let id: number;
    if (!ledger) {
      id = (await tx.insertInto('ledgers').values({
        plan_id: plan.id, unit_id: unitId, area_id: plan.area_id, status: 'draft', version: 1, revision: 0,
        first_submitted_at: null, submitted_at: null, accepted_at: null, returned_at: null, created_at: at, updated_at: at,
      }).returning('id').executeTakeFirstOrThrow()).id;
    } else id = ledger.id;
    const have = new Set((await tx.selectFrom('ledger_rows').select('task_id').where('ledger_id', '=', id).execute()).map((r) => r.task_id));
    const add = tasks.filter((t) => !have.has(t.id)).map((t) => ({ ledger_id: id, task_id: t.id, seq: t.seq, role: roles.get(t.id)! }));
    if (add.length) await tx.insertInto('ledger_rows').values(add).execute();
    if (!ledger || add.length) {
      await repo.touchLedger(tx, id, at);
      await writeAudit(tx, ctx, { action: ledger ? 'ledger.sync_rows' : 'ledger.create', entity: 'ledger', entityId: id, after: { plan: plan.id, unit: unit.name, rows: add.map((r) => r.seq) }, areaId: plan.area_id });
    }
    return id;
  });
}

/** Admin: a ledger for every unit responsible for tasks of the plan. */
export async function createAllLedgers(ctx: Ctx, planId: number): Promise<number> {
  if (ctx.actor.kind !== 'system') {
    const u = requireUser(ctx.actor);
    if (u.role !== 'admin') throw forbidden('只有政务公开办管理员可以执行此操作');
  }
  const plan = await resolvePlan(ctx, planId);
  if (!plan) throw notFound('工作方案');
  let n = 0;
  for (const unitId of await repo.unitIdsOfPlan(ctx.db, plan.id, plan.area_id)) {
    const existed = await repo.findLedgerFor(ctx.db, plan.id, unitId);
    await createLedger(ctx, { planId: plan.id, unitId });
    if (!existed) n++;
  }
  return n;
}

// ---------------------------------------------------------------- lists

export type LedgerListEntry = {
  unitId: number; unitName: string; ledger: Ledger | null; submission: SubmissionState;
  rows: number; emptyRows: number; measures: number; done: number; overdue: number;
};

/** Every unit of the plan with its ledger state (admin, auditor). */
export async function districtList(ctx: Ctx, plan: Plan): Promise<LedgerListEntry[]> {
  if (ctx.actor.kind === 'user' && ctx.actor.role !== 'admin' && ctx.actor.role !== 'auditor') throw forbidden('只有政务公开办和审计员可以查看全区台账');
  const today = todayCst();
  const cal = await getCalendar(ctx.db, plan.area_id);
  const unitIds = new Set(await repo.unitIdsOfPlan(ctx.db, plan.id, plan.area_id));
  const ledgers = await repo.ledgersOfPlan(ctx.db, plan.id);
  for (const l of ledgers) unitIds.add(l.unit_id);
  const units = (await ctx.db.selectFrom('units').select(['id', 'name', 'sort']).where('area_id', '=', plan.area_id).orderBy('sort').orderBy('id').execute()).filter((u) => unitIds.has(u.id));
  const byUnit = new Map(ledgers.map((l) => [l.unit_id, l]));
  const figures = await ledgerFigures(ctx.db, ledgers, today);
  return units.map((u) => {
    const l = byUnit.get(u.id) ?? null;
    const f = l ? figures.get(l.id) : undefined;
    return {
      unitId: u.id, unitName: u.name, ledger: l, submission: submissionState(plan, l, cal, today),
      rows: f?.rows ?? 0, emptyRows: f?.emptyRows ?? 0, measures: f?.total ?? 0, done: f?.done ?? 0, overdue: f?.overdue ?? 0,
    };
  });
}

/** A unit user's view: their own ledgers, whether they can start one for the plan, and ledgers they guide. */
export async function unitList(ctx: Ctx, plan: Plan | null) {
  const u = requireUser(ctx.actor);
  const own = await repo.ledgersOfUnit(ctx.db, u.unitId);
  const canStart = plan ? !own.some((l) => l.plan_id === plan.id) && (await taskRolesForUnit(ctx.db, plan.id, u.unitId)).size > 0 : false;
  let guided: { id: number; unitName: string; status: LedgerStatus; rows: number }[] = [];
  if (plan) {
    const led = await repo.leadTaskIds(ctx.db, plan.id, u.unitId);
    if (led.size) {
      const rows = await ctx.db.selectFrom('ledger_rows').innerJoin('ledgers', 'ledgers.id', 'ledger_rows.ledger_id').innerJoin('units', 'units.id', 'ledgers.unit_id')
        .select(['ledgers.id', 'units.name', 'ledgers.status', 'ledger_rows.task_id'])
        .where('ledgers.plan_id', '=', plan.id).where('ledgers.unit_id', '<>', u.unitId).where('ledger_rows.task_id', 'in', [...led]).orderBy('units.sort').execute();
      const m = new Map<number, { id: number; unitName: string; status: LedgerStatus; rows: number }>();
      for (const r of rows) {
        const e = m.get(r.id) ?? { id: r.id, unitName: r.name, status: r.status, rows: 0 };
        e.rows++;
        m.set(r.id, e);
      }
      guided = [...m.values()];
    }
  }
  const today = todayCst();
  const cal = await getCalendar(ctx.db, u.areaId);
  const withState = await Promise.all(own.map(async (l) => {
    const p = await findPlan(ctx.db, l.plan_id);
    return { ...l, submission: p ? submissionState(p, l, cal, today) : null };
  }));
  return { own: withState, canStart, guided };
}

// ---------------------------------------------------------------- one ledger

export async function getLedger(ctx: Ctx, id: number) {
  const access = await accessFor(ctx, id);
  const { ledger } = access;
  const plan = (await findPlan(ctx.db, ledger.plan_id))!;
  const unit = (await ctx.db.selectFrom('units').select(['id', 'name']).where('id', '=', ledger.unit_id).executeTakeFirstOrThrow());
  const visible = access.visibleTasks;
  const rows = (await repo.rowsOfLedger(ctx.db, id)).filter((r) => !visible || visible.has(r.task_id));
  const rowIds = new Set(rows.map((r) => r.id));
  const measures = (await repo.measuresOfLedger(ctx.db, id)).filter((m) => rowIds.has(m.row_id));
  const measureIds = new Set(measures.map((m) => m.id));
  const progress = (await repo.progressOfLedger(ctx.db, id)).filter((p) => measureIds.has(p.measure_id));
  const evidence = (await repo.evidenceOfLedger(ctx.db, id)).filter((e) => measureIds.has(e.measure_id));
  const comments = (await repo.commentsOfLedger(ctx.db, id)).filter((c) => c.row_id === null ? !visible : rowIds.has(c.row_id));
  const versions = await repo.versionsOfLedger(ctx.db, id);
  const cal = await getCalendar(ctx.db, ledger.area_id);
  const today = todayCst();
  return {
    access, ledger, plan, unit, today, submission: submissionState(plan, ledger, cal, today),
    rows: rows.map((r) => ({
      ...r,
      measures: measures.filter((m) => m.row_id === r.id).map((m) => ({
        ...m,
        progress: progress.filter((p) => p.measure_id === m.id),
        evidence: evidence.filter((e) => e.measure_id === m.id),
      })),
      comments: comments.filter((c) => c.row_id === r.id),
    })),
    ledgerComments: comments.filter((c) => c.row_id === null),
    versions,
  };
}
export type LedgerView = Awaited<ReturnType<typeof getLedger>>;

async function rowOf(db: Db, ledgerId: number, rowId: number) {
  const row = (await repo.rowsOfLedger(db, ledgerId)).find((r) => r.id === rowId);
  if (!row) throw notFound('任务行');
  return row;
}

function dueFor(rulesJson: string, input: { dueDate?: string; anchorDate?: string }, cal: WorkingCalendar): DueResult {
  try {
    return computeDue(parseRules(rulesJson), input, cal);
  } catch (err) {
    if (err instanceof DueError) throw invalid({ [err.field]: err.message });
    if (err instanceof CalendarError) throw invalid({ dueDate: err.message });
    throw err;
  }
}

function completion(status: string, completedOn: string | undefined, today: string): string | null {
  if (status !== 'done') return null;
  const d = completedOn ?? today;
  if (d > today) throw invalid({ completedOn: '完成日期不能晚于今天' });
  return d;
}

export async function addMeasure(ctx: Ctx, ledgerId: number, rowId: number, raw: unknown): Promise<number> {
  const a = await accessFor(ctx, ledgerId);
  requireContentEdit(a);
  const input = parseInput(measureInput, raw);
  const row = await rowOf(ctx.db, ledgerId, rowId);
  const cal = await getCalendar(ctx.db, a.ledger.area_id);
  const due = dueFor(row.rules_json, input, cal);
  const today = todayCst();
  const completedOn = completion(input.status, input.completedOn, today);
  const sort = await repo.nextSort(ctx.db, rowId);
  return ctx.db.transaction().execute(async (tx) => {
    const at = nowIso();
    const values = {
      ledger_id: ledgerId, row_id: rowId, sort, content: input.content, time_limit: input.timeLimit ?? row.time_limit, leader: input.leader ?? '', section: input.section ?? '',
      ...due, status: storedStatus(input.status, due.deadline, today), completed_on: completedOn, created_at: at, updated_at: at,
    };
    const id = (await tx.insertInto('ledger_measures').values(values).returning('id').executeTakeFirstOrThrow()).id;
    await repo.touchLedger(tx, ledgerId, at);
    await writeAudit(tx, ctx, { action: 'ledger.measure.add', entity: 'ledger_measure', entityId: id, after: { ledger: ledgerId, seq: row.seq, ...values }, areaId: a.ledger.area_id });
    return id;
  });
}

export async function updateMeasure(ctx: Ctx, ledgerId: number, measureId: number, raw: unknown): Promise<void> {
  const a = await accessFor(ctx, ledgerId);
  requireContentEdit(a);
  const input = parseInput(measureInput, raw);
  const before = await repo.findMeasure(ctx.db, ledgerId, measureId);
  if (!before) throw notFound('工作举措');
  const row = await rowOf(ctx.db, ledgerId, before.row_id);
  const cal = await getCalendar(ctx.db, a.ledger.area_id);
  const due = dueFor(row.rules_json, input, cal);
  const today = todayCst();
  const completedOn = completion(input.status, input.completedOn, today);
  await ctx.db.transaction().execute(async (tx) => {
    const at = nowIso();
    const after = {
      content: input.content, time_limit: input.timeLimit ?? '', leader: input.leader ?? '', section: input.section ?? '',
      ...due, status: storedStatus(input.status, due.deadline, today), completed_on: completedOn, updated_at: at,
    };
    await tx.updateTable('ledger_measures').set(after).where('id', '=', measureId).execute();
    await repo.touchLedger(tx, ledgerId, at);
    await writeAudit(tx, ctx, { action: 'ledger.measure.update', entity: 'ledger_measure', entityId: measureId, before, after, areaId: a.ledger.area_id });
  });
}

/** Status and completion date: open to the unit at any stage (progress continues after acceptance). */
export async function updateMeasureStatus(ctx: Ctx, ledgerId: number, measureId: number, raw: unknown): Promise<void> {
  const a = await accessFor(ctx, ledgerId);
  requireProgressEdit(a);
  const input = parseInput(measureStatusInput, raw);
  const before = await repo.findMeasure(ctx.db, ledgerId, measureId);
  if (!before) throw notFound('工作举措');
  const today = todayCst();
  const completedOn = completion(input.status, input.completedOn, today);
  await ctx.db.transaction().execute(async (tx) => {
    const at = nowIso();
    const after = { status: storedStatus(input.status, before.deadline, today), completed_on: completedOn, updated_at: at };
    await tx.updateTable('ledger_measures').set(after).where('id', '=', measureId).execute();
    await repo.touchLedger(tx, ledgerId, at);
    await writeAudit(tx, ctx, { action: 'ledger.measure.status', entity: 'ledger_measure', entityId: measureId, before: { status: before.status, completed_on: before.completed_on }, after, areaId: a.ledger.area_id });
  });
}

export async function deleteMeasure(ctx: Ctx, ledgerId: number, measureId: number): Promise<void> {
  const a = await accessFor(ctx, ledgerId);
  requireContentEdit(a);
  const before = await repo.findMeasure(ctx.db, ledgerId, measureId);
  if (!before) throw notFound('工作举措');
  const files = await ctx.db.selectFrom('ledger_evidence').select(['storage_key']).where('measure_id', '=', measureId).execute();
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('ledger_reminders').where('measure_id', '=', measureId).execute();
    await tx.deleteFrom('ledger_progress').where('measure_id', '=', measureId).execute();
    await tx.deleteFrom('ledger_evidence').where('measure_id', '=', measureId).execute();
    await tx.deleteFrom('ledger_measures').where('id', '=', measureId).execute();
    await repo.touchLedger(tx, ledgerId, nowIso());
    await writeAudit(tx, ctx, { action: 'ledger.measure.delete', entity: 'ledger_measure', entityId: measureId, before: { ...before, evidenceFiles: files.map((f) => f.storage_key).filter(Boolean) }, areaId: a.ledger.area_id });
  });
}

export async function addProgress(ctx: Ctx, ledgerId: number, measureId: number, raw: unknown): Promise<number> {
  const a = await accessFor(ctx, ledgerId);
  requireProgressEdit(a);
  const input = parseInput(progressInput, raw);
  const m = await repo.findMeasure(ctx.db, ledgerId, measureId);
  if (!m) throw notFound('工作举措');
  const today = todayCst();
  const onDate = input.onDate ?? today;
  if (onDate > today) throw invalid({ onDate: '进展日期不能晚于今天' });
  return ctx.db.transaction().execute(async (tx) => {
    const at = nowIso();
    const values = { measure_id: measureId, ledger_id: ledgerId, on_date: onDate, note: input.note, author_id: actorId(ctx.actor), author_label: actorLabel(ctx.actor), created_at: at };
    const id = (await tx.insertInto('ledger_progress').values(values).returning('id').executeTakeFirstOrThrow()).id;
    // A first progress note starts the measure.
    if (m.status === 'not_started') await tx.updateTable('ledger_measures').set({ status: 'in_progress', updated_at: at }).where('id', '=', measureId).execute();
    await repo.touchLedger(tx, ledgerId, at);
    await writeAudit(tx, ctx, { action: 'ledger.progress.add', entity: 'ledger_measure', entityId: measureId, after: values, areaId: a.ledger.area_id });
    return id;
  });
}

/** Allowed evidence files; the served type comes from this table, never from what the browser claimed. */
const FILE_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf', '.ofd': 'application/ofd', '.doc': 'application/msword', '.wps': 'application/octet-stream',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', '.xls': 'application/vnd.ms-excel', '.et': 'application/octet-stream',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8', '.zip': 'application/zip',
};
export type UploadedFile = { fileName: string; mime: string; data: Buffer };

const fileLabelInput = z.object({ label: optionalText('说明', 200) });
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Whether an evidence file's bytes match its extension: sniffed for the kinds we know, magic bytes otherwise. */
function evidenceContentMatches(ext: string, data: Buffer): boolean {
  const sniffable: Record<string, AttachmentKind> = { '.pdf': 'pdf', '.docx': 'docx', '.xlsx': 'xlsx', '.jpg': 'jpg', '.jpeg': 'jpg', '.png': 'png', '.txt': 'txt' };
  if (sniffable[ext]) return sniffKind(data) === sniffable[ext];
  if (ext === '.doc' || ext === '.xls' || ext === '.wps' || ext === '.et') return data.subarray(0, 8).equals(OLE);
  if (ext === '.ofd' || ext === '.zip') return data.length >= 4 && data.readUInt32LE(0) === 0x04034b50;
  return false;
}

/** The checks addEvidence makes, for routes to run before they read an upload body (no 19 MB read before a 404). */
export async function requireEvidenceUpload(ctx: Ctx, ledgerId: number, measureId: number): Promise<void> {
  const a = await accessFor(ctx, ledgerId);
  requireProgressEdit(a);
  if (!(await repo.findMeasure(ctx.db, ledgerId, measureId))) throw notFound('工作举措');
}

export async function addEvidence(ctx: Ctx, ledgerId: number, measureId: number, raw: unknown, file?: UploadedFile, dataDir?: string): Promise<number> {
  const a = await accessFor(ctx, ledgerId);
  requireProgressEdit(a);
  const m = await repo.findMeasure(ctx.db, ledgerId, measureId);
  if (!m) throw notFound('工作举措');
  let values: { kind: 'item' | 'url' | 'file'; item_id: number | null; url: string | null; file_name: string | null; storage_key: string | null; mime: string | null; size: number | null; sha256: string | null; label: string };
  let written: string | null = null;
  if (file) {
    if (!dataDir) throw new Error('addEvidence: dataDir is required for files');
    const badName = fileNameProblem(file.fileName);
    if (badName) throw invalid({ file: badName });
    const name = file.fileName.replace(/[\\/]/g, '_').slice(-120);
    const ext = extname(name).toLowerCase();
    if (!name || file.data.length === 0) throw invalid({ file: '请选择要上传的文件' });
    if (!FILE_TYPES[ext]) throw invalid({ file: `不支持的文件类型${ext || ''}，请上传 PDF、OFD、Word、Excel、图片、文本或 ZIP 文件` });
    // The bytes must be what the extension says (an HTML page named .pdf is refused).
    if (!evidenceContentMatches(ext, file.data)) throw invalid({ file: `文件内容与扩展名${ext}不符，请上传原始文件` });
    const label = parseInput(fileLabelInput, { label: (raw as Record<string, unknown> | null)?.label }).label ?? '';
    const key = join('uploads', 'ledger', todayCst().slice(0, 4), `${randomUUID()}${ext}`);
    const path = join(dataDir, key);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.data);
    written = path;
    values = { kind: 'file', item_id: null, url: null, file_name: name, storage_key: key, mime: FILE_TYPES[ext]!, size: file.data.length, sha256: createHash('sha256').update(file.data).digest('hex'), label: label || name };
  } else {
    const input = parseInput(evidenceInput, raw);
    if (input.kind === 'item') {
      const item = await ctx.db.selectFrom('info_items').select(['id', 'title', 'status', 'area_id', 'unit_id', 'attribute']).where('id', '=', input.itemId).executeTakeFirst();
      // Only an item the actor may read (or a public one) may be cited, and every refusal reads the same,
      // so the answer tells nothing about whether another unit's id exists or is published.
      const citable = item && item.area_id === a.ledger.area_id && item.status === 'published'
        && (item.attribute === 'proactive' || canReadItem(ctx.actor, item));
      if (!item || !citable) throw invalid({ itemId: '未找到该编号的已发布政府信息' });
      values = { kind: 'item', item_id: item.id, url: null, file_name: null, storage_key: null, mime: null, size: null, sha256: null, label: input.label ?? item.title };
    } else {
      values = { kind: 'url', item_id: null, url: input.url, file_name: null, storage_key: null, mime: null, size: null, sha256: null, label: input.label ?? input.url };
    }
  }
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const at = nowIso();
      const id = (await tx.insertInto('ledger_evidence').values({ ...values, measure_id: measureId, ledger_id: ledgerId, author_label: actorLabel(ctx.actor), created_at: at }).returning('id').executeTakeFirstOrThrow()).id;
      await repo.touchLedger(tx, ledgerId, at);
      await writeAudit(tx, ctx, { action: 'ledger.evidence.add', entity: 'ledger_measure', entityId: measureId, after: values, areaId: a.ledger.area_id });
      return id;
    });
  } catch (err) {
    if (written) rmSync(written, { force: true });
    throw err;
  }
}

export async function removeEvidence(ctx: Ctx, ledgerId: number, evidenceId: number): Promise<void> {
  const a = await accessFor(ctx, ledgerId);
  requireProgressEdit(a);
  const e = await ctx.db.selectFrom('ledger_evidence').selectAll().where('id', '=', evidenceId).where('ledger_id', '=', ledgerId).executeTakeFirst();
  if (!e) throw notFound('佐证材料');
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('ledger_evidence').where('id', '=', evidenceId).execute();
    await repo.touchLedger(tx, ledgerId, nowIso());
    // The file stays on disk: the audit record refers to it.
    await writeAudit(tx, ctx, { action: 'ledger.evidence.remove', entity: 'ledger_measure', entityId: e.measure_id, before: e, areaId: a.ledger.area_id });
  });
}

/** An uploaded evidence file, for download by anyone who may see its row. */
export async function evidenceFile(ctx: Ctx, ledgerId: number, evidenceId: number) {
  const a = await accessFor(ctx, ledgerId);
  const e = await ctx.db.selectFrom('ledger_evidence').innerJoin('ledger_measures', 'ledger_measures.id', 'ledger_evidence.measure_id')
    .innerJoin('ledger_rows', 'ledger_rows.id', 'ledger_measures.row_id')
    .select(['ledger_evidence.file_name', 'ledger_evidence.storage_key', 'ledger_evidence.mime', 'ledger_rows.task_id'])
    .where('ledger_evidence.id', '=', evidenceId).where('ledger_evidence.ledger_id', '=', ledgerId).where('ledger_evidence.kind', '=', 'file').executeTakeFirst();
  if (!e || !e.storage_key || (a.visibleTasks && !a.visibleTasks.has(e.task_id))) throw notFound('佐证材料');
  return { fileName: e.file_name ?? 'file', storageKey: e.storage_key, mime: e.mime ?? 'application/octet-stream' };
}

// ---------------------------------------------------------------- workflow

async function snapshot(db: Db, ledgerId: number) {
  const rows = await repo.rowsOfLedger(db, ledgerId);
  const measures = await repo.measuresOfLedger(db, ledgerId);
  return {
    rows: rows.map((r) => ({
      rowId: r.id, seq: r.seq, task: r.requirement,
      measures: measures.filter((m) => m.row_id === r.id).map((m) => ({
        content: m.content, timeLimit: m.time_limit, leader: m.leader, section: m.section, dueDate: m.due_date, status: m.status, completedOn: m.completed_on,
      })),
    })),
  };
}

async function requireComplete(db: Db, ledgerId: number): Promise<void> {
  const rows = await repo.rowsOfLedger(db, ledgerId);
  const measures = await repo.measuresOfLedger(db, ledgerId);
  const empty = rows.filter((r) => !measures.some((m) => m.row_id === r.id)).map((r) => r.seq);
  if (empty.length) throw new AppError('invalid', 'ledger_incomplete', `以下任务尚未填写工作举措：序号 ${empty.join('、')}`, { _: `序号 ${empty.join('、')} 尚未填写工作举措` });
}

const link = (id: number) => `/console/ledgers/${id}`;

async function unitName(db: Db, unitId: number): Promise<string> {
  return (await db.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst())?.name ?? '';
}

async function transition(ctx: Ctx, a: LedgerAccess, to: LedgerStatus, action: string, extra: (tx: Db, at: string) => Promise<Record<string, unknown>>, notice: { to: number[]; title: string; body: string }): Promise<void> {
  const from = a.ledger.status;
  await ctx.db.transaction().execute(async (tx) => {
    const at = nowIso();
    // Guard against a concurrent transition: the row must still be in the state we checked.
    const r = await tx.updateTable('ledgers').set({ status: to, updated_at: at, revision: sql<number>`revision + 1` }).where('id', '=', a.ledger.id).where('status', '=', from).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw conflict('ledger_changed', '台账状态已被他人更改，请刷新页面后重试');
    const detail = await extra(tx, at);
    await repo.bumpLedgerVersion(tx);
    await writeAudit(tx, ctx, { action, entity: 'ledger', entityId: a.ledger.id, before: { status: from }, after: { status: to, ...detail }, areaId: a.ledger.area_id });
    await notifyUsers(tx, notice.to, { kind: action, title: notice.title, body: notice.body, link: link(a.ledger.id), areaId: a.ledger.area_id });
  });
}

/** Operator → unit reviewer. */
export async function requestReview(ctx: Ctx, id: number): Promise<void> {
  const a = await accessFor(ctx, id);
  if (!a.unitWriter) throw forbidden('只能由本单位提请审核');
  if (!a.requestReview) throw conflict('wrong_status', `台账当前状态为“${STATUS_TEXT[a.ledger.status]}”，不能提请审核`);
  await requireComplete(ctx.db, id);
  const name = await unitName(ctx.db, a.ledger.unit_id);
  await transition(ctx, a, 'review', 'ledger.request_review', async () => ({}), {
    to: await unitUsers(ctx.db, a.ledger.unit_id, ['unit_reviewer']), title: `${name}台账待您审核`, body: `${actorLabel(ctx.actor)}已填写完台账，请审核后报送政务公开办。`,
  });
}

/** Unit reviewer sends it back to the operator. */
export async function reviewerReturn(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  const a = await accessFor(ctx, id);
  if (!a.unitWriter || (a.role !== 'unit_reviewer' && a.role !== 'system')) throw forbidden('只有本单位审核人可以退回修改');
  if (!a.reviewerReturn) throw conflict('wrong_status', '台账不在待审核状态');
  const { comment } = parseInput(requiredCommentInput, raw);
  await transition(ctx, a, 'draft', 'ledger.reviewer_return', async (tx, at) => {
    await tx.insertInto('ledger_comments').values({ ledger_id: id, row_id: null, version: a.ledger.version, kind: 'unit', author_id: actorId(ctx.actor), author_label: actorLabel(ctx.actor), author_unit_id: a.ledger.unit_id, body: comment, created_at: at }).execute();
    return { comment };
  }, { to: await unitUsers(ctx.db, a.ledger.unit_id, ['unit_operator']), title: '台账被审核人退回修改', body: comment });
}

/** Unit reviewer approves and submits to the district office: the version is frozen as a snapshot. */
export async function submitLedger(ctx: Ctx, id: number, raw: unknown = {}): Promise<void> {
  const a = await accessFor(ctx, id);
  if (!a.unitWriter || (a.role !== 'unit_reviewer' && a.role !== 'system')) throw forbidden('只有本单位审核人可以审核并报送台账');
  if (!a.submit) throw conflict('wrong_status', `台账当前状态为“${STATUS_TEXT[a.ledger.status]}”，不能报送`);
  const { comment } = parseInput(optionalCommentInput, raw);
  await requireComplete(ctx.db, id);
  const snap = await snapshot(ctx.db, id);
  const name = await unitName(ctx.db, a.ledger.unit_id);
  await transition(ctx, a, 'submitted', 'ledger.submit', async (tx, at) => {
    await tx.insertInto('ledger_versions').values({ ledger_id: id, version: a.ledger.version, submitted_at: at, submitted_by: actorLabel(ctx.actor), snapshot_json: JSON.stringify(snap), decision: null, decided_at: null, decided_by: null, decision_comment: comment ?? null }).execute();
    await tx.updateTable('ledgers').set({ submitted_at: at, first_submitted_at: a.ledger.first_submitted_at ?? at }).where('id', '=', id).execute();
    return { version: a.ledger.version, measures: snap.rows.reduce((n, r) => n + r.measures.length, 0) };
  }, { to: await areaAdmins(ctx.db, a.ledger.area_id), title: `${name}报送了台账（第${a.ledger.version}版）`, body: `${name}的政务公开工作任务台账已报送，请审核。` });
}

export async function acceptLedger(ctx: Ctx, id: number, raw: unknown = {}): Promise<void> {
  const a = await accessFor(ctx, id);
  if (a.mode !== 'office' && a.mode !== 'system') throw forbidden('只有政务公开办可以审核通过台账');
  if (!a.accept) throw conflict('wrong_status', '台账不在待审核状态');
  const { comment } = parseInput(optionalCommentInput, raw);
  await transition(ctx, a, 'accepted', 'ledger.accept', async (tx, at) => {
    await tx.updateTable('ledger_versions').set({ decision: 'accepted', decided_at: at, decided_by: actorLabel(ctx.actor), decision_comment: comment ?? null }).where('ledger_id', '=', id).where('version', '=', a.ledger.version).execute();
    await tx.updateTable('ledgers').set({ accepted_at: at }).where('id', '=', id).execute();
    return { version: a.ledger.version, comment };
  }, { to: await unitUsers(ctx.db, a.ledger.unit_id, ['unit_operator', 'unit_reviewer']), title: '台账已审核通过', body: comment ?? '政务公开办已审核通过您单位的台账，请按举措推进落实并及时更新进展。' });
}

/** Row comments arrive as { rows: { [rowId]: text } } (API) or row_<id> fields (form). */
function rowComments(raw: unknown): Map<number, string> {
  const out = new Map<number, string>();
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  const add = (k: string, v: unknown) => {
    const id = Number(k);
    if (Number.isInteger(id) && id > 0 && typeof v === 'string' && v.trim()) out.set(id, v.trim());
  };
  if (r.rows && typeof r.rows === 'object') for (const [k, v] of Object.entries(r.rows as Record<string, unknown>)) add(k, v);
  for (const [k, v] of Object.entries(r)) if (/^row_\d+$/.test(k)) add(k.slice(4), v);
  return out;
}

/** The office returns the ledger with an overall comment and/or comments per row; the next version starts. */
export async function returnLedger(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  const a = await accessFor(ctx, id);
  if (a.mode !== 'office' && a.mode !== 'system') throw forbidden('只有政务公开办可以退回台账');
  if (!a.ret) throw conflict('wrong_status', '台账不在待审核状态');
  const { comment } = parseInput(optionalCommentInput, raw);
  const perRow = rowComments(raw);
  const fields: Record<string, string> = {};
  const rows = await repo.rowsOfLedger(ctx.db, id);
  for (const [rowId, text] of perRow) {
    if (!rows.some((r) => r.id === rowId)) fields[`row_${rowId}`] = '任务行不存在';
    else if (text.length > 2000) fields[`row_${rowId}`] = '意见不能超过2000个字符';
  }
  if (!comment && perRow.size === 0) fields.comment = '退回时请填写总体意见或至少一项任务的意见';
  if (Object.keys(fields).length) throw invalid(fields);
  await transition(ctx, a, 'returned', 'ledger.return', async (tx, at) => {
    const base = { ledger_id: id, version: a.ledger.version, kind: 'return' as const, author_id: actorId(ctx.actor), author_label: actorLabel(ctx.actor), author_unit_id: ctx.actor.kind === 'user' ? ctx.actor.unitId : null, created_at: at };
    if (comment) await tx.insertInto('ledger_comments').values({ ...base, row_id: null, body: comment }).execute();
    for (const [rowId, body] of perRow) await tx.insertInto('ledger_comments').values({ ...base, row_id: rowId, body }).execute();
    await tx.updateTable('ledger_versions').set({ decision: 'returned', decided_at: at, decided_by: actorLabel(ctx.actor), decision_comment: comment ?? null }).where('ledger_id', '=', id).where('version', '=', a.ledger.version).execute();
    await tx.updateTable('ledgers').set({ returned_at: at, version: a.ledger.version + 1 }).where('id', '=', id).execute();
    return { version: a.ledger.version, comment, rows: Object.fromEntries(perRow) };
  }, { to: await unitUsers(ctx.db, a.ledger.unit_id, ['unit_operator', 'unit_reviewer']), title: '台账被政务公开办退回', body: `${comment ?? ''}${perRow.size ? `（另有${perRow.size}项任务的具体意见）` : ''}`.trim() });
}

/** The unit reviewer reopens an accepted ledger to revise its measures; the next version starts. */
export async function reopenLedger(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  const a = await accessFor(ctx, id);
  if (!a.unitWriter || (a.role !== 'unit_reviewer' && a.role !== 'system')) throw forbidden('只有本单位审核人可以重新打开台账');
  if (!a.reopen) throw conflict('wrong_status', '只有已通过的台账可以重新打开');
  const { comment } = parseInput(requiredCommentInput, raw);
  const name = await unitName(ctx.db, a.ledger.unit_id);
  await transition(ctx, a, 'draft', 'ledger.reopen', async (tx, at) => {
    await tx.insertInto('ledger_comments').values({ ledger_id: id, row_id: null, version: a.ledger.version, kind: 'unit', author_id: actorId(ctx.actor), author_label: actorLabel(ctx.actor), author_unit_id: a.ledger.unit_id, body: `重新打开：${comment}`, created_at: at }).execute();
    await tx.updateTable('ledgers').set({ version: a.ledger.version + 1 }).where('id', '=', id).execute();
    return { version: a.ledger.version + 1, comment };
  }, { to: await areaAdmins(ctx.db, a.ledger.area_id), title: `${name}重新打开了台账`, body: comment });
}

/** A lead department's guidance on a row in its content area. */
export async function addGuidance(ctx: Ctx, id: number, rowId: number, raw: unknown): Promise<number> {
  const a = await accessFor(ctx, id);
  if (!a.guide) throw forbidden('只有牵头部门可以对其牵头内容留下指导意见');
  const row = (await repo.rowsOfLedger(ctx.db, id)).find((r) => r.id === rowId);
  if (!row || (a.visibleTasks && !a.visibleTasks.has(row.task_id))) throw notFound('任务行');
  const { body } = parseInput(commentInput, raw);
  const u = requireUser(ctx.actor);
  const leadName = await unitName(ctx.db, u.unitId);
  return ctx.db.transaction().execute(async (tx) => {
    const at = nowIso();
    const cid = (await tx.insertInto('ledger_comments').values({ ledger_id: id, row_id: rowId, version: a.ledger.version, kind: 'guidance', author_id: u.userId, author_label: actorLabel(ctx.actor), author_unit_id: u.unitId, body, created_at: at }).returning('id').executeTakeFirstOrThrow()).id;
    await writeAudit(tx, ctx, { action: 'ledger.guidance', entity: 'ledger', entityId: id, after: { row: row.seq, body }, areaId: a.ledger.area_id });
    await notifyUsers(tx, await unitUsers(tx, a.ledger.unit_id, ['unit_operator', 'unit_reviewer']), { kind: 'ledger.guidance', title: `${leadName}对序号${row.seq}任务提出指导意见`, body, link: link(id), areaId: a.ledger.area_id });
    return cid;
  });
}

export async function ledgerHistory(ctx: Ctx, id: number) {
  const a = await accessFor(ctx, id);
  if (a.mode === 'lead') throw forbidden('牵头部门只能查看其牵头内容的任务行');
  const versions = await repo.versionsOfLedger(ctx.db, id);
  const comments = await repo.commentsOfLedger(ctx.db, id);
  const rows = await repo.rowsOfLedger(ctx.db, id);
  return { ledger: a.ledger, versions: versions.map((v) => ({ ...v, snapshot: JSON.parse(v.snapshot_json) as Awaited<ReturnType<typeof snapshot>> })), comments, seqOfRow: new Map(rows.map((r) => [r.id, r.seq])) };
}
