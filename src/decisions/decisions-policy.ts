// Who may do what in the decisions module (catalog, consultations, 列席, 开放日). The one place for role
// comparisons of this module (COMMON "Authorisation convention"): services call a require… first thing,
// routes use the can… predicates only to show or hide controls. The system actor (CLI, jobs) may do
// everything. What an actor may not read does not exist for them (404); what they may read but not
// change answers 403.
import { isAdminUser, requireUser } from '../auth/policy.js';
import type { Actor } from '../lib/context.js';
import { forbidden, notFound } from '../lib/errors.js';

type AreaUnit = { area_id: number; unit_id: number };

/** Admins and auditors see the whole area; unit roles only their own unit. */
const areaWide = (a: Actor): boolean => a.kind === 'system' || (a.kind === 'user' && (a.role === 'admin' || a.role === 'auditor'));

/** The unit a list must be narrowed to (unit roles), or null when the actor sees the whole area. */
export function unitScope(actor: Actor): number | null {
  return actor.kind === 'user' && !areaWide(actor) ? actor.unitId : null;
}

/** Console: show the admin-only forms (catalog entries, 列席 notices, settings). */
export const canEditCatalog = (actor: Actor): boolean => isAdminUser(actor);

/** The 政务公开办 admin (or the system actor): catalog, settings, 列席 meetings. 401 for anonymous callers. */
export function requireDecisionsAdmin(actor: Actor, message = '只有政务公开办管理员可以执行此操作'): void {
  if (actor.kind === 'system') return;
  const u = requireUser(actor);
  if (u.role !== 'admin') throw forbidden(message);
}

/** Stages of a catalog item are recorded by the area's admin or the lead unit's operator/reviewer. */
export function requireStageWriter(actor: Actor, d: { area_id: number; lead_unit_id: number }): void {
  if (actor.kind === 'system') return;
  const u = requireUser(actor);
  if (u.role === 'auditor') throw forbidden('审计员只能查看，不能修改');
  if (u.role === 'admin' ? u.areaId !== d.area_id : u.unitId !== d.lead_unit_id) throw forbidden('只有牵头承办单位或政务公开办可以登记决策环节');
}

export function canReadConsultation(actor: Actor, c: AreaUnit): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user') return false;
  return areaWide(actor) ? actor.areaId === c.area_id : actor.unitId === c.unit_id;
}

/** Staff views of a consultation (comments with contacts): 404 for what the actor may not read. */
export function requireConsultationReader(actor: Actor, c: AreaUnit): void {
  if (actor.kind === 'anonymous') requireUser(actor);
  if (!canReadConsultation(actor, c)) throw notFound('征求意见');
}

/** Admins of the area, or the operator/reviewer of the consultation's unit. */
export function requireConsultationManager(actor: Actor, c: AreaUnit): void {
  if (actor.kind === 'system') return;
  const u = requireUser(actor);
  if (u.role === 'auditor') throw forbidden('审计员只能查看，不能修改');
  if (u.role === 'admin' ? u.areaId !== c.area_id : u.unitId !== c.unit_id) throw forbidden('只能处理本单位的征求意见');
}

/** Any logged-in user or the system actor may list; what they see is narrowed by unitScope. */
export function requireDecisionsStaff(actor: Actor): void {
  if (actor.kind === 'anonymous') requireUser(actor);
}

/** Who may hold an open day for a unit: the admin for any unit of the area, a unit role for its own unit. */
export function requireOpenDayCreator(actor: Actor, unitId: number): void {
  if (actor.kind === 'system') return;
  const u = requireUser(actor);
  if (u.role === 'auditor' || (u.role !== 'admin' && u.unitId !== unitId)) throw forbidden('只能为本单位举办开放日');
}

/** Cancelling sign-ups, attendance, suggestions and notices of an open day: the area's admin or the host unit. */
export function requireOpenDayStaff(actor: Actor, d: AreaUnit): void {
  if (actor.kind === 'system') return;
  const u = requireUser(actor);
  if (u.role === 'auditor' || (u.role === 'admin' ? u.areaId !== d.area_id : u.unitId !== d.unit_id)) throw forbidden('只能处理本单位的开放日');
}

/** The staff view of an open day (names and contacts): the area's admins and auditors, or the host unit; else 404. */
export function requireOpenDayReader(actor: Actor, d: AreaUnit): void {
  if (actor.kind === 'anonymous') requireUser(actor);
  if (actor.kind === 'user' && (areaWide(actor) ? actor.areaId !== d.area_id : actor.unitId !== d.unit_id)) throw notFound('开放日活动');
}

/** The staff view of a 列席 meeting (names and contacts): the area's admins and auditors only; else 404. */
export function requireMeetingReader(actor: Actor, m: { area_id: number }): void {
  if (actor.kind === 'anonymous') requireUser(actor);
  if (actor.kind === 'user' && (!areaWide(actor) || actor.areaId !== m.area_id)) throw notFound('列席会议');
}

/** Draws, manual choices, opinions and notices of a 列席 meeting: the admin of the meeting's area. */
export function requireMeetingManager(actor: Actor, m: { area_id: number }): void {
  if (actor.kind === 'system') return;
  const u = requireUser(actor);
  if (u.role !== 'admin') throw forbidden('只有政务公开办管理员可以执行此操作');
  if (u.areaId !== m.area_id) throw notFound('列席会议');
}

const allowed = (fn: () => void): boolean => {
  try { fn(); return true; } catch { return false; }
};
/** Console: show the meeting's action forms (draw, choice, opinions, notices, arrangements). */
export const canManageMeeting = (actor: Actor, m: { area_id: number }): boolean => actor.kind === 'user' && allowed(() => requireMeetingManager(actor, m));
/** Console: show the open day's action forms (cancel, attendance, notices, arrangements). */
export const canManageOpenDay = (actor: Actor, d: AreaUnit): boolean => actor.kind === 'user' && allowed(() => requireOpenDayStaff(actor, d));
/** 工作台: who is shown pending 请电话通知 tasks (those who can give them: admins, unit roles for their open days). */
export const canActOnNotices = (actor: Actor): boolean => actor.kind === 'user' && actor.role !== 'auditor';
