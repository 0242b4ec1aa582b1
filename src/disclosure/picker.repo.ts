// Pickers instead of typing internal numbers (issue 19): published items of an area found by words of
// their title, 文号, 索引号 or 发布机构. Plain SQL LIKE, fine for a picker (a few dozen rows). Who may see
// which of these rows is decided by the caller through item-policy (item-picker.service.ts).
import type { Db } from '../db/schema.js';

// LIKE escapes differ between the engines (SQLite has none by default): wildcards are dropped instead.
const plain = (s: string) => s.replace(/[\\%_]/g, '');

export type PickRow = {
  id: number; title: string; index_no: string; doc_number: string; published_on: string | null; unit_name: string;
  unit_id: number; area_id: number; status: string; attribute: string; item_type: string;
};

export async function findPublishedItems(db: Db, areaId: number, q: string, opts: { itemType?: string; exceptId?: number; limit?: number } = {}): Promise<PickRow[]> {
  const words = q.trim().split(/\s+/).map(plain).filter(Boolean).slice(0, 5);
  if (!words.length) return [];
  let query = db.selectFrom('info_items').innerJoin('units', 'units.id', 'info_items.unit_id')
    .select(['info_items.id', 'info_items.title', 'info_items.index_no', 'info_items.doc_number', 'info_items.published_on', 'units.name as unit_name',
      'info_items.unit_id', 'info_items.area_id', 'info_items.status', 'info_items.attribute', 'info_items.item_type'])
    .where('info_items.area_id', '=', areaId).where('info_items.status', '=', 'published');
  if (opts.itemType) query = query.where('info_items.item_type', '=', opts.itemType as never);
  if (opts.exceptId) query = query.where('info_items.id', '!=', opts.exceptId);
  for (const w of words) {
    const like = `%${w}%`;
    query = query.where((eb) => eb.or([
      eb('info_items.title', 'like', like), eb('info_items.index_no', '=', w), eb('info_items.doc_number', 'like', like), eb('units.name', 'like', like),
    ]));
  }
  return query.orderBy('info_items.published_on', 'desc').orderBy('info_items.id', 'desc').limit(opts.limit ?? 20).execute() as Promise<PickRow[]>;
}

/** One published item by id (the choice a re-rendered form keeps), with the same columns. */
export async function findPublishedItem(db: Db, areaId: number, id: number): Promise<PickRow | undefined> {
  return db.selectFrom('info_items').innerJoin('units', 'units.id', 'info_items.unit_id')
    .select(['info_items.id', 'info_items.title', 'info_items.index_no', 'info_items.doc_number', 'info_items.published_on', 'units.name as unit_name',
      'info_items.unit_id', 'info_items.area_id', 'info_items.status', 'info_items.attribute', 'info_items.item_type'])
    .where('info_items.area_id', '=', areaId).where('info_items.status', '=', 'published').where('info_items.id', '=', id)
    .executeTakeFirst() as Promise<PickRow | undefined>;
}
