// Who may do what with an information item. Unit roles act on their own unit's items, the admin on every
// item of the area, the auditor only reads, the system actor (CLI, jobs) does everything. An item the actor
// may not read does not exist for them (404), so another unit's drafts stay secret.
import { isAdminUser, isAreaReader, isAuditorUser, requireUser } from '../auth/policy.js';
import type { Actor } from '../lib/context.js';
import { forbidden, notFound } from '../lib/errors.js';
import type { ItemRow } from './items.repo.js';

type ItemScope = Pick<ItemRow, 'area_id' | 'unit_id'>;

export function canReadItem(actor: Actor, item: ItemScope): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user') return false;
  if (actor.role === 'admin' || actor.role === 'auditor') return item.area_id === actor.areaId;
  return item.unit_id === actor.unitId;
}

/** Throws 404 unless the actor may read the item (anonymous callers get 401 first). */
export function requireReadable<T extends ItemScope>(actor: Actor, item: T | undefined): T {
  if (actor.kind === 'anonymous') requireUser(actor);
  if (!item || !canReadItem(actor, item)) throw notFound('政府信息');
  return item;
}

/** Why the actor may not draft, edit, submit, mask or attach for the item; null when they may. */
function writerDenial(actor: Actor, item: ItemScope): string | null {
  if (actor.kind === 'system') return null;
  if (actor.kind !== 'user') return '请先登录';
  if (actor.role === 'auditor') return '审计员只能查看，不能修改';
  if (actor.role === 'admin') return null;
  return actor.unitId === item.unit_id ? null : '只能处理本单位的政府信息';
}

/** Why the actor may not sign off, return, unpublish, keep hits, change validity or re-review; null when they may. */
function reviewerDenial(actor: Actor, item: ItemScope): string | null {
  if (actor.kind === 'system') return null;
  if (actor.kind !== 'user') return '请先登录';
  if (actor.role === 'auditor') return '审计员只能查看，不能修改';
  if (actor.role === 'admin') return null;
  return actor.role === 'unit_reviewer' && actor.unitId === item.unit_id ? null : '只有本单位审核人或政务公开办可以执行此操作';
}

export function requireItemWriter(actor: Actor, item: ItemScope): void {
  if (actor.kind === 'anonymous') requireUser(actor);
  const d = writerDenial(actor, item);
  if (d) throw forbidden(d);
}

export function requireItemReviewer(actor: Actor, item: ItemScope): void {
  if (actor.kind === 'anonymous') requireUser(actor);
  const d = reviewerDenial(actor, item);
  if (d) throw forbidden(d);
}

export const isWriterOf = (actor: Actor, item: ItemScope): boolean => writerDenial(actor, item) === null;
export const isReviewerOf = (actor: Actor, item: ItemScope): boolean => reviewerDenial(actor, item) === null;

// ---------------------------------------------------------------- drafting and listing

/** 401 for anonymous callers, 403 for the auditor: who may draft a new item at all. */
export function requireDrafter(actor: Actor): void {
  if (actor.kind === 'anonymous') requireUser(actor);
  if (isAuditorUser(actor)) throw forbidden('审计员只能查看，不能修改');
}

/** Show the "新建" controls: a signed-in user who is not the auditor. */
export const canDraftItems = (actor: Actor): boolean => actor.kind === 'user' && !isAuditorUser(actor);

/** Show the 发布机构 choice on the draft form: only the admin drafts for other units. */
export const canChooseDraftUnit = (actor: Actor): boolean => isAdminUser(actor);

/**
 * The unit a new item is drafted for: a unit user's own unit (403 for another), the admin's choice (default:
 * the district), the CLI's choice (may be undefined: the caller asks for one). 403 for the auditor.
 */
export function draftUnitId(actor: Actor, requested: number | undefined): number | undefined {
  if (actor.kind !== 'user') return requested;
  if (isAuditorUser(actor)) throw forbidden('审计员只能查看，不能修改');
  if (isAdminUser(actor)) return requested ?? actor.unitId;
  if (requested !== undefined && requested !== actor.unitId) throw forbidden('只能为本单位录入政府信息');
  return actor.unitId;
}

/** Units offered on the draft form: every unit of the area to the admin, none to the auditor, else the own unit. */
export function draftableUnitsOf<T extends { id: number }>(actor: Actor, units: T[]): T[] {
  if (actor.kind !== 'user' || isAdminUser(actor)) return units;
  if (isAuditorUser(actor)) return [];
  return units.filter((u) => u.id === actor.unitId);
}

/** The unit a listing of items is limited to: none for the admin, the auditor and the CLI, else the own unit. */
export const listingUnit = (actor: Actor): number | undefined =>
  actor.kind !== 'user' || isAreaReader(actor) ? undefined : actor.unitId;

/** Show the controls that add or rename 公开目录/主题分类 entries (categories.service enforces requireAdmin). */
export const canManageCategories = (actor: Actor): boolean => isAdminUser(actor);
