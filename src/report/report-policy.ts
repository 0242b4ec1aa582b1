// Who may read, edit, sign off, file and publish an annual report (政府信息公开工作年度报告). A body's report is
// readable by whoever may read the body (otherwise it does not exist: 404); the area's admin edits every body's
// report, unit operators and reviewers their own unit's; the unit's reviewer signs off its report and the office
// signs off the district government's; filing, publishing and undoing a 备案 are the office's. The system actor
// (CLI, jobs) may do everything.
import { canReadUnit, isAdminUser, isAreaReader, isAuditorUser, isUnitReviewerUser, requireAdmin, requireStaff, requireUser } from '../auth/policy.js';
import type { Actor } from '../lib/context.js';
import { forbidden, notFound } from '../lib/errors.js';

export type ReportBody = { id: number; area_id: number | null; kind: string };

const isAreaBody = (body: { kind: string }) => body.kind === '区' || body.kind === '市';

/** 401 for anonymous callers; 404 when the actor may not read the body. */
export function requireReportReader(actor: Actor, body: ReportBody): void {
  requireStaff(actor);
  if (!canReadUnit(actor, body)) throw notFound('年度报告');
}

function writerDenial(actor: Actor, body: ReportBody): string | null {
  if (actor.kind !== 'user') return null;
  if (isAdminUser(actor) && (body.area_id === actor.areaId || body.id === actor.areaId)) return null;
  if (!isAreaReader(actor) && actor.unitId === body.id) return null;
  return isAuditorUser(actor) ? '审计员只能查看，不能修改' : '只能编辑本单位的年度报告';
}

/** Edit figures and texts, import, reopen a signed-off report, start a correction. */
export function requireReportWriter(actor: Actor, body: ReportBody): void {
  if (actor.kind === 'anonymous') requireUser(actor);
  const d = writerDenial(actor, body);
  if (d) throw forbidden(d);
}

function signOffDenial(actor: Actor, body: ReportBody): string | null {
  if (actor.kind !== 'user') return null;
  if (isAreaBody(body) ? isAdminUser(actor) && body.id === actor.areaId : isUnitReviewerUser(actor) && actor.unitId === body.id) return null;
  return isAreaBody(body) ? '区政府报告由政务公开办审签' : '只有本单位审核人可以审签年度报告';
}

/** 单位审签: the unit's reviewer; for the district government's report, the office. */
export function requireReportSignOff(actor: Actor, body: ReportBody): void {
  if (actor.kind === 'anonymous') requireUser(actor);
  const d = signOffDenial(actor, body);
  if (d) throw forbidden(d);
}

/** 备案, 公开 and undoing a 备案: the office (admin) or the system actor. */
export const requireReportOffice = (actor: Actor): void => requireAdmin(actor);

/** Show the 审签 button. */
export const canSignOffReport = (actor: Actor, body: ReportBody): boolean => actor.kind === 'user' && signOffDenial(actor, body) === null;

/** Show the office's controls: 备案, 公开, undoing a 备案, the internal deadlines. */
export const canActAsReportOffice = (actor: Actor): boolean => isAdminUser(actor);

/** The inbox shows the office's view (every body) to the admin and the auditor, a unit's own report otherwise. */
export const seesAllReports = (actor: Actor): boolean => actor.kind === 'user' && isAreaReader(actor);
