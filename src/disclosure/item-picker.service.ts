// Item pickers (issue 19): the published items an actor may choose for a purpose — the document that
// amends or repeals another (replacement), ledger evidence, a gazette entry, a 特色主题 (collection) entry. Every row passes the item
// policy: the actor may read it (their own unit's, or every item of the area for the office) or it is
// public. Another unit's drafts, 依申请公开 and 不予公开 items never appear, not even their titles.
import { requireUser } from '../auth/policy.js';
import type { Actor, Ctx } from '../lib/context.js';
import { canReadItem } from './item-policy.js';
import { findPublishedItem, findPublishedItems, type PickRow } from './picker.repo.js';
import { isPublicItem } from './public-rule.js';

export const PICK_PURPOSES = ['replacement', 'evidence', 'gazette', 'collection'] as const;
export type PickPurpose = (typeof PICK_PURPOSES)[number];
export type { PickRow };

/** Whether the actor may choose this published item for the purpose (the same rule the POST applies). */
export function canPickItem(actor: Actor, purpose: PickPurpose, row: PickRow): boolean {
  if (row.status !== 'published') return false;
  const visible = isPublicItem(row) || canReadItem(actor, row);
  switch (purpose) {
    // The same rule as changeValidity: a document the actor may read (their unit's; the office: the area's).
    case 'replacement': return row.item_type === 'normative' && canReadItem(actor, row);
    case 'gazette': case 'collection': return isPublicItem(row);
    case 'evidence': return visible;
  }
}

export type PickQuery = { purpose: PickPurpose; q: string; areaId: number; exceptId?: number; limit?: number };

/** Items matching the words, newest first, only those the actor may choose. */
export async function pickItems(ctx: Ctx, p: PickQuery): Promise<PickRow[]> {
  requireUser(ctx.actor);
  const limit = Math.min(p.limit ?? 20, 50);
  // Fetch more than shown: rows the actor may not see are dropped after the query.
  const rows = await findPublishedItems(ctx.db, p.areaId, p.q, {
    itemType: p.purpose === 'replacement' ? 'normative' : undefined, exceptId: p.exceptId, limit: limit * 5,
  });
  return rows.filter((r) => canPickItem(ctx.actor, p.purpose, r)).slice(0, limit);
}

/** The item already chosen in a re-rendered form, if the actor may still choose it. */
export async function pickedItem(ctx: Ctx, purpose: PickPurpose, areaId: number, id: number | null | undefined): Promise<PickRow | null> {
  if (!id || !Number.isSafeInteger(id) || id <= 0) return null;
  const row = await findPublishedItem(ctx.db, areaId, id);
  return row && canPickItem(ctx.actor, purpose, row) ? row : null;
}

/** "标题（文号，索引号，发布机构，发布日期）" — the one line a result reads, on the page and in the script. */
export const describePick = (r: Pick<PickRow, 'title' | 'doc_number' | 'index_no' | 'unit_name' | 'published_on'>): string =>
  `${r.title}（${[r.doc_number, `索引号 ${r.index_no}`, r.unit_name, r.published_on].filter(Boolean).join('，')}）`;

/** The JSON shape of a result (GET /api/v1/items/pick). */
export const pickJson = (r: PickRow) => ({
  id: r.id, title: r.title, docNumber: r.doc_number, indexNo: r.index_no, unitName: r.unit_name, publishedOn: r.published_on, label: describePick(r),
});
