// Pickers instead of typing internal numbers (issue 19): published items of an area found by words of
// their title, their 索引号 or 文号. Plain SQL LIKE, fine for a picker (at most 20 rows).
import type { Db } from '../db/schema.js';

// LIKE escapes differ between the engines (SQLite has none by default): wildcards are dropped instead.
const plain = (s: string) => s.replace(/[\\%_]/g, '');

export async function findPublishedItems(db: Db, areaId: number, q: string, opts: { itemType?: string; limit?: number } = {}) {
  const words = q.trim().split(/\s+/).map(plain).filter(Boolean).slice(0, 5);
  if (!words.length) return [];
  let query = db.selectFrom('info_items').innerJoin('units', 'units.id', 'info_items.unit_id')
    .select(['info_items.id', 'info_items.title', 'info_items.index_no', 'info_items.doc_number', 'info_items.published_on', 'units.name as unit_name'])
    .where('info_items.area_id', '=', areaId).where('info_items.status', '=', 'published');
  if (opts.itemType) query = query.where('info_items.item_type', '=', opts.itemType as never);
  for (const w of words) {
    const like = `%${w}%`;
    query = query.where((eb) => eb.or([
      eb('info_items.title', 'like', like), eb('info_items.index_no', '=', w), eb('info_items.doc_number', 'like', like),
    ]));
  }
  return query.orderBy('info_items.published_on', 'desc').orderBy('info_items.id', 'desc').limit(opts.limit ?? 20).execute();
}
