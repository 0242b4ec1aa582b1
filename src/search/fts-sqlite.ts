// SQLite: FTS5 (contentless, rowid = item_id) over jieba-segmented title and body; bm25 with a title weight.
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { nowIso } from '../lib/time.js';
import type { FtsHit, FtsIndex, FtsQuery, IndexDoc } from './fts.js';
import { docRow, filterSql, orderSql, readGeneration } from './search.repo.js';

/** bm25 column weights (title, body): a term in the title counts as much as ten in the body. */
export const SQLITE_TITLE_WEIGHT = 10;
const BATCH = 200;

/** Every term must occur: FTS5 strings are quoted, so no term is read as an operator (AND, NOT, NEAR, *). */
export const matchExpression = (terms: readonly string[]) => terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ');

export const ftsSqlite: FtsIndex = {
  async insert(tx, docs) {
    const at = nowIso();
    for (let i = 0; i < docs.length; i += BATCH) {
      const batch = docs.slice(i, i + BATCH);
      await tx.insertInto('search_docs').values(batch.map((d) => docRow(d, at))).execute();
      await sql`INSERT INTO search_fts (rowid, title, body) VALUES ${sql.join(batch.map((d: IndexDoc) => sql`(${d.itemId}, ${d.titleSeg}, ${d.bodySeg})`))}`.execute(tx);
    }
  },

  async remove(tx, itemId) {
    const r = await tx.deleteFrom('search_docs').where('item_id', '=', itemId).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) return false;
    await sql`DELETE FROM search_fts WHERE rowid = ${itemId}`.execute(tx);
    return true;
  },

  async search(db: Db, q: FtsQuery) {
    const match = matchExpression(q.terms);
    const fast = noFilters(q) && (await singleArea(db, q.areaId));
    if (fast) {
      // Every indexed document is in this area and nothing is filtered: FTS5 alone can count and rank.
      const total = await sql<{ n: number }>`SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH ${match}`.execute(db);
      const hits = q.sort === 'relevance' ? await rankedFromFts(db, match, q) : null;
      if (hits) return { total: Number(total.rows[0]?.n ?? 0), hits };
    }
    const where = filterSql(q);
    const score = sql`bm25(search_fts, ${sql.lit(SQLITE_TITLE_WEIGHT)}, 1.0)`;
    const rows = await sql<FtsHit>`
      SELECT d.item_id AS "itemId", ${score} AS score
      FROM search_fts JOIN search_docs d ON d.item_id = search_fts.rowid
      WHERE search_fts MATCH ${match} AND ${where}
      ${orderSql(q, sql`score`)}
      LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
    const total = await sql<{ n: number }>`
      SELECT count(*) AS n FROM search_fts JOIN search_docs d ON d.item_id = search_fts.rowid
      WHERE search_fts MATCH ${match} AND ${where}`.execute(db);
    return { total: Number(total.rows[0]?.n ?? 0), hits: rows.rows.map((r) => ({ itemId: Number(r.itemId), score: -Number(r.score) })) };
  },

  async sizeBytes(db) {
    const r = await sql<{ n: number | null }>`SELECT sum(pgsize) AS n FROM dbstat WHERE name LIKE 'search_fts%' OR name = 'search_docs' OR name LIKE 'search_docs_%'`.execute(db);
    return r.rows[0]?.n ?? null;
  },
};

const noFilters = (q: FtsQuery) =>
  !q.filters.categoryCodes?.length && q.filters.unitId === undefined && q.filters.year === undefined && q.filters.validity === undefined && q.filters.itemType === undefined;

/** Whether every indexed document belongs to this area (the usual single-district install); cached per generation. */
const areaChecks = new WeakMap<Db, { key: string; single: boolean }>();
async function singleArea(db: Db, areaId: number): Promise<boolean> {
  const generation = await readGeneration(db);
  const key = `${generation}:${areaId}`;
  const hit = areaChecks.get(db);
  if (hit?.key === key) return hit.single;
  const other = await db.selectFrom('search_docs').select('item_id').where('area_id', '!=', areaId).limit(1).executeTakeFirst();
  areaChecks.set(db, { key, single: !other });
  return !other;
}

const TIE_MARGIN = 20;
/**
 * The page from FTS5's own ranking plus a margin, then the recency tie-break on those rows only.
 * Null when equal scores straddle the margin (identical documents): the caller then sorts them all.
 */
async function rankedFromFts(db: Db, match: string, q: FtsQuery): Promise<FtsHit[] | null> {
  const want = q.offset + q.limit;
  const top = await sql<{ id: number; score: number }>`
    SELECT rowid AS id, bm25(search_fts, ${sql.lit(SQLITE_TITLE_WEIGHT)}, 1.0) AS score FROM search_fts
    WHERE search_fts MATCH ${match} ORDER BY score LIMIT ${want + TIE_MARGIN}`.execute(db);
  const rows = top.rows;
  if (rows.length === want + TIE_MARGIN && rows[rows.length - 1]!.score === rows[Math.max(0, want - 1)]!.score) return null;
  if (rows.length === 0) return [];
  const dates = new Map((await db.selectFrom('search_docs').select(['item_id', 'published_on']).where('item_id', 'in', rows.map((r) => r.id)).execute())
    .map((r) => [r.item_id, r.published_on]));
  return rows
    .map((r) => ({ itemId: Number(r.id), score: Number(r.score), date: dates.get(Number(r.id)) ?? '' }))
    .sort((a, b) => a.score - b.score || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || b.itemId - a.itemId)
    .slice(q.offset, want)
    .map((r) => ({ itemId: r.itemId, score: -r.score }));
}
