// Migrations of the qa module.
import type { MigrationDef } from '../db/migrations/helpers.js';
import { withId } from '../db/migrations/helpers.js';

const tables: MigrationDef = {
  name: '20261201_1644_qa_tables',
  reason: '政策问答: clause index, curated entries and their sources, feedback, asked questions, lexicon extensions, consultation messages',
  async up(db, dialect) {
    await withId(db.schema.createTable('qa_clauses'), dialect)
      .addColumn('area_id', 'integer', (c) => c.notNull())
      .addColumn('item_id', 'integer', (c) => c.notNull().references('info_items.id'))
      .addColumn('article', 'integer', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('item_version', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('qa_clauses_item').on('qa_clauses').columns(['item_id', 'article']).execute();
    await db.schema.createIndex('qa_clauses_area').on('qa_clauses').columns(['area_id']).execute();

    await withId(db.schema.createTable('qa_entries'), dialect)
      .addColumn('area_id', 'integer', (c) => c.notNull())
      .addColumn('question', 'text', (c) => c.notNull())
      .addColumn('answer', 'text', (c) => c.notNull())
      .addColumn('alt_questions', 'text', (c) => c.notNull())
      .addColumn('topics', 'text', (c) => c.notNull())
      .addColumn('audience', 'text', (c) => c.notNull())
      .addColumn('form', 'text', (c) => c.notNull())
      .addColumn('owner_unit_id', 'integer')
      .addColumn('reviewer_id', 'integer')
      .addColumn('reviewed_on', 'text')
      .addColumn('next_review_on', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('suspended_reason', 'text')
      .addColumn('from_item_id', 'integer')
      .addColumn('from_message_id', 'integer')
      .addColumn('created_by', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('qa_entries_area_status').on('qa_entries').columns(['area_id', 'status']).execute();
    await db.schema.createTable('qa_entry_sources')
      .addColumn('entry_id', 'integer', (c) => c.notNull().references('qa_entries.id'))
      .addColumn('item_id', 'integer', (c) => c.notNull())
      .addColumn('article', 'integer', (c) => c.notNull())
      .addColumn('sort', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('qa_entry_sources_pk', ['entry_id', 'sort'])
      .execute();
    await db.schema.createIndex('qa_entry_sources_item').on('qa_entry_sources').columns(['item_id']).execute();

    await withId(db.schema.createTable('qa_feedback'), dialect)
      .addColumn('area_id', 'integer', (c) => c.notNull())
      .addColumn('question', 'text', (c) => c.notNull())
      .addColumn('entry_id', 'integer')
      .addColumn('item_id', 'integer')
      .addColumn('article', 'integer')
      .addColumn('verdict', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await withId(db.schema.createTable('qa_queries'), dialect)
      .addColumn('area_id', 'integer', (c) => c.notNull())
      .addColumn('question', 'text', (c) => c.notNull())
      .addColumn('abstained', 'integer', (c) => c.notNull())
      .addColumn('top_entry_id', 'integer')
      .addColumn('asked_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('qa_queries_area').on('qa_queries').columns(['area_id', 'asked_at']).execute();
    await withId(db.schema.createTable('qa_lexicon'), dialect)
      .addColumn('area_id', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('term', 'text', (c) => c.notNull())
      .addColumn('expansions', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('qa_messages'), dialect)
      .addColumn('area_id', 'integer', (c) => c.notNull())
      .addColumn('question', 'text', (c) => c.notNull())
      .addColumn('contact_name', 'text', (c) => c.notNull())
      .addColumn('contact', 'text', (c) => c.notNull())
      .addColumn('unit_id', 'integer')
      .addColumn('assigned_unit_id', 'integer')
      .addColumn('assignee_id', 'integer')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('received_on', 'text', (c) => c.notNull())
      .addColumn('due_on', 'text', (c) => c.notNull())
      .addColumn('consent', 'integer', (c) => c.notNull())
      .addColumn('reply', 'text')
      .addColumn('replied_at', 'text')
      .addColumn('replied_by', 'integer')
      .addColumn('public_question', 'text')
      .addColumn('public_reply', 'text')
      .addColumn('published', 'integer', (c) => c.notNull())
      .addColumn('escalated_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('qa_messages_area_status').on('qa_messages').columns(['area_id', 'status', 'received_on']).execute();
  },
};

export const QA_MIGRATIONS: MigrationDef[] = [tables];

const clauseUnique: MigrationDef = {
  name: '20261201_1702_qa_clause_unique',
  reason: 'one clause row per (item, position): two nodes re-splitting the same document cannot both insert',
  async up(db) {
    await db.schema.createIndex('qa_clauses_item_seq').on('qa_clauses').columns(['item_id', 'seq']).unique().execute();
  },
};
QA_MIGRATIONS.push(clauseUnique);

const media: MigrationDef = {
  name: '20261201_1944_qa_entry_media',
  reason: '政策问答: images (图解) and videos of curated entries, each with its required text alternative (文字说明 / 文字稿)',
  async up(db, dialect) {
    await withId(db.schema.createTable('qa_entry_media'), dialect)
      .addColumn('entry_id', 'integer', (c) => c.notNull().references('qa_entries.id'))
      .addColumn('area_id', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('storage_key', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('sort', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('qa_entry_media_entry').on('qa_entry_media').columns(['entry_id', 'sort']).execute();
  },
};
QA_MIGRATIONS.push(media);
