// Other modules reference information items by id (e.g. a decision's documents): this reads the
// few fields they need, and whether the item is public under THE rule (public-rule.ts).
import type { Db } from '../db/schema.js';
import { isPublicItem } from './public-rule.js';

export type ItemRef = { id: number; areaId: number; unitId: number; title: string; indexNo: string; publishedOn: string | null; isPublic: boolean };

export async function itemRefs(db: Db, ids: readonly number[]): Promise<Map<number, ItemRef>> {
  const out = new Map<number, ItemRef>();
  const want = [...new Set(ids.filter((i) => Number.isInteger(i) && i > 0))];
  if (!want.length) return out;
  const rows = await db.selectFrom('info_items')
    .select(['id', 'area_id', 'unit_id', 'title', 'index_no', 'published_on', 'status', 'attribute'])
    .where('id', 'in', want).execute();
  for (const r of rows) {
    out.set(r.id, { id: r.id, areaId: r.area_id, unitId: r.unit_id, title: r.title, indexNo: r.index_no, publishedOn: r.published_on, isPublic: isPublicItem(r) });
  }
  return out;
}
