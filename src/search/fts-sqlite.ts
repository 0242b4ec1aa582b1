// SQLite: FTS5 (contentless, rowid = item_id) over jieba-segmented title and body; bm25 with a title weight.
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { nowIso } from '../lib/time.js';
import { currentRanking, LIVE, type FtsHit, type FtsIndex, type FtsQuery, type IndexDoc } from './fts.js';
import { docRow, filterSql, orderSql, readGeneration } from './search.repo.js';

/** bm25 column weights (title, body): a term in the title counts as much as ten in the body. */
export const SQLITE_TITLE_WEIGHT = 10;

/**
 * Marks the title's words in the title_terms column: U+E000 (private use) + word. Segmented text
 * never holds a private-use character (joinWordParts keeps letters, digits and marks only), so a
 * marked word cannot collide with a real one, and the ascii tokenizer keeps it one token.
 */
export const TITLE_MARK = '\uE000';
export const titleTerms = (titleSeg: string) => [...new Set(titleSeg.split(' ').filter((t) => t !== ''))].map((t) => TITLE_MARK + t).join(' ');
const BATCH = 200;

/** Every term must occur: FTS5 strings are quoted, so no term is read as an operator (AND, NOT, NEAR, *). */
export const matchExpression = (terms: readonly string[], prefix = '') => terms.map((t) => `"${prefix}${t.replace(/"/g, '""')}"`).join(' AND ');

export const ftsSqlite: FtsIndex = {
  async insert(tx, docs, target = LIVE) {
    const at = nowIso();
    for (let i = 0; i < docs.length; i += BATCH) {
      const batch = docs.slice(i, i + BATCH);
      await tx.insertInto(target.docs as 'search_docs').values(batch.map((d) => docRow(d, at))).execute();
      await sql`INSERT INTO ${sql.table(target.fts)} (rowid, title, body, title_terms) VALUES ${sql.join(batch.map((d: IndexDoc) => sql`(${d.itemId}, ${d.titleSeg}, ${d.bodySeg}, ${titleTerms(d.titleSeg)})`))}`.execute(tx);
    }
  },

  async remove(tx, itemId, target = LIVE) {
    const r = await tx.deleteFrom(target.docs as 'search_docs').where('item_id', '=', itemId).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) return false;
    await sql`DELETE FROM ${sql.table(target.fts)} WHERE rowid = ${itemId}`.execute(tx);
    return true;
  },

  async search(db: Db, q: FtsQuery) {
    const match = matchExpression(q.terms);
    const inTitle = matchExpression(q.terms, TITLE_MARK);
    // Every indexed document is in this area and nothing is filtered: FTS5 alone can count and rank.
    const fast = noFilters(q) && (await singleArea(db, q.areaId));
    const where = filterSql(q);
    const total = fast
      ? await sql<{ n: number }>`SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH ${match}`.execute(db)
      : await sql<{ n: number }>`SELECT count(*) AS n FROM search_fts JOIN search_docs d ON d.item_id = search_fts.rowid WHERE search_fts MATCH ${match} AND ${where}`.execute(db);
    const count = Number(total.rows[0]?.n ?? 0);
    if (count === 0) return { total: 0, hits: [] };
    if (q.sort === 'date') {
      const rows = await sql<{ itemId: number }>`
        SELECT d.item_id AS "itemId" FROM search_fts JOIN search_docs d ON d.item_id = search_fts.rowid
        WHERE search_fts MATCH ${match} AND ${where} ${orderSql(q, sql``)} LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
      return { total: count, hits: rows.rows.map((r) => ({ itemId: Number(r.itemId), score: 0 })) };
    }
    // Tier by tier (see rankingTiers), each ranked by bm25 with the recency tie-break, until the page is full.
    const want = q.offset + q.limit;
    const ranked: FtsHit[] = [];
    for (const tier of rankingTiers(match, inTitle)) {
      const need = want - ranked.length;
      const top = (fast && (await rankedFromFts(db, tier, need))) || (await rankedJoined(db, tier, where, need));
      ranked.push(...top);
      if (ranked.length >= want) break;
    }
    return { total: count, hits: ranked.slice(q.offset, want) };
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
/** title_terms weighs 0: the marks select the tier and never change a score. */
const BM25 = sql`bm25(search_fts, ${sql.lit(SQLITE_TITLE_WEIGHT)}, 1.0, 0.0)`;

/**
 * FTS5 match expressions of the relevance tiers, best first. With 'tiered' ranking: documents whose
 * title holds every term (all marked words present), then the others; bm25 is the same in both,
 * since the marks weigh nothing. With 'bm25': one ranking over all matches.
 */
export const rankingTiers = (match: string, inTitle: string) =>
  currentRanking() === 'tiered' ? [`(${match}) AND (${inTitle})`, `(${match}) NOT (${inTitle})`] : [match];

/**
 * The best `n` of one tier from FTS5's own ranking plus a margin, then the recency tie-break on those
 * rows only. Null when equal scores straddle the margin (identical documents): the caller then sorts them all.
 */
async function rankedFromFts(db: Db, match: string, n: number): Promise<FtsHit[] | null> {
  const top = await sql<{ id: number; score: number }>`
    SELECT rowid AS id, ${BM25} AS score FROM search_fts WHERE search_fts MATCH ${match} ORDER BY score LIMIT ${n + TIE_MARGIN}`.execute(db);
  const rows = top.rows;
  if (rows.length === n + TIE_MARGIN && rows[rows.length - 1]!.score === rows[Math.max(0, n - 1)]!.score) return null;
  if (rows.length === 0) return [];
  const dates = new Map((await db.selectFrom('search_docs').select(['item_id', 'published_on']).where('item_id', 'in', rows.map((r) => r.id)).execute())
    .map((r) => [r.item_id, r.published_on]));
  return rows
    .map((r) => ({ itemId: Number(r.id), score: Number(r.score), date: dates.get(Number(r.id)) ?? '' }))
    .sort((a, b) => a.score - b.score || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || b.itemId - a.itemId)
    .slice(0, n)
    .map((r) => ({ itemId: r.itemId, score: -r.score }));
}

/** The best `n` of one tier among the documents passing the filters, recency breaking ties, all in SQL. */
async function rankedJoined(db: Db, match: string, where: ReturnType<typeof filterSql>, n: number): Promise<FtsHit[]> {
  const rows = await sql<{ itemId: number; score: number }>`
    SELECT d.item_id AS "itemId", ${BM25} AS score
    FROM search_fts JOIN search_docs d ON d.item_id = search_fts.rowid
    WHERE search_fts MATCH ${match} AND ${where}
    ORDER BY score, d.published_on DESC, d.item_id DESC LIMIT ${n}`.execute(db);
  return rows.rows.map((r) => ({ itemId: Number(r.itemId), score: -Number(r.score) }));
}
