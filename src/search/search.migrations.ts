// Search migrations, names 20261128_03xx_*. The FTS structures are engine-specific by nature:
// an FTS5 virtual table on SQLite, a tsvector column with a GIN index on PostgreSQL.
import { sql } from 'kysely';
import type { MigrationDef } from '../db/migrations/helpers.js';

export const searchIndex: MigrationDef = {
  name: '20261128_0300_search_index',
  reason: 'full-text index of published proactive items: metadata for filters and sorting, segmented text in FTS5 (SQLite) or tsvector + GIN (PostgreSQL)',
  async up(db, dialect) {
    await db.schema.createTable('search_docs')
      .addColumn('item_id', 'integer', (c) => c.primaryKey().references('info_items.id'))
      .addColumn('area_id', 'integer', (c) => c.notNull())
      .addColumn('unit_id', 'integer', (c) => c.notNull())
      .addColumn('category_code', 'text', (c) => c.notNull())
      .addColumn('topic_code', 'text')
      .addColumn('item_type', 'text', (c) => c.notNull())
      .addColumn('validity', 'text')
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('published_on', 'text', (c) => c.notNull())
      .addColumn('doc_number', 'text', (c) => c.notNull())
      .addColumn('index_no', 'text', (c) => c.notNull())
      .addColumn('indexed_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('search_docs_recent').on('search_docs').columns(['area_id', 'published_on']).execute();
    // The portal's lists (catalog, normative library, unit pages…) page through search_docs by these.
    for (const col of ['item_type', 'unit_id', 'category_code', 'topic_code', 'year'] as const) {
      await db.schema.createIndex(`search_docs_${col}`).on('search_docs').columns(['area_id', col, 'published_on']).execute();
    }
    // Exact 文号 / 索引号 lookups: equality on (area, number) and already in date order, so the planner
    // never prefers walking search_docs_recent for the ORDER BY.
    await db.schema.createIndex('search_docs_doc_number').on('search_docs').columns(['area_id', 'doc_number', 'published_on']).execute();
    await db.schema.createIndex('search_docs_index_no').on('search_docs').columns(['area_id', 'index_no']).execute();

    await db.schema.createTable('search_state')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('generation', 'integer', (c) => c.notNull())
      .execute();
    await sql`INSERT INTO search_state (id, generation) VALUES (1, 1)`.execute(db);

    if (dialect === 'postgres') {
      // setweight(title, 'A') || setweight(body, 'B'), built from jieba-segmented, space-separated text.
      await sql`ALTER TABLE search_docs ADD COLUMN tsv tsvector NOT NULL`.execute(db);
      await sql`CREATE INDEX search_docs_tsv ON search_docs USING GIN (tsv)`.execute(db);
    }
    if (dialect === 'sqlite') {
      // Contentless: the index keeps only tokens (the text is in info_items); rowid = item_id.
      // Tokens are already segmented, folded and space-separated, so unicode61 only splits on spaces.
      await sql`CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(db);
    }
  },
};

export const portalIndexes: MigrationDef = {
  name: '20261128_0301_portal_indexes',
  reason: 'the portal item page lists the documents an item amended or repealed (replaced_by_id): index it so the page does not scan info_items',
  async up(db) {
    await db.schema.createIndex('info_items_replaced_by').on('info_items').column('replaced_by_id').execute();
  },
};

export const searchTitleTiers: MigrationDef = {
  name: '20261128_0302_search_title_tiers',
  reason: 'relevance tiers: FTS5 gains a title_terms column of marked title words so "every term in the title" is a cheap match; '
    + 'the ascii tokenizer (input is already segmented and folded) indexes faster. The index is emptied; startup and `gongkai search reindex` rebuild it',
  async up(db, dialect) {
    if (dialect !== 'sqlite') return; // PostgreSQL selects the title tier by tsvector weight A: nothing to change.
    await sql`DROP TABLE search_fts`.execute(db);
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(title, body, title_terms, content='', contentless_delete=1, tokenize='ascii')`.execute(db);
    await sql`DELETE FROM search_docs`.execute(db);
    await sql`UPDATE search_state SET generation = generation + 1 WHERE id = 1`.execute(db);
  },
};

export const searchTitleVector: MigrationDef = {
  name: '20261128_0303_search_title_vector',
  reason: 'PostgreSQL: the title tier is selected by a GIN index over the title words alone, instead of re-checking weight A '
    + 'in every matching (TOASTed) body vector; filled from the existing vectors, no re-segmentation',
  async up(db, dialect) {
    if (dialect !== 'postgres') return; // SQLite marks title words in its FTS5 table (0302).
    await sql`ALTER TABLE search_docs ADD COLUMN tsv_title tsvector`.execute(db);
    await sql`UPDATE search_docs SET tsv_title = ts_filter(tsv, '{a}')`.execute(db);
    await sql`ALTER TABLE search_docs ALTER COLUMN tsv_title SET NOT NULL`.execute(db);
    await sql`CREATE INDEX search_docs_tsv_title ON search_docs USING GIN (tsv_title)`.execute(db);
  },
};

export const searchRemovalGeneration: MigrationDef = {
  name: '20261201_1939_search_removal_generation',
  reason: 'page caches may keep serving a page for a moment after a mere addition (a new publication) but never after a '
    + 'withdrawal or edit: search_state gains a second counter bumped by every change except pure additions',
  async up(db) {
    await db.schema.alterTable('search_state').addColumn('removal_generation', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  },
};

export const SEARCH_MIGRATIONS: MigrationDef[] = [searchIndex, portalIndexes, searchTitleTiers, searchTitleVector, searchRemovalGeneration];
