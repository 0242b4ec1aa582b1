// Who may do what with an information request (依申请公开). The office (admin) works on every request of
// its area, unit staff on their unit's (the addressed body or the handling unit), the auditor only reads,
// the system actor (CLI, jobs) does everything. A request the actor may not read does not exist for them
// (404), so applicant data of another unit's requests stays secret; what they may read but not change is 403.
import { isAdminUser, requireUser } from '../auth/policy.js';
import type { Actor } from '../lib/context.js';
import { AppError, forbidden, notFound } from '../lib/errors.js';

type RequestScope = { area_id: number; unit_id: number; handling_unit_id: number | null };

const loginRequired = () => new AppError('unauthorized', 'login_required', '请先登录');

/** The office and auditors read every request of their area; unit roles their unit's (addressed or handling). */
export function canReadRequest(actor: Actor, row: RequestScope): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user') return false;
  if (actor.role === 'admin' || actor.role === 'auditor') return actor.areaId === row.area_id;
  return actor.unitId === row.unit_id || actor.unitId === row.handling_unit_id;
}

/** Throws 404 unless the actor may read the request. */
export function requireReadableRequest<T extends RequestScope>(actor: Actor, row: T | undefined): T {
  if (!row || !canReadRequest(actor, row)) throw notFound('申请');
  return row;
}

/** Whether lists and dashboards cover the whole area (office, auditors, system) or the actor's unit only. */
export function seesWholeArea(actor: Actor): boolean {
  return actor.kind === 'system' || (actor.kind === 'user' && (actor.role === 'admin' || actor.role === 'auditor'));
}

/** Why the actor may not handle a request of `areaId` addressed to / handled by `unitIds`; null when they may. */
function writerDenial(actor: Actor, areaId: number, unitIds: readonly (number | null)[]): string | null {
  if (actor.kind === 'system') return null;
  if (actor.kind !== 'user') return '请先登录';
  if (actor.role === 'auditor') return '审计员只能查看，不能修改';
  if (actor.role === 'admin') return actor.areaId === areaId ? null : '无权执行此操作';
  return unitIds.includes(actor.unitId) ? null : '只能处理本单位的申请';
}

/** Intake, clock events, letters, files, delivery: the office, or the addressed / handling unit's staff (403 otherwise). */
export function requireRequestWriter(actor: Actor, areaId: number, unitIds: readonly (number | null)[]): void {
  if (actor.kind === 'anonymous') throw loginRequired();
  const d = writerDenial(actor, areaId, unitIds);
  if (d) throw forbidden(d);
}

/** For showing the handling forms on the request page. */
export const canWriteRequest = (actor: Actor, row: RequestScope): boolean =>
  actor.kind === 'user' && writerDenial(actor, row.area_id, [row.unit_id, row.handling_unit_id]) === null;

/** Office-only actions (assign a request, the 申请编号 series, the 复议/诉讼 register, art. 44 drafts): admin or system. */
export function requireOffice(actor: Actor, message: string): void {
  if (actor.kind === 'system') return;
  requireUser(actor);
  if (!isAdminUser(actor)) throw forbidden(message);
}

/** For showing office-only controls. */
export const isOffice = (actor: Actor): boolean => isAdminUser(actor);

/** The handling unit (or the office) hands a request back; auditors and other units may not. */
export function requireHandBack(actor: Actor, row: RequestScope): void {
  if (actor.kind !== 'user') return;
  if (actor.role === 'auditor' || (actor.role !== 'admin' && actor.unitId !== row.handling_unit_id)) throw forbidden('只有承办单位可以退回申请');
}

/** Shows the hand-back form: the handling unit's own staff. */
export const canHandBack = (actor: Actor, row: RequestScope): boolean =>
  actor.kind === 'user' && row.handling_unit_id !== null && actor.role !== 'auditor' && actor.unitId === row.handling_unit_id;

/** The 复议/诉讼 register is read by the office and auditors. */
export function requireAppealsReader(actor: Actor): void {
  if (actor.kind === 'anonymous') throw loginRequired();
  if (!seesWholeArea(actor)) throw forbidden('只有政务公开办和审计员可以查看复议、诉讼台账');
}

/** The bodies a staff member may register a request for: the office any of the area, unit staff their own. */
export function intakeUnits<U extends { id: number }>(actor: Actor, units: readonly U[]): U[] {
  if (actor.kind === 'user' && !isAdminUser(actor)) return units.filter((u) => u.id === actor.unitId);
  return [...units];
}
