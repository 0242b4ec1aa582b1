// The one interface in front of the engine-specific full-text index (fts-sqlite.ts, fts-postgres.ts).
import type { Db, Dialect } from '../db/schema.js';
import { ftsPostgres } from './fts-postgres.js';
import { ftsSqlite } from './fts-sqlite.js';

/** What the index stores for one item: filterable metadata plus segmented (space-separated) text. */
export type IndexDoc = {
  itemId: number;
  areaId: number;
  unitId: number;
  categoryCode: string;
  topicCode: string | null;
  itemType: string;
  validity: string | null;
  year: number;
  publishedOn: string;
  /** Normalised 文号 ('' when none). */
  docNumber: string;
  indexNo: string;
  titleSeg: string;
  bodySeg: string;
};

export type SearchFilters = {
  categoryCodes?: string[];
  unitId?: number;
  year?: number;
  validity?: string;
  itemType?: string;
};

export type FtsQuery = {
  areaId: number;
  /** segmentQuery output: every term must occur (AND). */
  terms: string[];
  filters: SearchFilters;
  sort: 'relevance' | 'date';
  limit: number;
  offset: number;
};

export type FtsHit = { itemId: number; score: number };

/**
 * The tables an index write goes to: the live index, or the shadow a rebuild fills before it is
 * swapped in (search.indexer.ts). Queries always read the live one.
 */
export type IndexTarget = { docs: string; fts: string };
export const LIVE: IndexTarget = { docs: 'search_docs', fts: 'search_fts' };
export const SHADOW: IndexTarget = { docs: 'search_docs_shadow', fts: 'search_fts_shadow' };

export interface FtsIndex {
  /** Adds documents whose item ids are not in the index (remove them first). */
  insert(tx: Db, docs: readonly IndexDoc[], target?: IndexTarget): Promise<void>;
  /** Removes an item from the index; false when it was not there. */
  remove(tx: Db, itemId: number, target?: IndexTarget): Promise<boolean>;
  /** Matching items, best first (relevance with a title boost, newest first on ties), and their total. */
  search(db: Db, q: FtsQuery): Promise<{ total: number; hits: FtsHit[] }>;
  /** Bytes used by the full-text structures (for the benchmark), when the engine can tell. */
  sizeBytes(db: Db): Promise<number | null>;
}

/**
 * How relevance is ranked on both engines. 'tiered' (the default): documents whose title contains
 * every query term come first (标题命中优先), then the rest; each tier is ordered by the engine's
 * score (bm25 with a 10× title weight / ts_rank_cd with the same boost) and then by recency. Ranking
 * a tier costs in proportion to its size, and the first tier is a small share of the matches.
 * 'bm25': one ranking over all matches (the previous design, kept as the benchmark's baseline).
 */
export type Ranking = 'tiered' | 'bm25';
let ranking: Ranking = 'tiered';
export const currentRanking = (): Ranking => ranking;
export const setRanking = (r: Ranking) => {
  ranking = r;
};

export const ftsFor = (dialect: Dialect): FtsIndex => (dialect === 'postgres' ? ftsPostgres : ftsSqlite);

/** The same cap on both engines, so a huge attachment cannot overflow a tsvector (1 MB) or bloat FTS5. */
export const MAX_BODY_SEG_CHARS = 200_000;
