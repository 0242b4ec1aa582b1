// Items waiting for a reviewer's 保密审查 sign-off, for the 工作台 inbox (issue 19).
import { unitsWithActiveRole } from '../org/public.js';
import type { Db } from '../db/schema.js';

/** Submitted items of a unit (or of the whole area when unitId is undefined), oldest first. */
export const itemsAwaitingSignoff = (db: Db, areaId: number, unitId?: number) => {
  let q = db.selectFrom('info_items').innerJoin('units', 'units.id', 'info_items.unit_id')
    .select(['info_items.id', 'info_items.unit_id', 'info_items.title', 'info_items.updated_at', 'units.name as unit_name'])
    .where('info_items.area_id', '=', areaId).where('info_items.status', '=', 'submitted');
  if (unitId !== undefined) q = q.where('info_items.unit_id', '=', unitId);
  return q.orderBy('info_items.updated_at').orderBy('info_items.id').limit(50).execute();
};

/** Unit ids that have at least one active unit reviewer (items of the others are signed off by the office). */
export const unitsWithReviewers = (db: Db, areaId: number): Promise<Set<number>> => unitsWithActiveRole(db, areaId, 'unit_reviewer');
