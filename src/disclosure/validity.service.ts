// 行政规范性文件 validity: amended or repealed by a newer document (linked new → old), 有效期至 changes,
// and expiry of documents past their 有效期至 (the registered job). Every change goes into history.
import type { Db } from '../db/schema.js';
import type { Ctx } from '../lib/context.js';
import { conflict, invalid } from '../lib/errors.js';
import { nowIso, todayCst } from '../lib/time.js';
import { parseInput } from '../lib/validate.js';
import { validityInput, validUntilInput } from './disclosure.schema.js';
import { recordChange, snapshot } from './item-history.js';
import { canReadItem, requireItemReviewer, requireReadable } from './item-policy.js';
import * as repo from './items.repo.js';

const IN_FORCE = ['valid', 'amended'] as const;
const inForce = (v: string | null) => (IN_FORCE as readonly string[]).includes(v ?? '');

function requirePublishedNormative(item: repo.ItemRow) {
  if (item.item_type !== 'normative') throw conflict('not_normative', '只有行政规范性文件有有效性');
  if (item.status !== 'published') throw conflict('wrong_status', '只有已发布的规范性文件可以变更有效性');
}

/**
 * Whether everyone who may read `reader`'s history may also read `named` (so naming its title there leaks
 * nothing): a public document, or one of the same unit.
 */
function visibleToReadersOf(named: repo.ItemRow, reader: repo.ItemRow): boolean {
  return (named.status === 'published' && named.attribute === 'proactive') || named.unit_id === reader.unit_id;
}

/** The old document is amended (已修改) or repealed (已废止), by a newer published document or (repeal only) by decision. */
export async function changeValidity(ctx: Ctx, oldId: number, raw: unknown): Promise<void> {
  const found = requireReadable(ctx.actor, await repo.findItem(ctx.db, oldId));
  requireItemReviewer(ctx.actor, found);
  const input = parseInput(validityInput, raw);
  await ctx.db.transaction().execute(async (tx) => {
    const old = (await repo.findItem(tx, oldId))!;
    requirePublishedNormative(old);
    if (!inForce(old.validity)) throw conflict('not_in_force', '该文件已废止或已失效，不能再变更');
    let by: repo.ItemRow | undefined;
    if (input.byItemId) {
      by = await repo.findItem(tx, input.byItemId);
      // A missing id and one the actor may not read get the same answer (no existence oracle).
      if (!by || by.area_id !== old.area_id || by.id === old.id || !canReadItem(ctx.actor, by)) throw invalid({ byItemId: '新文件不存在' });
      if (by.status !== 'published') throw invalid({ byItemId: '新文件须已发布' });
      if (by.item_type !== 'normative') throw invalid({ byItemId: '作出修改或废止的新文件须为行政规范性文件' });
    }
    const validity = input.action === 'amend' ? 'amended' : 'repealed';
    await repo.updateItem(tx, oldId, { validity, replaced_by_id: by?.id ?? old.replaced_by_id ?? null, updated_at: nowIso() });
    const after = (await repo.findItem(tx, oldId))!;
    const how = input.action === 'amend' ? '修改' : '废止';
    await recordChange(tx, ctx, after, {
      action: `validity.${input.action}`, before: snapshot(old),
      note: by ? (visibleToReadersOf(by, old) ? `被《${by.title}》（${by.doc_number || by.index_no}）${how}：${input.reason}` : `被其他单位的一份文件${how}：${input.reason}`) : `${how}：${input.reason}`,
    });
    if (by) {
      await recordChange(tx, ctx, by, {
        action: 'validity.replaces',
        note: visibleToReadersOf(old, by) ? `${how}《${old.title}》（${old.doc_number || old.index_no}）` : `${how}其他单位的一份文件`,
      });
    }
  });
}

/** Sets or clears 有效期至 of a document still in force. */
export async function setValidUntil(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  const found = requireReadable(ctx.actor, await repo.findItem(ctx.db, id));
  requireItemReviewer(ctx.actor, found);
  const input = parseInput(validUntilInput, raw);
  await ctx.db.transaction().execute(async (tx) => {
    const item = (await repo.findItem(tx, id))!;
    requirePublishedNormative(item);
    if (!inForce(item.validity)) throw conflict('not_in_force', '该文件已废止或已失效，不能再变更');
    await repo.updateItem(tx, id, { valid_until: input.validUntil ?? null, updated_at: nowIso() });
    const after = (await repo.findItem(tx, id))!;
    await recordChange(tx, ctx, after, { action: 'validity.extend', note: `有效期至 ${input.validUntil ?? '（不设）'}：${input.reason}`, before: snapshot(item) });
  });
}

/** Published documents in force whose 有效期至 has passed become 已失效. Returns how many. */
export async function expireNormativeDocuments(ctx: Ctx, today = todayCst()): Promise<number> {
  return ctx.db.transaction().execute(async (tx) => {
    const due = await overdueValidity(tx, today);
    for (const item of due) {
      await repo.updateItem(tx, item.id, { validity: 'expired', updated_at: nowIso() });
      const after = (await repo.findItem(tx, item.id))!;
      await recordChange(tx, ctx, after, { action: 'validity.expire', note: `有效期至 ${item.valid_until}，已届满`, before: snapshot(item) });
    }
    return due.length;
  });
}

/** Published normative documents still marked in force after their 有效期至 (valid through that day). */
export const overdueValidity = (db: Db, today: string) =>
  db.selectFrom('info_items').selectAll().where('item_type', '=', 'normative').where('status', '=', 'published')
    .where('validity', 'in', [...IN_FORCE]).where('valid_until', 'is not', null).where('valid_until', '<', today).orderBy('id').execute();
