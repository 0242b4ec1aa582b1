// 特色主题 (themed collections, plan task 37): the admin curates them; every change is audited.
import { writeAudit } from '../audit/public.js';
import { requireAdmin } from '../auth/policy.js';
import type { Db } from '../db/schema.js';
import type { Ctx } from '../lib/context.js';
import { invalid, notFound } from '../lib/errors.js';
import { parseInput } from '../lib/validate.js';
import { actorArea } from '../org/public.js';
import { bumpGeneration } from '../search/public.js';
import { collectionInput, collectionItemInput } from './collections.schema.js';

const findCollection = (db: Db, areaId: number, id: number) =>
  db.selectFrom('collections').selectAll().where('area_id', '=', areaId).where('id', '=', id).executeTakeFirst();

export async function listCollectionsForAdmin(ctx: Ctx) {
  requireAdmin(ctx.actor);
  const areaId = await actorArea(ctx);
  const rows = await ctx.db.selectFrom('collections as c').leftJoin('collection_items as ci', 'ci.collection_id', 'c.id')
    .select(['c.id', 'c.slug', 'c.name', 'c.description', 'c.sort', (eb) => eb.fn.count<number>('ci.item_id').as('items')])
    .where('c.area_id', '=', areaId).groupBy(['c.id', 'c.slug', 'c.name', 'c.description', 'c.sort']).orderBy('c.sort').orderBy('c.id').execute();
  return rows.map((r) => ({ ...r, items: Number(r.items) }));
}

export async function getCollectionForAdmin(ctx: Ctx, id: number) {
  requireAdmin(ctx.actor);
  const areaId = await actorArea(ctx);
  const c = await findCollection(ctx.db, areaId, id);
  if (!c) throw notFound('专题');
  const items = await ctx.db.selectFrom('collection_items as ci').innerJoin('info_items as i', 'i.id', 'ci.item_id')
    .select(['i.id', 'i.title', 'i.index_no', 'i.status', 'i.attribute', 'i.published_on', 'ci.sort'])
    .where('ci.collection_id', '=', id).orderBy('ci.sort').orderBy('i.id').execute();
  return { collection: c, items: items.map((i) => ({ ...i, public: i.status === 'published' && i.attribute === 'proactive' })) };
}

async function assertSlugFree(tx: Db, areaId: number, slug: string, selfId?: number) {
  const same = await tx.selectFrom('collections').select('id').where('area_id', '=', areaId).where('slug', '=', slug).executeTakeFirst();
  if (same && same.id !== selfId) throw invalid({ slug: '该专题标识已被使用' });
}

export async function createCollection(ctx: Ctx, raw: unknown): Promise<number> {
  requireAdmin(ctx.actor);
  const input = parseInput(collectionInput, raw);
  const areaId = await actorArea(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    await assertSlugFree(tx, areaId, input.slug);
    const row = await tx.insertInto('collections').values({ area_id: areaId, ...input }).returning('id').executeTakeFirstOrThrow();
    await bumpGeneration(tx);
    await writeAudit(tx, ctx, { action: 'collection.create', entity: 'collection', entityId: row.id, after: input, areaId });
    return row.id;
  });
}

export async function updateCollection(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  requireAdmin(ctx.actor);
  const input = parseInput(collectionInput, raw);
  const areaId = await actorArea(ctx);
  const before = await findCollection(ctx.db, areaId, id);
  if (!before) throw notFound('专题');
  await ctx.db.transaction().execute(async (tx) => {
    await assertSlugFree(tx, areaId, input.slug, id);
    await tx.updateTable('collections').set(input).where('id', '=', id).execute();
    await bumpGeneration(tx);
    await writeAudit(tx, ctx, { action: 'collection.update', entity: 'collection', entityId: id, before: { slug: before.slug, name: before.name, description: before.description, sort: before.sort }, after: input, areaId });
  });
}

export async function deleteCollection(ctx: Ctx, id: number): Promise<void> {
  requireAdmin(ctx.actor);
  const areaId = await actorArea(ctx);
  const before = await findCollection(ctx.db, areaId, id);
  if (!before) throw notFound('专题');
  await ctx.db.transaction().execute(async (tx) => {
    const items = (await tx.selectFrom('collection_items').select('item_id').where('collection_id', '=', id).execute()).map((r) => r.item_id);
    await tx.deleteFrom('collection_items').where('collection_id', '=', id).execute();
    await tx.deleteFrom('collections').where('id', '=', id).execute();
    await bumpGeneration(tx);
    await writeAudit(tx, ctx, { action: 'collection.delete', entity: 'collection', entityId: id, before: { slug: before.slug, name: before.name, items }, areaId });
  });
}

/** Adds an item by 索引号 or numeric id. Unpublished items may be added; the portal shows them once public. */
export async function addCollectionItem(ctx: Ctx, id: number, raw: unknown): Promise<number> {
  requireAdmin(ctx.actor);
  const input = parseInput(collectionItemInput, raw);
  const areaId = await actorArea(ctx);
  if (!(await findCollection(ctx.db, areaId, id))) throw notFound('专题');
  const ref = input.ref.normalize('NFKC').trim();
  const item = await ctx.db.selectFrom('info_items').select(['id', 'title', 'index_no']).where('area_id', '=', areaId)
    .where((eb) => (/^\d{1,9}$/.test(ref) ? eb.or([eb('id', '=', Number(ref)), eb('index_no', '=', ref)]) : eb('index_no', '=', ref)))
    .executeTakeFirst();
  if (!item) throw invalid({ ref: '找不到该索引号或编号对应的信息' });
  await ctx.db.transaction().execute(async (tx) => {
    const exists = await tx.selectFrom('collection_items').select('item_id').where('collection_id', '=', id).where('item_id', '=', item.id).executeTakeFirst();
    if (exists) throw invalid({ ref: '该信息已在本专题中' });
    await tx.insertInto('collection_items').values({ collection_id: id, item_id: item.id, sort: input.sort }).execute();
    await bumpGeneration(tx);
    await writeAudit(tx, ctx, { action: 'collection.add_item', entity: 'collection', entityId: id, after: { itemId: item.id, indexNo: item.index_no, sort: input.sort }, areaId });
  });
  return item.id;
}

export async function removeCollectionItem(ctx: Ctx, id: number, itemId: number): Promise<void> {
  requireAdmin(ctx.actor);
  const areaId = await actorArea(ctx);
  if (!(await findCollection(ctx.db, areaId, id))) throw notFound('专题');
  await ctx.db.transaction().execute(async (tx) => {
    const r = await tx.deleteFrom('collection_items').where('collection_id', '=', id).where('item_id', '=', itemId).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw notFound('专题中的信息');
    await bumpGeneration(tx);
    await writeAudit(tx, ctx, { action: 'collection.remove_item', entity: 'collection', entityId: id, before: { itemId }, areaId });
  });
}
