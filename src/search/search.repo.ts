// SQL shared by both full-text back-ends: the search_docs rows and the filter clause.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/schema.js';
import { nowIso } from '../lib/time.js';
import type { FtsQuery, IndexDoc, SearchFilters } from './fts.js';

export const docRow = (d: IndexDoc, at = nowIso()) => ({
  item_id: d.itemId, area_id: d.areaId, unit_id: d.unitId, category_code: d.categoryCode, topic_code: d.topicCode,
  item_type: d.itemType, validity: d.validity, year: d.year, published_on: d.publishedOn, doc_number: d.docNumber,
  index_no: d.indexNo, indexed_at: at,
});

/** Metadata filters over the public index (search_docs), shared by search, exact lookups and the portal's lists. */
export type DocFilter = SearchFilters & { topicCode?: string };

/** search_docs rows (alias `d`) of an area passing the filters: every row is a public item. */
export const filteredDocs = (db: Db, areaId: number, f: DocFilter) => {
  let q = db.selectFrom('search_docs as d').where('d.area_id', '=', areaId);
  if (f.categoryCodes?.length) q = q.where('d.category_code', 'in', f.categoryCodes);
  if (f.unitId !== undefined) q = q.where('d.unit_id', '=', f.unitId);
  if (f.topicCode !== undefined) q = q.where('d.topic_code', '=', f.topicCode);
  if (f.year !== undefined) q = q.where('d.year', '=', f.year);
  if (f.validity !== undefined) q = q.where('d.validity', '=', f.validity);
  if (f.itemType !== undefined) q = q.where('d.item_type', '=', f.itemType);
  return q;
};

/** `d.area_id = ? AND …` for the search_docs alias `d`, as raw SQL beside the FTS match. */
export function filterSql(q: FtsQuery): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`d.area_id = ${q.areaId}`];
  const f = q.filters;
  if (f.categoryCodes?.length) parts.push(sql`d.category_code IN (${sql.join(f.categoryCodes)})`);
  if (f.unitId !== undefined) parts.push(sql`d.unit_id = ${f.unitId}`);
  if (f.year !== undefined) parts.push(sql`d.year = ${f.year}`);
  if (f.validity !== undefined) parts.push(sql`d.validity = ${f.validity}`);
  if (f.itemType !== undefined) parts.push(sql`d.item_type = ${f.itemType}`);
  return sql.join(parts, sql` AND `);
}

/** ORDER BY for a score where smaller is better (ascending) or larger is better (descending). */
export const orderSql = (q: FtsQuery, score: RawBuilder<unknown>) =>
  q.sort === 'date'
    ? sql`ORDER BY d.published_on DESC, d.item_id DESC`
    : sql`ORDER BY ${score}, d.published_on DESC, d.item_id DESC`;

export const removeDocRow = (tx: Db, itemId: number) => tx.deleteFrom('search_docs').where('item_id', '=', itemId).execute();

/** Bumps the public-content generation; run in the transaction that changed what is public. */
export const bumpGeneration = (tx: Db) =>
  tx.updateTable('search_state')
    .set((eb) => ({ generation: eb('generation', '+', 1), removal_generation: eb('removal_generation', '+', 1) }))
    .where('id', '=', 1).execute();

/**
 * Bumps the generation for a pure addition (an item became public; nothing was withdrawn or
 * changed): exact caches (search answers, lists) see it at once, cached pages within ADDITION_LAG_MS.
 */
export const bumpGenerationForAddition = (tx: Db) =>
  tx.updateTable('search_state').set((eb) => ({ generation: eb('generation', '+', 1) })).where('id', '=', 1).execute();

export const readGeneration = async (db: Db): Promise<number> =>
  (await db.selectFrom('search_state').select('generation').where('id', '=', 1).executeTakeFirst())?.generation ?? 0;

/**
 * Version of everything public: the generation (items, collections) plus the set of published
 * gazette issues (published and withdrawn by the disclosure module without touching the index).
 * Page caches key on this, so neither an unpublished item nor an unpublished issue is served from them.
 */
export async function publicVersion(db: Db): Promise<string> {
  return (await publicVersions(db)).full;
}

/**
 * Both versions in one query: `full` changes with everything public; `removals` with everything
 * except pure additions (a withdrawal, an edit, a masked name, a renamed unit, a gazette issue).
 */
export async function publicVersions(db: Db): Promise<{ full: string; removals: string }> {
  const r = await sql<{ g: number | null; rg: number | null; n: number; s: number | null }>`
    SELECT (SELECT generation FROM search_state WHERE id = 1) AS g, (SELECT removal_generation FROM search_state WHERE id = 1) AS rg,
      count(*) AS n, sum(id) AS s
    FROM gazette_issues WHERE status = 'published'`.execute(db);
  const row = r.rows[0];
  const issues = `${Number(row?.n ?? 0)}.${Number(row?.s ?? 0)}`;
  return { full: `${Number(row?.g ?? 0)}.${issues}`, removals: `${Number(row?.rg ?? 0)}.${issues}` };
}
