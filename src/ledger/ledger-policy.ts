// Who may see and do what with a ledger (台账), in one place (the shape of disclosure/item-policy.ts).
// The unit's own users write it (operator fills in, reviewer checks and submits), the district office
// (admin) accepts or returns it, the auditor only reads, a lead department (附件2) reads and guides the
// rows in the content it leads, the system actor (CLI, jobs) does everything. A ledger the actor may
// not read does not exist for them (404); what they may read but not change is refused with 403.
// Services call these first thing; routes use the `can…`/`show…` predicates only to show controls.
import type { Selectable } from 'kysely';
import { isAdminUser, requireUser } from '../auth/policy.js';
import type { LedgerStatus, LedgersTable } from '../db/ledger.tables.js';
import type { Role } from '../db/schema.js';
import type { Actor, Ctx } from '../lib/context.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../lib/errors.js';
import * as repo from './ledger.repo.js';

export type Ledger = Selectable<LedgersTable>;

const EDITABLE: LedgerStatus[] = ['draft', 'returned'];
export const STATUS_TEXT: Record<LedgerStatus, string> = { draft: '草稿', review: '待单位审核', submitted: '已报送待审核', accepted: '已通过', returned: '已退回' };

// ---------------------------------------------------------------- coarse questions about the actor

/** The office and the auditor read every unit's ledgers of the area (routes: which list to show). */
export const readsWholeArea = (actor: Actor): boolean => actor.kind === 'user' && (actor.role === 'admin' || actor.role === 'auditor');
/** A unit's own operator or reviewer (not the office, not the auditor). */
export const isUnitStaff = (actor: Actor): boolean => actor.kind === 'user' && (actor.role === 'unit_operator' || actor.role === 'unit_reviewer');
export const isUnitReviewer = (actor: Actor): boolean => actor.kind === 'user' && actor.role === 'unit_reviewer';
export const isAuditor = (actor: Actor): boolean => actor.kind === 'user' && actor.role === 'auditor';
export { isAdminUser };

/** District lists, the district export: users other than the office and the auditor are refused. */
export function requireDistrictReader(actor: Actor, message = '只有政务公开办和审计员可以查看全区台账'): void {
  if (actor.kind === 'user' && !readsWholeArea(actor)) throw forbidden(message);
}

/** Office-only actions (generate every ledger, 回头看 list): the system actor may, users only as admin. */
export function requireOffice(actor: Actor, message = '只有政务公开办管理员可以执行此操作'): void {
  if (actor.kind === 'system') return;
  if (!isAdminUser(requireUser(actor))) throw forbidden(message);
}

/** Which unit a ledger is created for: the office and the system name it, a unit user creates its own. */
export function ledgerCreationUnit(actor: Actor, requested: number | undefined): number {
  if (actor.kind === 'system' || isAdminUser(actor)) {
    if (!requested) throw invalid({ unitId: '请选择单位' });
    return requested;
  }
  const u = requireUser(actor);
  if (isAuditor(u)) throw forbidden('审计员只能查看，不能修改');
  if (requested && requested !== u.unitId) throw forbidden('只能处理本单位的台账');
  return u.unitId;
}

// ---------------------------------------------------------------- one ledger

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

/**
 * What the actor may do with the ledger, from its state. `leadTasks` are the ledger's task ids the
 * actor's unit leads (only asked for users of another unit); none → the ledger does not exist for them.
 */
export async function ledgerAccess(actor: Actor, ledger: Ledger, leadTasks: () => Promise<Set<number>>): Promise<LedgerAccess> {
  const s = ledger.status;
  const base = { ledger, editContent: false, editProgress: false, requestReview: false, submit: false, reviewerReturn: false, accept: false, ret: false, reopen: false, guide: false, visibleTasks: null, unitWriter: false };
  if (actor.kind === 'system') {
    return { ...base, mode: 'system', role: 'system', unitWriter: true, editContent: EDITABLE.includes(s), editProgress: true, requestReview: EDITABLE.includes(s), submit: s !== 'submitted' && s !== 'accepted', reviewerReturn: s === 'review', accept: s === 'submitted', ret: s === 'submitted', reopen: s === 'accepted' };
  }
  const u = requireUser(actor);
  if (u.areaId !== ledger.area_id) throw notFound('台账');
  if (isAdminUser(u)) return { ...base, mode: 'office', role: u.role, accept: s === 'submitted', ret: s === 'submitted' };
  if (isAuditor(u)) return { ...base, mode: 'auditor', role: u.role };
  if (u.unitId === ledger.unit_id) {
    const reviewer = isUnitReviewer(u);
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
  const visible = await leadTasks();
  if (visible.size) return { ...base, mode: 'lead', role: u.role, guide: true, visibleTasks: visible };
  throw notFound('台账');
}

/** Loads the ledger and decides (404 when it does not exist for the actor). Every ledger service starts here. */
export async function accessFor(ctx: Ctx, ledgerId: number): Promise<LedgerAccess> {
  const ledger = ledgerId > 0 ? await repo.findLedger(ctx.db, ledgerId) : undefined;
  if (!ledger) throw notFound('台账');
  return ledgerAccess(ctx.actor, ledger, async () => {
    const u = requireUser(ctx.actor);
    const led = await repo.leadTaskIds(ctx.db, ledger.plan_id, u.unitId);
    if (!led.size) return new Set<number>();
    return new Set((await repo.taskIdsOfLedger(ctx.db, ledger.id)).filter((t) => led.has(t)));
  });
}

/** The operator's "填写完成，提请单位审核" button (a reviewer submits directly). */
export const showRequestReview = (a: LedgerAccess): boolean => a.requestReview && a.role === 'unit_operator';
const reviewerOrSystem = (a: LedgerAccess): boolean => a.unitWriter && (a.role === 'unit_reviewer' || a.role === 'system');
const officeOrSystem = (a: LedgerAccess): boolean => a.mode === 'office' || a.mode === 'system';

export function requireContentEdit(a: LedgerAccess): void {
  if (!a.unitWriter) throw forbidden('只能由本单位联络员或审核人填写台账');
  if (!a.editContent) throw conflict('ledger_locked', `台账当前状态为“${STATUS_TEXT[a.ledger.status]}”，工作举措不能修改；如需修改，请由单位审核人退回或重新打开`);
}
export function requireProgressEdit(a: LedgerAccess): void {
  if (!a.unitWriter || !a.editProgress) throw forbidden('只能由本单位联络员或审核人更新进展');
}
export function requireImport(a: LedgerAccess): void {
  if (!a.unitWriter) throw forbidden('只能由本单位导入台账');
  if (!a.editContent) throw new AppError('conflict', 'ledger_locked', '台账已报送或已通过，不能导入；如需修改，请由单位审核人退回或重新打开');
}
export function requireRequestReview(a: LedgerAccess): void {
  if (!a.unitWriter) throw forbidden('只能由本单位提请审核');
  if (!a.requestReview) throw conflict('wrong_status', `台账当前状态为“${STATUS_TEXT[a.ledger.status]}”，不能提请审核`);
}
export function requireReviewerReturn(a: LedgerAccess): void {
  if (!reviewerOrSystem(a)) throw forbidden('只有本单位审核人可以退回修改');
  if (!a.reviewerReturn) throw conflict('wrong_status', '台账不在待审核状态');
}
export function requireSubmit(a: LedgerAccess): void {
  if (!reviewerOrSystem(a)) throw forbidden('只有本单位审核人可以审核并报送台账');
  if (!a.submit) throw conflict('wrong_status', `台账当前状态为“${STATUS_TEXT[a.ledger.status]}”，不能报送`);
}
export function requireAccept(a: LedgerAccess): void {
  if (!officeOrSystem(a)) throw forbidden('只有政务公开办可以审核通过台账');
  if (!a.accept) throw conflict('wrong_status', '台账不在待审核状态');
}
export function requireReturn(a: LedgerAccess): void {
  if (!officeOrSystem(a)) throw forbidden('只有政务公开办可以退回台账');
  if (!a.ret) throw conflict('wrong_status', '台账不在待审核状态');
}
export function requireReopen(a: LedgerAccess): void {
  if (!reviewerOrSystem(a)) throw forbidden('只有本单位审核人可以重新打开台账');
  if (!a.reopen) throw conflict('wrong_status', '只有已通过的台账可以重新打开');
}
export function requireGuide(a: LedgerAccess): void {
  if (!a.guide) throw forbidden('只有牵头部门可以对其牵头内容留下指导意见');
}
/** A row (or a file of it) outside a lead department's content does not exist for it. */
export const canSeeTask = (a: LedgerAccess, taskId: number): boolean => !a.visibleTasks || a.visibleTasks.has(taskId);
export function requireHistory(a: LedgerAccess): void {
  if (a.mode === 'lead') throw forbidden('牵头部门只能查看其牵头内容的任务行');
}

// ---------------------------------------------------------------- 回头看 (rectifications)

/** The office, the auditor and the system see the whole list; unit users their unit's items. */
export const seesAllRectifications = (actor: Actor): boolean => actor.kind === 'system' || readsWholeArea(actor);

/** Only the responsible unit fills in a rectification: another unit's item is 404, the office/auditor get 403. */
export function requireRectificationWriter(actor: Actor, r: { area_id: number; unit_id: number }): void {
  if (actor.kind === 'system') return;
  const u = requireUser(actor);
  if (u.areaId !== r.area_id || (isUnitStaff(u) && u.unitId !== r.unit_id)) throw notFound('整改事项');
  if (!isUnitStaff(u)) throw forbidden('整改情况由责任单位填写');
}

// ---------------------------------------------------------------- the 工作台 inbox

/** Which inbox sections a user gets. */
export function inboxSections(actor: Actor) {
  const u = requireUser(actor);
  const admin = isAdminUser(u);
  return {
    user: u,
    admin,
    /** 保密审查 sign-off: unit reviewers for their unit, the office for units without a reviewer. */
    signoff: admin || isUnitReviewer(u),
    /** Measures due / overdue of the user's own unit. */
    unitMeasures: isUnitStaff(u),
    /** The unit's ledgers waiting for the reviewer. */
    unitReview: isUnitReviewer(u),
    /** Ledgers waiting for the office, units not yet submitted. */
    office: readsWholeArea(u),
  };
}
