// The public portal's reads. Anonymous callers are the norm; every item query goes through
// portal.repo's publicItems (published + proactive), and anything else answers "not found".
import type { Db } from '../db/schema.js';
import type { Ctx } from '../lib/context.js';
import { notFound } from '../lib/errors.js';
import { parseInput } from '../lib/validate.js';
import { DEFAULT_CATALOG, DEFAULT_TOPICS, flattenCategories } from '../disclosure/public.js';
import { sanitizeBody } from '../disclosure/public.js';
import { publicVersion, readGeneration } from '../search/public.js';
import * as repo from './portal.repo.js';
import { LIST_PAGE_SIZE, listQuery, type ListQuery } from './portal.schema.js';

export type Category = { code: string; name: string; parent_code: string | null; depth: number };
export type RefData = {
  area: { id: number; name: string };
  catalog: Category[];
  topics: Category[];
  units: { id: number; name: string; kind: string }[];
  categoryName: (code: string) => string;
  topicName: (code: string | null) => string | null;
};

const memos = new WeakMap<Db, Map<string, { at: number; key: string; value: unknown }>>();
const TTL_MS = 60_000;

/** Per-database memo, refreshed when the public-content generation changes (items, units, categories) or after a minute. */
async function memo<T>(db: Db, name: string, key: string, compute: () => Promise<T>): Promise<T> {
  let m = memos.get(db);
  if (!m) memos.set(db, (m = new Map()));
  const hit = m.get(name);
  const t = Date.now();
  if (hit && hit.key === key && t - hit.at < TTL_MS) return hit.value as T;
  const value = await compute();
  m.set(name, { at: t, key, value });
  return value;
}

function depthOrder(rows: { code: string; name: string; parent_code: string | null }[]): Category[] {
  const children = new Map<string | null, typeof rows>();
  const codes = new Set(rows.map((r) => r.code));
  for (const r of rows) {
    const parent = r.parent_code && codes.has(r.parent_code) ? r.parent_code : null;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const out: Category[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const r of children.get(parent) ?? []) {
      out.push({ code: r.code, name: r.name, parent_code: r.parent_code, depth });
      walk(r.code, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The area this portal serves (the district), its trees and units; cached. */
export async function refData(ctx: Ctx): Promise<RefData> {
  const generation = await readGeneration(ctx.db);
  return memo(ctx.db, 'ref', String(generation), async () => {
    const area = await ctx.db.selectFrom('units').select(['id', 'name']).where('kind', '=', '区').orderBy('id').executeTakeFirst()
      ?? await ctx.db.selectFrom('units').select(['id', 'name']).where('kind', 'in', ['区', '市']).orderBy('id').executeTakeFirst();
    if (!area) throw notFound('行政区划');
    const [catRows, topicRows, units] = await Promise.all([
      repo.listCategoryRows(ctx.db, area.id, 'catalog'), repo.listCategoryRows(ctx.db, area.id, 'topic'), repo.listUnits(ctx.db, area.id),
    ]);
    // Until the disclosure module seeds an area's trees, show the defaults it will seed.
    const catalog = depthOrder(catRows.length ? catRows : flattenCategories(DEFAULT_CATALOG));
    const topics = depthOrder(topicRows.length ? topicRows : flattenCategories(DEFAULT_TOPICS));
    const catNames = new Map(catalog.map((c) => [c.code, c.name]));
    const topicNames = new Map(topics.map((c) => [c.code, c.name]));
    return {
      area, catalog, topics, units,
      categoryName: (code: string) => catNames.get(code) ?? code,
      topicName: (code: string | null) => (code ? topicNames.get(code) ?? code : null),
    };
  });
}

/** A catalog code and all its descendants. */
export function withDescendants(tree: Category[], code: string): string[] {
  const out = new Set([code]);
  for (const c of tree) if (c.parent_code && out.has(c.parent_code)) out.add(c.code); // tree order: parents come first
  return [...out];
}

const pageOf = (total: number, page: number, size: number) => ({ total, page, pages: Math.max(1, Math.ceil(total / size)), size });
export type Paged<T> = { rows: T[]; total: number; page: number; pages: number; size: number };

async function pagedList(ctx: Ctx, areaId: number, f: repo.ListFilter, page: number): Promise<Paged<repo.PublicListRow>> {
  const [rows, total] = await Promise.all([
    repo.listPublic(ctx.db, areaId, f, LIST_PAGE_SIZE, (page - 1) * LIST_PAGE_SIZE), repo.countPublic(ctx.db, areaId, f),
  ]);
  return { rows, ...pageOf(total, page, LIST_PAGE_SIZE) };
}

export async function homePage(ctx: Ctx) {
  const version = await publicVersion(ctx.db);
  const ref = await refData(ctx);
  return memo(ctx.db, 'home', version, async () => {
    const [latest, normative, interpretations, facets, collections, issues] = await Promise.all([
      repo.listPublic(ctx.db, ref.area.id, {}, 10, 0),
      repo.listPublic(ctx.db, ref.area.id, { itemType: 'normative' }, 5, 0),
      repo.listPublic(ctx.db, ref.area.id, { itemType: 'interpretation' }, 5, 0),
      repo.facetCounts(ctx.db, ref.area.id),
      repo.listCollections(ctx.db, ref.area.id),
      repo.listPublishedIssues(ctx.db, ref.area.id),
    ]);
    return { ref, latest, normative, interpretations, facets, collections, latestIssue: issues[0] ?? null };
  });
}

/** Facet counts, cached per public-content generation (they are group-bys over every public item). */
async function facets(ctx: Ctx, areaId: number) {
  const generation = await readGeneration(ctx.db);
  return memo(ctx.db, 'facets', String(generation), () => repo.facetCounts(ctx.db, areaId));
}

export async function catalogPage(ctx: Ctx, raw: unknown) {
  const q = parseInput(listQuery, raw);
  const ref = await refData(ctx);
  const f: repo.ListFilter = {
    categoryCodes: q.category ? withDescendants(ref.catalog, q.category) : undefined,
    unitId: q.unit, topicCode: q.topic, year: q.year, itemType: q.type, validity: q.validity,
  };
  const [list, counts] = await Promise.all([pagedList(ctx, ref.area.id, f, q.page ?? 1), facets(ctx, ref.area.id)]);
  return { ref, q, list, counts };
}

export async function normativePage(ctx: Ctx, raw: unknown) {
  const q = parseInput(listQuery, raw);
  const ref = await refData(ctx);
  const list = await pagedList(ctx, ref.area.id, { itemType: 'normative', validity: q.validity, year: q.year, unitId: q.unit }, q.page ?? 1);
  return { ref, q, list };
}

export async function interpretationsPage(ctx: Ctx, raw: unknown) {
  const q = parseInput(listQuery, raw);
  const ref = await refData(ctx);
  const list = await pagedList(ctx, ref.area.id, { itemType: 'interpretation', year: q.year, unitId: q.unit }, q.page ?? 1);
  const policies = await repo.publicTitles(ctx.db, ref.area.id, [...new Set(list.rows.map((r) => r.policy_item_id).filter((x): x is number => x !== null))]);
  return { ref, q, list, policies };
}

export async function itemPage(ctx: Ctx, id: number) {
  const ref = await refData(ctx);
  const item = id > 0 ? await repo.findPublicItem(ctx.db, ref.area.id, id) : undefined;
  if (!item) throw notFound('信息');
  const [attachments, interpretations, replaced, links, issues] = await Promise.all([
    repo.listAttachmentsOf(ctx.db, item.id),
    repo.listPublicInterpretations(ctx.db, ref.area.id, item.id),
    repo.listPublicReplaced(ctx.db, ref.area.id, item.id),
    repo.publicTitles(ctx.db, ref.area.id, [item.policy_item_id, item.replaced_by_id].filter((x): x is number => x !== null)),
    repo.issuesOfItem(ctx.db, ref.area.id, item.id),
  ]);
  return {
    ref, item: { ...item, published_on: item.published_on! }, attachments, interpretations, replaced, issues,
    policy: item.policy_item_id ? links.get(item.policy_item_id) ?? null : null,
    replacedBy: item.replaced_by_id ? links.get(item.replaced_by_id) ?? null : null,
  };
}

export async function gazetteIndex(ctx: Ctx) {
  const ref = await refData(ctx);
  return { ref, issues: await repo.listPublishedIssues(ctx.db, ref.area.id) };
}

export async function gazetteIssue(ctx: Ctx, year: number, number: number) {
  const ref = await refData(ctx);
  const issue = year > 0 && number > 0 ? await repo.findPublishedIssue(ctx.db, ref.area.id, year, number) : undefined;
  if (!issue) throw notFound('公报');
  return { ref, issue, entries: await repo.listIssueEntries(ctx.db, ref.area.id, issue.id) };
}

export async function unitPage(ctx: Ctx, id: number, raw: unknown) {
  const q = parseInput(listQuery, raw);
  const ref = await refData(ctx);
  const unit = id > 0 ? await repo.findUnit(ctx.db, ref.area.id, id) : undefined;
  if (!unit) throw notFound('单位');
  const list = await pagedList(ctx, ref.area.id, { unitId: unit.id, itemType: q.type, year: q.year }, q.page ?? 1);
  return { ref, q, unit, list };
}

export async function collectionsIndex(ctx: Ctx) {
  const ref = await refData(ctx);
  return { ref, collections: await repo.listCollections(ctx.db, ref.area.id) };
}

export async function collectionPage(ctx: Ctx, slug: string) {
  const ref = await refData(ctx);
  const c = /^[a-z0-9-]{1,60}$/.test(slug) ? await repo.findCollectionBySlug(ctx.db, ref.area.id, slug) : undefined;
  if (!c) throw notFound('专题');
  return { ref, collection: c, items: (await repo.listCollectionPublicItems(ctx.db, ref.area.id, c.id)).map((r) => ({ ...r, published_on: r.published_on! })) };
}

export const FEED_SIZE = 50;
export async function feedData(ctx: Ctx, categoryCode: string | null) {
  const ref = await refData(ctx);
  if (categoryCode !== null && !ref.catalog.some((c) => c.code === categoryCode)) throw notFound('栏目');
  const codes = categoryCode ? withDescendants(ref.catalog, categoryCode) : null;
  return { ref, categoryName: categoryCode ? ref.categoryName(categoryCode) : null, items: await repo.listForFeed(ctx.db, ref.area.id, codes, FEED_SIZE) };
}

/** Sitemaps hold at most 50,000 URLs; the newest items fill what the fixed pages leave. */
export const SITEMAP_ITEMS = 45_000;
export async function sitemapData(ctx: Ctx) {
  const ref = await refData(ctx);
  const version = await publicVersion(ctx.db);
  return memo(ctx.db, 'sitemap', version, async () => {
    const [items, issues, unitIds, collections] = await Promise.all([
      repo.listPublicIdsForSitemap(ctx.db, ref.area.id, SITEMAP_ITEMS), repo.listPublishedIssues(ctx.db, ref.area.id),
      repo.unitsWithPublicItems(ctx.db, ref.area.id), repo.listCollections(ctx.db, ref.area.id),
    ]);
    return { items, issues, unitIds, collections };
  });
}

export async function publicAttachment(ctx: Ctx, id: number) {
  const ref = await refData(ctx);
  const a = id > 0 ? await repo.findPublicAttachment(ctx.db, ref.area.id, id) : undefined;
  if (!a) throw notFound('附件');
  return a;
}

export type { ListQuery };

const bodies = new Map<string, { src: string; html: string }>();
const MAX_BODIES = 500;
/**
 * The item body through sanitizeBody (again, at render time), memoised per id and version. The stored
 * source is compared too: two databases in one process (tests, tools) can hold the same id and version.
 */
export function bodyHtml(item: { id: number; updated_at: string; body_html: string }): string {
  const key = `${item.id}@${item.updated_at}`;
  const hit = bodies.get(key);
  if (hit && hit.src === item.body_html) return hit.html;
  const html = sanitizeBody(item.body_html);
  bodies.delete(key);
  bodies.set(key, { src: item.body_html, html });
  if (bodies.size > MAX_BODIES) bodies.delete(bodies.keys().next().value!);
  return html;
}

/** Years that have public items, newest first (the search form's year choices). */
export async function publicYears(ctx: Ctx): Promise<string[]> {
  const ref = await refData(ctx);
  return [...(await facets(ctx, ref.area.id)).years.keys()].sort().reverse();
}
