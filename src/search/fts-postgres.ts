// PostgreSQL: a tsvector column (title weight A, body weight B) over jieba-segmented text, GIN index, ts_rank_cd;
// a second, title-only tsvector with its own GIN index selects the title tier.
import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { nowIso } from '../lib/time.js';
import { currentRanking, LIVE, type FtsHit, type FtsIndex, type FtsQuery, type IndexDoc } from './fts.js';
import { docRow, filterSql, orderSql } from './search.repo.js';

/**
 * ts_rank_cd weights {D, C, B, A}: title (A) 1.0, body (B) 0.1 — the same 10:1 title boost as
 * bm25 on SQLite. Normalisation 1 divides by 1 + log(length), so long documents do not win by bulk.
 */
const WEIGHTS = '{0.0, 0.0, 0.1, 1.0}';
const NORMALIZATION = 1;
const BATCH = 200;

const tsvector = (d: IndexDoc) =>
  sql`setweight(to_tsvector('simple', ${d.titleSeg}), 'A') || setweight(to_tsvector('simple', ${d.bodySeg}), 'B')`;

/** Terms are single tokens already; plainto_tsquery ANDs them without reading any operator syntax. */
const tsquery = (terms: readonly string[]) => sql`plainto_tsquery('simple', ${terms.join(' ')})`;

export const ftsPostgres: FtsIndex = {
  async insert(tx, docs, target = LIVE) {
    const at = nowIso();
    for (let i = 0; i < docs.length; i += BATCH) {
      const batch = docs.slice(i, i + BATCH);
      const values = batch.map((d) => {
        const r = docRow(d, at);
        return sql`(${r.item_id}, ${r.area_id}, ${r.unit_id}, ${r.category_code}, ${r.topic_code}, ${r.item_type}, ${r.validity}, ${r.year}, ${r.published_on}, ${r.doc_number}, ${r.index_no}, ${r.indexed_at}, ${tsvector(d)}, to_tsvector('simple', ${d.titleSeg}))`;
      });
      await sql`INSERT INTO ${sql.table(target.docs)} (item_id, area_id, unit_id, category_code, topic_code, item_type, validity, year, published_on, doc_number, index_no, indexed_at, tsv, tsv_title)
        VALUES ${sql.join(values)}`.execute(tx);
    }
  },

  async remove(tx, itemId, target = LIVE) {
    const r = await tx.deleteFrom(target.docs as 'search_docs').where('item_id', '=', itemId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  },

  async search(db: Db, q: FtsQuery) {
    const where = filterSql(q);
    const query = tsquery(q.terms);
    const total = await sql<{ n: number }>`
      SELECT count(*) AS n FROM search_docs d WHERE d.tsv @@ ${query} AND ${where}`.execute(db);
    const count = Number(total.rows[0]?.n ?? 0);
    if (count === 0) return { total: 0, hits: [] };
    if (q.sort === 'date') {
      const rows = await sql<{ itemId: number }>`
        SELECT d.item_id AS "itemId" FROM search_docs d WHERE d.tsv @@ ${query} AND ${where}
        ${orderSql(q, sql``)} LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
      return { total: count, hits: rows.rows.map((r) => ({ itemId: Number(r.itemId), score: 0 })) };
    }
    // The same tiers as on SQLite (see Ranking in fts.ts): every term in the title first, found by
    // the GIN index over title words (tsv_title, migration 0303).
    const inTitle = sql`d.tsv_title @@ ${query}`;
    const tiers = currentRanking() === 'tiered' ? [inTitle, sql`NOT (${inTitle})`] : [sql`TRUE`];
    const want = q.offset + q.limit;
    const ranked: FtsHit[] = [];
    for (const tier of tiers) {
      const rows = await sql<FtsHit>`
        SELECT d.item_id AS "itemId", ts_rank_cd(${WEIGHTS}::float4[], d.tsv, query, ${sql.lit(NORMALIZATION)}) AS score
        FROM search_docs d, ${query} AS query
        WHERE d.tsv @@ query AND ${tier} AND ${where}
        ORDER BY score DESC, d.published_on DESC, d.item_id DESC
        LIMIT ${want - ranked.length}`.execute(db);
      ranked.push(...rows.rows.map((r) => ({ itemId: Number(r.itemId), score: Number(r.score) })));
      if (ranked.length >= want) break;
    }
    return { total: count, hits: ranked.slice(q.offset, want) };
  },

  async sizeBytes(db) {
    const r = await sql<{ n: string }>`SELECT pg_total_relation_size('search_docs') AS n`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  },
};
