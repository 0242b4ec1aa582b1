// Who may do what with an information item. Unit roles act on their own unit's items, the admin on every
// item of the area, the auditor only reads, the system actor (CLI, jobs) does everything. An item the actor
// may not read does not exist for them (404), so another unit's drafts stay secret.
import { requireUser } from '../auth/policy.js';
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
