// SQL for information items, index serials, history and attachments.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { InfoItemsTable } from '../db/disclosure.tables.js';
import type { Db } from '../db/schema.js';

export type ItemRow = Selectable<InfoItemsTable>;
export type ItemPatch = Updateable<InfoItemsTable>;

/** Next serial for a unit and year, taken in the caller's transaction (row-locked on PostgreSQL). */
export async function nextSerial(tx: Db, unitId: number, year: number): Promise<number> {
  const row = await tx.insertInto('index_serials').values({ unit_id: unitId, year, last: 1 })
    .onConflict((oc) => oc.columns(['unit_id', 'year']).doUpdateSet({ last: sql<number>`index_serials.last + 1` }))
    .returning('last').executeTakeFirstOrThrow();
  return Number(row.last);
}

export const insertItem = async (tx: Db, v: Insertable<InfoItemsTable>) =>
  (await tx.insertInto('info_items').values(v).returning('id').executeTakeFirstOrThrow()).id;

export const findItem = (db: Db, id: number) => db.selectFrom('info_items').selectAll().where('id', '=', id).executeTakeFirst();

export const updateItem = (tx: Db, id: number, patch: ItemPatch) => tx.updateTable('info_items').set(patch).where('id', '=', id).execute();

export type ItemFilter = {
  areaId: number;
  unitId?: number;
  status?: string;
  itemType?: string;
  attribute?: string;
  q?: string;
  limit: number;
  offset: number;
};

function filtered(db: Db, f: Omit<ItemFilter, 'limit' | 'offset'>) {
  let q = db.selectFrom('info_items').innerJoin('units', 'units.id', 'info_items.unit_id').where('info_items.area_id', '=', f.areaId);
  if (f.unitId) q = q.where('info_items.unit_id', '=', f.unitId);
  if (f.status) q = q.where('info_items.status', '=', f.status as ItemRow['status']);
  if (f.itemType) q = q.where('info_items.item_type', '=', f.itemType as ItemRow['item_type']);
  if (f.attribute) q = q.where('info_items.attribute', '=', f.attribute as ItemRow['attribute']);
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, '')}%`;
    q = q.where((eb) => eb.or([eb('info_items.title', 'like', like), eb('info_items.doc_number', 'like', like), eb('info_items.index_no', 'like', like)]));
  }
  return q;
}

export const listItems = (db: Db, f: ItemFilter) =>
  filtered(db, f).selectAll('info_items').select('units.name as unit_name')
    .orderBy('info_items.updated_at', 'desc').orderBy('info_items.id', 'desc').limit(f.limit).offset(f.offset).execute();

export const countItems = async (db: Db, f: Omit<ItemFilter, 'limit' | 'offset'>) =>
  Number((await filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/** Every item of an area (compliance arithmetic runs over these in memory). */
export const listAreaItems = (db: Db, areaId: number) =>
  db.selectFrom('info_items').select(['id', 'unit_id', 'index_no', 'title', 'item_type', 'attribute', 'status', 'due_date', 'published_on', 'formed_on', 'validity', 'valid_until', 'policy_item_id'])
    .where('area_id', '=', areaId).orderBy('id').execute();

export const listInterpretations = (db: Db, policyId: number) =>
  db.selectFrom('info_items').selectAll().where('policy_item_id', '=', policyId).where('item_type', '=', 'interpretation').orderBy('id').execute();

export const countLiveInterpretations = async (db: Db, policyId: number) =>
  Number((await db.selectFrom('info_items').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('policy_item_id', '=', policyId).where('item_type', '=', 'interpretation').where('status', '!=', 'withdrawn').executeTakeFirstOrThrow()).n);

/** Items this one replaced (amended or repealed). */
export const listReplaced = (db: Db, newId: number) =>
  db.selectFrom('info_items').select(['id', 'index_no', 'title', 'doc_number', 'validity', 'area_id', 'unit_id', 'status', 'attribute']).where('replaced_by_id', '=', newId).orderBy('id').execute();

export const insertHistory = (tx: Db, v: { item_id: number; at: string; actor_label: string; action: string; note: string | null; snapshot_json: string | null }) =>
  tx.insertInto('item_history').values(v).execute();

export const listHistory = (db: Db, itemId: number) =>
  db.selectFrom('item_history').selectAll().where('item_id', '=', itemId).orderBy('id').execute();

export const listAttachments = (db: Db, itemId: number) =>
  db.selectFrom('item_attachments').selectAll().where('item_id', '=', itemId).orderBy('id').execute();

export const findAttachment = (db: Db, id: number) =>
  db.selectFrom('item_attachments').selectAll().where('id', '=', id).executeTakeFirst();
