// Tables of the search module. Owned by src/search; created by its migration 20261128_0300.
// search_docs holds one row per published, proactive item (kept so by syncItemIndex, in the
// item's own transaction). The segmented text lives in an engine-specific index that is not
// part of this type: the FTS5 table `search_fts` on SQLite (rowid = item_id), the `tsv`
// and `tsv_title` tsvector columns of search_docs on PostgreSQL.

import type { Generated } from 'kysely';

export interface SearchDocsTable {
  item_id: number;
  area_id: number;
  unit_id: number;
  category_code: string;
  topic_code: string | null;
  item_type: string;
  validity: string | null;
  /** Year of published_on, for the year filter. */
  year: number;
  published_on: string;
  /** normalizeDocNumber(doc_number), for the exact 文号 lookup; '' when the item has none. */
  doc_number: string;
  index_no: string;
  indexed_at: string;
}

/** One row (id = 1): bumped in every transaction that changes what is public, so caches keyed by it never serve withdrawn items. */
export interface SearchStateTable {
  id: number;
  generation: number;
  /**
   * Bumped with `generation` by every change except a pure addition (a newly public item): a page
   * cached before a withdrawal or edit is never served after it; after an addition, for a moment.
   */
  removal_generation: Generated<number>;
}

export interface SearchTables {
  search_docs: SearchDocsTable;
  search_state: SearchStateTable;
}
