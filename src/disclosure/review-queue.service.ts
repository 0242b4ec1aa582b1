// Re-review of on-request and withheld items (tasks 47–48): each comes up on next_review_on (a year after
// the last decision by default); the reviewer keeps the attribute or converts the item to proactive.
import { requireUser } from '../auth/policy.js';
import type { Ctx } from '../lib/context.js';
import { conflict } from '../lib/errors.js';
import { nowIso, todayCst } from '../lib/time.js';
import { parseInput } from '../lib/validate.js';
import { reasonInput, reviewKeepInput } from './disclosure.schema.js';
import { recordChange, snapshot } from './item-history.js';
import { listingUnit, requireItemReviewer, requireReadable } from './item-policy.js';
import { addYears, REVIEW_INTERVAL_YEARS, statutoryDueDate } from './item-rules.js';
import { ATTRIBUTE_LABELS } from './labels.js';
import { prepareEnv } from './items.service.js';
import { assertNoBlockingHits } from './privacy.service.js';
import * as repo from './items.repo.js';

export async function reviewQueue(ctx: Ctx) {
  const actor = requireUser(ctx.actor);
  let q = ctx.db.selectFrom('info_items').innerJoin('units', 'units.id', 'info_items.unit_id')
    .selectAll('info_items').select('units.name as unit_name')
    .where('info_items.area_id', '=', actor.areaId).where('info_items.status', '=', 'published')
    .where('info_items.attribute', 'in', ['on_request', 'withheld']);
  const unit = listingUnit(actor);
  if (unit !== undefined) q = q.where('info_items.unit_id', '=', unit);
  const rows = await q.orderBy('info_items.next_review_on').orderBy('info_items.id').execute();
  const today = todayCst();
  return rows.map((r) => ({ ...r, due: !!r.next_review_on && r.next_review_on <= today }));
}

async function loadQueued(ctx: Ctx, id: number) {
  const item = requireReadable(ctx.actor, await repo.findItem(ctx.db, id));
  requireItemReviewer(ctx.actor, item);
  return item;
}

const requireQueued = (item: repo.ItemRow) => {
  if (item.status !== 'published' || item.attribute === 'proactive') throw conflict('not_in_queue', '只有已审定的依申请公开或不予公开信息需要复核');
};

/** The attribute still holds: record the review and schedule the next one. */
export async function keepAttribute(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  await loadQueued(ctx, id);
  const input = parseInput(reviewKeepInput, raw);
  await ctx.db.transaction().execute(async (tx) => {
    const item = (await repo.findItem(tx, id))!;
    requireQueued(item);
    const next = input.nextReviewOn ?? addYears(todayCst(), REVIEW_INTERVAL_YEARS);
    await repo.updateItem(tx, id, { next_review_on: next, updated_at: nowIso() });
    const after = (await repo.findItem(tx, id))!;
    await recordChange(tx, ctx, after, { action: 'review.keep', note: `维持${ATTRIBUTE_LABELS[item.attribute]}，下次复核 ${next}：${input.note}`, before: snapshot(item) });
  });
}

/**
 * Converts to proactive and publishes today. The change of attribute is the "change" that starts the
 * 20-working-day clock, so the due date is counted from today. History keeps the earlier attribute and basis.
 */
export async function convertToProactive(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  const found = await loadQueued(ctx, id);
  const { reason } = parseInput(reasonInput, raw);
  const env = await prepareEnv(ctx, found.area_id);
  await ctx.db.transaction().execute(async (tx) => {
    const item = (await repo.findItem(tx, id))!;
    requireQueued(item);
    await assertNoBlockingHits(tx, item);
    await repo.updateItem(tx, id, {
      attribute: 'proactive', withheld_basis: null, attribute_reason: reason, next_review_on: null,
      published_on: env.today, published_at: nowIso(), due_date: statutoryDueDate(env.cal, { ...item, attribute: 'proactive', formed_on: env.today }), updated_at: nowIso(),
    });
    const after = (await repo.findItem(tx, id))!;
    await recordChange(tx, ctx, after, {
      action: 'review.convert', before: snapshot(item),
      note: `由${ATTRIBUTE_LABELS[item.attribute]}转为主动公开：${reason}`,
    });
  });
}
