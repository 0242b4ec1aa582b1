// SQL for the public portal. Every query about items checks publicness: published, proactive, with
// a publication date, in the portal's area (publicItems / publicCheck). Lists and counts are taken
// from search_docs — the compact table of exactly the public items, kept in each item's own
// transaction by syncItemIndex — and the rows are then loaded from info_items with the check again.
import { publicItemWhere } from '../disclosure/public.js';
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { filteredDocs, type DocFilter } from '../search/public.js';
import { todayCst } from '../lib/time.js';
import { withValidityToday } from '../disclosure/public.js';

export const publicItems = (db: Db, areaId: number) =>
  db.selectFrom('info_items as i')
    .where('i.area_id', '=', areaId).where(publicItemWhere('i'));

/**
 * The same condition written so that no index is chosen for it: for lookups by a selective key
 * (id, policy_item_id, replaced_by_id…), where the planner must use that key's index instead.
 */
export const publicCheck = (areaId: number) =>
  sql<boolean>`i.area_id + 0 = ${areaId} AND i.status || '' = 'published' AND i.attribute || '' = 'proactive' AND i.published_on IS NOT NULL`;
const publicBy = (db: Db, areaId: number) => db.selectFrom('info_items as i').where(publicCheck(areaId));

export type ListFilter = DocFilter;

const LIST_COLUMNS = ['i.id', 'i.title', 'i.doc_number', 'i.index_no', 'i.published_on', 'i.written_on', 'i.unit_id', 'i.item_type', 'i.validity', 'i.category_code', 'i.policy_item_id'] as const;

/** Public items by id, in the given order (ids that are not public are dropped). */
async function publicRows(db: Db, areaId: number, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await publicBy(db, areaId).innerJoin('units as u', 'u.id', 'i.unit_id').select([...LIST_COLUMNS, 'i.valid_until', 'u.name as unit_name'])
    .where('i.id', 'in', ids).execute();
  // Validity is shown as of today (有效期至 passed → 已失效), not as last stored by the expiry job.
  const today = todayCst();
  const byId = new Map(rows.map((r) => [r.id, { ...withValidityToday(r, today), published_on: r.published_on! }]));
  return ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
}

export async function listPublic(db: Db, areaId: number, f: ListFilter, limit: number, offset: number) {
  const ids = (await filteredDocs(db, areaId, f).select('d.item_id').orderBy('d.published_on', 'desc').orderBy('d.item_id', 'desc')
    .limit(limit).offset(offset).execute()).map((r) => r.item_id);
  return publicRows(db, areaId, ids);
}
export type PublicListRow = Awaited<ReturnType<typeof listPublic>>[number];

export const countPublic = async (db: Db, areaId: number, f: ListFilter) =>
  Number((await filteredDocs(db, areaId, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/** Counts of public items per category, unit, topic and year (the catalog navigation). */
export async function facetCounts(db: Db, areaId: number) {
  const base = db.selectFrom('search_docs as d').where('d.area_id', '=', areaId);
  const n = sql<number>`count(*)`.as('n');
  const [categories, units, topics, years] = await Promise.all([
    base.select(['d.category_code as key', n]).groupBy('d.category_code').execute(),
    base.select(['d.unit_id as key', n]).groupBy('d.unit_id').execute(),
    base.select(['d.topic_code as key', n]).where('d.topic_code', 'is not', null).groupBy('d.topic_code').execute(),
    base.select(['d.year as key', n]).groupBy('d.year').execute(),
  ]);
  const map = <K>(rows: { key: K; n: number }[]) => new Map(rows.map((r) => [r.key, Number(r.n)]));
  return {
    categories: map(categories as { key: string; n: number }[]), units: map(units as { key: number; n: number }[]),
    topics: map(topics as { key: string; n: number }[]), years: map((years as { key: number; n: number }[]).map((r) => ({ key: String(r.key), n: r.n }))),
  };
}

export const findPublicItem = (db: Db, areaId: number, id: number) =>
  publicBy(db, areaId).innerJoin('units as u', 'u.id', 'i.unit_id')
    .select(['i.id', 'i.title', 'i.doc_number', 'i.index_no', 'i.published_on', 'i.written_on', 'i.unit_id', 'i.item_type', 'i.validity',
      'i.valid_until', 'i.category_code', 'i.topic_code', 'i.body_html', 'i.body_text', 'i.policy_item_id', 'i.replaced_by_id', 'i.interp_form',
      'i.updated_at', 'i.imported_from', 'u.name as unit_name'])
    .where('i.id', '=', id).executeTakeFirst().then((r) => (r ? withValidityToday(r) : r));

/** Published proactive interpretations of a policy. */
export const listPublicInterpretations = (db: Db, areaId: number, policyId: number) =>
  publicBy(db, areaId).select(['i.id', 'i.title', 'i.published_on', 'i.interp_form']).where('i.policy_item_id', '=', policyId)
    .orderBy('i.published_on', 'desc').orderBy('i.id', 'desc').execute();

/** Public items that an item replaced (their replaced_by_id points here). */
export const listPublicReplaced = (db: Db, areaId: number, itemId: number) =>
  publicBy(db, areaId).select(['i.id', 'i.title', 'i.doc_number', 'i.validity']).where('i.replaced_by_id', '=', itemId).orderBy('i.id').execute();

/** Titles of public items by id (links to policies, replacements); missing ids were not public. */
export async function publicTitles(db: Db, areaId: number, ids: number[]) {
  if (ids.length === 0) return new Map<number, { id: number; title: string; doc_number: string }>();
  const rows = await publicBy(db, areaId).select(['i.id', 'i.title', 'i.doc_number']).where('i.id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export const listAttachmentsOf = (db: Db, itemId: number) =>
  db.selectFrom('item_attachments').select(['id', 'file_name', 'mime', 'size']).where('item_id', '=', itemId).orderBy('id').execute();

/** An attachment whose item is public; undefined otherwise. */
export const findPublicAttachment = (db: Db, areaId: number, id: number) =>
  publicBy(db, areaId).innerJoin('item_attachments as a', 'a.item_id', 'i.id')
    .select(['a.id', 'a.file_name', 'a.mime', 'a.size', 'a.storage_key', 'a.sha256', 'a.text', 'i.id as item_id'])
    .where('a.id', '=', id).executeTakeFirst();

export const listUnits = (db: Db, areaId: number) =>
  db.selectFrom('units').select(['id', 'name', 'kind', 'sort']).where((eb) => eb.or([eb('area_id', '=', areaId), eb('id', '=', areaId)]))
    .orderBy('sort').orderBy('id').execute();

export const findUnit = (db: Db, areaId: number, id: number) =>
  db.selectFrom('units').select(['id', 'name', 'kind', 'code']).where('id', '=', id)
    .where((eb) => eb.or([eb('area_id', '=', areaId), eb('id', '=', areaId)])).executeTakeFirst();

export const listCategoryRows = (db: Db, areaId: number, tree: 'catalog' | 'topic') =>
  db.selectFrom('categories').select(['code', 'name', 'parent_code', 'sort']).where('area_id', '=', areaId).where('tree', '=', tree)
    .orderBy('sort').orderBy('id').execute();

export const listPublishedIssues = (db: Db, areaId: number) =>
  db.selectFrom('gazette_issues').select(['id', 'year', 'number', 'title', 'published_on']).where('area_id', '=', areaId).where('status', '=', 'published')
    .orderBy('year', 'desc').orderBy('number', 'desc').execute();

export const findPublishedIssue = (db: Db, areaId: number, year: number, number: number) =>
  db.selectFrom('gazette_issues').select(['id', 'year', 'number', 'title', 'published_on']).where('area_id', '=', areaId).where('status', '=', 'published')
    .where('year', '=', year).where('number', '=', number).executeTakeFirst();

/** The table of contents of an issue: only entries whose item is public. */
export const listIssueEntries = (db: Db, areaId: number, issueId: number) =>
  publicBy(db, areaId).innerJoin('gazette_entries as e', 'e.item_id', 'i.id').innerJoin('units as u', 'u.id', 'i.unit_id')
    .select(['i.id', 'i.title', 'i.doc_number', 'i.published_on', 'u.name as unit_name', 'e.sort'])
    .where('e.issue_id', '=', issueId).orderBy('e.sort').orderBy('i.id').execute();

/** Published gazette issues an item appears in. */
export const issuesOfItem = (db: Db, areaId: number, itemId: number) =>
  db.selectFrom('gazette_entries as e').innerJoin('gazette_issues as g', 'g.id', 'e.issue_id')
    .select(['g.year', 'g.number', 'g.title']).where('e.item_id', '=', itemId).where('g.area_id', '=', areaId).where('g.status', '=', 'published')
    .orderBy('g.year').orderBy('g.number').execute();

export const listCollections = (db: Db, areaId: number) =>
  db.selectFrom('collections').select(['id', 'slug', 'name', 'description', 'sort']).where('area_id', '=', areaId).orderBy('sort').orderBy('id').execute();

export const findCollectionBySlug = (db: Db, areaId: number, slug: string) =>
  db.selectFrom('collections').select(['id', 'slug', 'name', 'description', 'sort']).where('area_id', '=', areaId).where('slug', '=', slug).executeTakeFirst();

/** Public items of a collection, in the admin's order. */
export const listCollectionPublicItems = (db: Db, areaId: number, collectionId: number) =>
  publicBy(db, areaId).innerJoin('collection_items as c', 'c.item_id', 'i.id').innerJoin('units as u', 'u.id', 'i.unit_id')
    .select([...LIST_COLUMNS, 'u.name as unit_name', 'c.sort']).where('c.collection_id', '=', collectionId)
    .orderBy('c.sort').orderBy('i.published_on', 'desc').execute();

/** Ids and dates of public items, newest first (sitemap). */
export const listPublicIdsForSitemap = async (db: Db, areaId: number, limit: number) =>
  (await db.selectFrom('search_docs as d').select(['d.item_id', 'd.published_on']).where('d.area_id', '=', areaId)
    .orderBy('d.published_on', 'desc').orderBy('d.item_id', 'desc').limit(limit).execute()).map((r) => ({ id: r.item_id, published_on: r.published_on }));

/** Newest public items with their body text (feeds). */
export async function listForFeed(db: Db, areaId: number, categoryCodes: string[] | null, limit: number) {
  const ids = (await filteredDocs(db, areaId, { categoryCodes: categoryCodes ?? undefined }).select('d.item_id')
    .orderBy('d.published_on', 'desc').orderBy('d.item_id', 'desc').limit(limit).execute()).map((r) => r.item_id);
  if (ids.length === 0) return [];
  const rows = await publicBy(db, areaId).innerJoin('units as u', 'u.id', 'i.unit_id')
    .select(['i.id', 'i.title', 'i.body_text', 'i.published_on', 'i.published_at', 'i.doc_number', 'i.category_code', 'u.name as unit_name'])
    .where('i.id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
}

export const unitsWithPublicItems = async (db: Db, areaId: number) =>
  (await db.selectFrom('search_docs as d').select('d.unit_id').where('d.area_id', '=', areaId).distinct().execute()).map((r) => r.unit_id);

/** Public items per catalog category (optionally of one unit): count and latest 发布日期. */
export async function categoryStats(db: Db, areaId: number, unitId?: number) {
  let q = db.selectFrom('search_docs as d').where('d.area_id', '=', areaId);
  if (unitId !== undefined) q = q.where('d.unit_id', '=', unitId);
  const rows = await q.select(['d.category_code', sql<number>`count(*)`.as('n'), sql<string>`max(d.published_on)`.as('latest')]).groupBy('d.category_code').execute();
  return new Map(rows.map((r) => [r.category_code, { n: Number(r.n), latest: r.latest }]));
}
