// Ledgers (台账): plans, creating a unit's ledger, the lists, one ledger with everything in it.
// Who may see and do what: ledger-policy.ts (checked first in every function). Measures, progress and
// evidence: ledger-measures.service.ts; the review workflow: ledger-workflow.service.ts. SQL lives in
// ledger.repo.ts, measures.repo.ts and workflow.repo.ts; every change is audited in its transaction.
import { writeAudit } from '../audit/public.js';
import { requireUser } from '../auth/policy.js';
import { getCalendar, type WorkingCalendar } from '../calendar/public.js';
import type { LedgerStatus } from '../db/ledger.tables.js';
import type { Db } from '../db/schema.js';
import { participationRefs, type ParticipationRef } from '../decisions/public.js';
import type { Ctx } from '../lib/context.js';
import { conflict, invalid, notFound } from '../lib/errors.js';
import { formatDate, nowIso, todayCst } from '../lib/time.js';
import { parseInput } from '../lib/validate.js';
import { actorArea } from '../org/public.js';
import { findPlan, listPlans, taskRolesForUnit, tasksByIds, unitIdsOfPlan } from '../plan/public.js';
import { effectiveDeadline } from './ledger-rules.js';
import { accessFor, ledgerCreationUnit, requireDistrictReader, requireOffice, type Ledger } from './ledger-policy.js';
import * as repo from './ledger.repo.js';
import { ledgerFigures } from './ledger-stats.js';
import { createInput } from './ledger.schema.js';

// The rest of the ledger's services, so callers keep one entry point.
export * from './ledger-measures.service.js';
export * from './ledger-workflow.service.js';
export { accessFor, type Ledger, type LedgerAccess } from './ledger-policy.js';

export type Plan = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

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

// ---------------------------------------------------------------- create

/** Creates the unit's ledger for a plan (or adds rows for tasks assigned since). Idempotent. */
export async function createLedger(ctx: Ctx, raw: unknown): Promise<number> {
  const input = parseInput(createInput, raw);
  const plan = await resolvePlan(ctx, input.planId);
  if (!plan) throw notFound('工作方案');
  const unitId = ledgerCreationUnit(ctx.actor, input.unitId);
  const unit = await repo.unitRef(ctx.db, unitId);
  if (!unit || unit.area_id !== plan.area_id) throw invalid({ unitId: '单位不存在' });
  const roles = await taskRolesForUnit(ctx.db, plan.id, unitId);
  if (roles.size === 0) throw conflict('no_tasks', `${unit.name}在本工作方案中没有承担的任务`);
  const tasks = await tasksByIds(ctx.db, [...roles.keys()]);
  return ctx.db.transaction().execute(async (tx) => {
    const at = nowIso();
    let ledger = await repo.findLedgerFor(tx, plan.id, unitId);
    let id: number;
    if (!ledger) {
      id = await repo.insertLedger(tx, {
        plan_id: plan.id, unit_id: unitId, area_id: plan.area_id, status: 'draft', version: 1, revision: 0,
        first_submitted_at: null, submitted_at: null, accepted_at: null, returned_at: null, created_at: at, updated_at: at,
      });
    } else id = ledger.id;
    const have = new Set(await repo.taskIdsOfLedger(tx, id));
    const add = tasks.filter((t) => !have.has(t.id)).map((t) => ({ ledger_id: id, task_id: t.id, seq: t.seq, role: roles.get(t.id)! }));
    await repo.insertRows(tx, add);
    if (!ledger || add.length) {
      await repo.touchLedger(tx, id, at);
      await writeAudit(tx, ctx, { action: ledger ? 'ledger.sync_rows' : 'ledger.create', entity: 'ledger', entityId: id, after: { plan: plan.id, unit: unit.name, rows: add.map((r) => r.seq) }, areaId: plan.area_id });
    }
    return id;
  });
}

/** Admin: a ledger for every unit responsible for tasks of the plan. */
export async function createAllLedgers(ctx: Ctx, planId: number): Promise<number> {
  requireOffice(ctx.actor);
  const plan = await resolvePlan(ctx, planId);
  if (!plan) throw notFound('工作方案');
  let n = 0;
  for (const unitId of await unitIdsOfPlan(ctx.db, plan.id, plan.area_id)) {
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
  requireDistrictReader(ctx.actor);
  const today = todayCst();
  const cal = await getCalendar(ctx.db, plan.area_id);
  const unitIds = new Set(await unitIdsOfPlan(ctx.db, plan.id, plan.area_id));
  const ledgers = await repo.ledgersOfPlan(ctx.db, plan.id);
  for (const l of ledgers) unitIds.add(l.unit_id);
  const units = (await repo.unitsOfArea(ctx.db, plan.area_id)).filter((u) => unitIds.has(u.id));
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

export type SubmissionEntry = { unitId: number; unitName: string; ledgerId: number | null; submission: SubmissionState };

/**
 * Every unit of the plan with its submission state only — what the 工作台 inbox and 催报 need, on every
 * load: the responsible units (plan module) and one query for all units' ledgers, no measure figures.
 * The same units, order and states as districtList.
 */
export async function submissionList(ctx: Ctx, plan: Plan): Promise<SubmissionEntry[]> {
  requireDistrictReader(ctx.actor);
  const today = todayCst();
  const cal = await getCalendar(ctx.db, plan.area_id);
  const unitIds = new Set(await unitIdsOfPlan(ctx.db, plan.id, plan.area_id));
  return (await repo.submissionsOfPlan(ctx.db, plan.id, plan.area_id))
    .filter((r) => r.ledger_id !== null || unitIds.has(r.unit_id))
    .map((r) => ({
      unitId: r.unit_id, unitName: r.unit_name, ledgerId: r.ledger_id,
      submission: submissionState(plan, r.ledger_id !== null ? r : null, cal, today),
    }));
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
      const rows = await repo.guidedRows(ctx.db, plan.id, u.unitId, [...led]);
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

/** Cited decisions records (kind participation) get their current public link and one-line status. */
async function withParticipationStatus<E extends { kind: string; target: string | null; target_id: number | null; url: string | null }>(db: Db, rows: E[]) {
  const cited = rows.filter((e) => e.kind === 'participation' && e.target && e.target_id);
  const refs = cited.length ? await participationRefs(db, cited.map((e) => ({ target: e.target!, id: e.target_id! }))) : new Map<string, ParticipationRef>();
  return rows.map((e) => {
    const ref = e.kind === 'participation' ? refs.get(`${e.target}:${e.target_id}`) : undefined;
    return { ...e, url: ref?.href ?? e.url, part_status: ref?.status ?? null };
  });
}

export async function getLedger(ctx: Ctx, id: number) {
  const access = await accessFor(ctx, id);
  const { ledger } = access;
  const plan = (await findPlan(ctx.db, ledger.plan_id))!;
  const ref = await repo.unitRef(ctx.db, ledger.unit_id);
  if (!ref) throw new Error(`ledger ${ledger.id}: unit ${ledger.unit_id} not found`);
  const unit = { id: ref.id, name: ref.name };
  const visible = access.visibleTasks;
  const rows = (await repo.rowsOfLedger(ctx.db, id)).filter((r) => !visible || visible.has(r.task_id));
  const rowIds = new Set(rows.map((r) => r.id));
  const measures = (await repo.measuresOfLedger(ctx.db, id)).filter((m) => rowIds.has(m.row_id));
  const measureIds = new Set(measures.map((m) => m.id));
  const progress = (await repo.progressOfLedger(ctx.db, id)).filter((p) => measureIds.has(p.measure_id));
  const evidence = await withParticipationStatus(ctx.db, (await repo.evidenceOfLedger(ctx.db, id)).filter((e) => measureIds.has(e.measure_id)));
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
