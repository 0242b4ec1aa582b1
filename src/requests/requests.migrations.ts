// Migrations of the requests module (依申请公开).
import { sql } from 'kysely';
import { withId, type MigrationDef } from '../db/migrations/helpers.js';

const tables: MigrationDef = {
  name: '20261201_1643_requests_tables',
  reason: 'information requests (依申请公开): requests with applicant data, the clock event list, 申请编号 series, 信息处理费 notices, 行政复议/诉讼 register',
  async up(db, dialect) {
    await withId(db.schema.createTable('info_requests'), dialect)
      .addColumn('area_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('handling_unit_id', 'integer', (c) => c.references('units.id'))
      .addColumn('number', 'varchar(80)')
      .addColumn('channel', 'varchar(20)', (c) => c.notNull())
      .addColumn('state', 'varchar(30)', (c) => c.notNull())
      .addColumn('applicant_type', 'varchar(20)', (c) => c.notNull())
      .addColumn('applicant_name', 'text', (c) => c.notNull())
      .addColumn('applicant_id_type', 'text')
      .addColumn('applicant_id_number', 'text')
      .addColumn('applicant_contact', 'text')
      .addColumn('applicant_phone', 'text')
      .addColumn('applicant_email', 'text')
      .addColumn('applicant_address', 'text')
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text')
      .addColumn('format', 'varchar(20)')
      .addColumn('delivery', 'varchar(20)')
      .addColumn('submitted_on', 'varchar(10)', (c) => c.notNull())
      .addColumn('received_on', 'varchar(10)')
      .addColumn('due_on', 'varchar(10)')
      .addColumn('consultation_until', 'varchar(10)')
      .addColumn('decision', 'varchar(60)')
      .addColumn('decided_on', 'varchar(10)')
      .addColumn('on_time', 'integer')
      .addColumn('working_days', 'integer')
      .addColumn('query_code_hash', 'varchar(64)')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('info_requests_number').on('info_requests').column('number').unique().execute();
    await db.schema.createIndex('info_requests_query_code').on('info_requests').column('query_code_hash').unique().execute();
    await db.schema.createIndex('info_requests_area_state_due').on('info_requests').columns(['area_id', 'state', 'due_on']).execute();
    await db.schema.createIndex('info_requests_unit_received').on('info_requests').columns(['unit_id', 'received_on']).execute();
    await db.schema.createIndex('info_requests_unit_decided').on('info_requests').columns(['unit_id', 'decided_on']).execute();
    await db.schema.createIndex('info_requests_handling_state_due').on('info_requests').columns(['handling_unit_id', 'state', 'due_on']).execute();

    await withId(db.schema.createTable('info_request_events'), dialect)
      .addColumn('request_id', 'integer', (c) => c.notNull().references('info_requests.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('type', 'varchar(40)', (c) => c.notNull())
      .addColumn('on_date', 'varchar(10)', (c) => c.notNull())
      .addColumn('days', 'integer')
      .addColumn('outcome', 'varchar(60)')
      .addColumn('note', 'text')
      .addColumn('data_json', 'text')
      .addColumn('actor_label', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('info_request_events_seq').on('info_request_events').columns(['request_id', 'seq']).unique().execute();

    await db.schema.createTable('info_request_series')
      .addColumn('area_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('template', 'text', (c) => c.notNull())
      .addColumn('last_seq', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('info_request_series_pk', ['area_id', 'year'])
      .execute();

    await withId(db.schema.createTable('info_request_fees'), dialect)
      .addColumn('request_id', 'integer', (c) => c.notNull().references('info_requests.id'))
      .addColumn('method', 'varchar(20)', (c) => c.notNull())
      .addColumn('quantity', 'integer', (c) => c.notNull())
      .addColumn('amount_yuan', 'integer', (c) => c.notNull())
      .addColumn('noticed_on', 'varchar(10)', (c) => c.notNull())
      .addColumn('pay_by', 'varchar(10)', (c) => c.notNull())
      .addColumn('paid_on', 'varchar(10)')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('info_request_fees_request').on('info_request_fees').column('request_id').execute();

    await withId(db.schema.createTable('info_request_appeals'), dialect)
      .addColumn('area_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('request_id', 'integer', (c) => c.references('info_requests.id'))
      .addColumn('kind', 'varchar(30)', (c) => c.notNull())
      .addColumn('filed_on', 'varchar(10)', (c) => c.notNull())
      .addColumn('result', 'varchar(20)', (c) => c.notNull())
      .addColumn('concluded_on', 'varchar(10)')
      .addColumn('case_number', 'text')
      .addColumn('note', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('info_request_appeals_unit_filed').on('info_request_appeals').columns(['unit_id', 'filed_on']).execute();
  },
};

const files: MigrationDef = {
  name: '20261201_1657_requests_files',
  reason: 'files of a request (applicant attachments, released files of a reply); the organisation applicant\'s 法定代表人',
  async up(db, dialect) {
    await withId(db.schema.createTable('info_request_files'), dialect)
      .addColumn('request_id', 'integer', (c) => c.notNull().references('info_requests.id'))
      .addColumn('role', 'varchar(20)', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('storage_key', 'varchar(64)', (c) => c.notNull())
      .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
      .addColumn('text', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('info_request_files_request').on('info_request_files').columns(['request_id', 'role']).execute();
    await db.schema.alterTable('info_requests').addColumn('applicant_legal_rep', 'text').execute();
  },
};

const letters: MigrationDef = {
  name: '20261201_1714_requests_letters',
  reason: 'reply letters (答复书/告知书) with their 文号 series, template version and rendered text; deliveries with the delivery date',
  async up(db, dialect) {
    await withId(db.schema.createTable('info_request_letters'), dialect)
      .addColumn('request_id', 'integer', (c) => c.notNull().references('info_requests.id'))
      .addColumn('kind', 'varchar(30)', (c) => c.notNull())
      .addColumn('template', 'varchar(60)', (c) => c.notNull())
      .addColumn('template_version', 'integer', (c) => c.notNull())
      .addColumn('doc_number', 'varchar(80)', (c) => c.notNull())
      .addColumn('decision', 'varchar(60)')
      .addColumn('issued_on', 'varchar(10)', (c) => c.notNull())
      .addColumn('input_json', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('paragraphs_json', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('info_request_letters_request').on('info_request_letters').column('request_id').execute();
    await db.schema.createIndex('info_request_letters_doc_number').on('info_request_letters').column('doc_number').unique().execute();
    await db.schema.createTable('info_request_letter_series')
      .addColumn('area_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('last_seq', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('info_request_letter_series_pk', ['area_id', 'year'])
      .execute();
    await withId(db.schema.createTable('info_request_deliveries'), dialect)
      .addColumn('request_id', 'integer', (c) => c.notNull().references('info_requests.id'))
      .addColumn('letter_id', 'integer', (c) => c.references('info_request_letters.id'))
      .addColumn('method', 'varchar(20)', (c) => c.notNull())
      .addColumn('delivered_on', 'varchar(10)', (c) => c.notNull())
      .addColumn('tracking_number', 'text')
      .addColumn('note', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('info_request_deliveries_request').on('info_request_deliveries').column('request_id').execute();
  },
};

const publicReplies: MigrationDef = {
  name: '20261201_1738_requests_public_replies',
  reason: '公开答复库: closed requests whose unit released the reply to all, with a redacted summary (never applicant data)',
  async up(db) {
    await db.schema.createTable('info_request_public_replies')
      .addColumn('request_id', 'integer', (c) => c.primaryKey().references('info_requests.id'))
      .addColumn('area_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('published_on', 'varchar(10)', (c) => c.notNull())
      .addColumn('published_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('info_request_public_replies_area').on('info_request_public_replies').columns(['area_id', 'published_on']).execute();
  },
};

const statsIndexes: MigrationDef = {
  name: '20261201_1745_requests_stats_indexes',
  reason: 'covering indexes so requestsYear (table 3) reads indexes only on SQLite too (benchmark: 100,000 requests)',
  async up(db) {
    await db.schema.createIndex('info_requests_unit_received_cover').on('info_requests').columns(['unit_id', 'received_on', 'decided_on', 'applicant_type']).execute();
    await db.schema.createIndex('info_requests_unit_decided_cover').on('info_requests').columns(['unit_id', 'decided_on', 'decision', 'applicant_type', 'on_time', 'working_days']).execute();
  },
};

const downloads: MigrationDef = {
  name: '20261201_1801_requests_downloads',
  reason: 'download links with an expiry for replies delivered by e-mail (only the token hash is stored)',
  async up(db) {
    await db.schema.createTable('info_request_downloads')
      .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
      .addColumn('request_id', 'integer', (c) => c.notNull().references('info_requests.id'))
      .addColumn('letter_id', 'integer', (c) => c.notNull().references('info_request_letters.id'))
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};

const consultationsAndProactive: MigrationDef = {
  name: '20261201_1940_requests_consultations_proactive',
  reason: 'written 征求意见函 to third parties and co-producing agencies (arts. 32, 34: sending date, answer due, answer; the party stays non-public); the art. 44 link from requests to the draft information item proposed for proactive disclosure',
  async up(db, dialect) {
    await withId(db.schema.createTable('info_request_consultations'), dialect)
      .addColumn('request_id', 'integer', (c) => c.notNull().references('info_requests.id'))
      .addColumn('area_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('event_seq', 'integer', (c) => c.notNull())
      .addColumn('party_kind', 'varchar(20)', (c) => c.notNull())
      .addColumn('party_name', 'text', (c) => c.notNull())
      .addColumn('party_address', 'text')
      .addColumn('party_contact', 'text')
      .addColumn('matter', 'text', (c) => c.notNull())
      .addColumn('doc_number', 'varchar(80)', (c) => c.notNull())
      .addColumn('sent_on', 'varchar(10)', (c) => c.notNull())
      .addColumn('answer_due', 'varchar(10)', (c) => c.notNull())
      .addColumn('answered_on', 'varchar(10)')
      .addColumn('answer', 'varchar(20)')
      .addColumn('answer_note', 'text')
      .addColumn('template', 'varchar(60)', (c) => c.notNull())
      .addColumn('template_version', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('paragraphs_json', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('info_request_consultations_request').on('info_request_consultations').column('request_id').execute();
    await db.schema.createIndex('info_request_consultations_doc_number').on('info_request_consultations').column('doc_number').unique().execute();
    await db.schema.createTable('info_request_proactive_items')
      .addColumn('request_id', 'integer', (c) => c.notNull().references('info_requests.id'))
      .addColumn('item_id', 'integer', (c) => c.notNull().references('info_items.id'))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('info_request_proactive_items_pk', ['request_id', 'item_id'])
      .execute();
  },
};

const yearIndex: MigrationDef = {
  name: '20261201_2002_requests_query_indexes',
  reason: 'register pages, dashboard and requestsYear from indexes: requestsYear in two index-only passes (decided on or after 1 January; still open): one covering index with the receipt date replaces the two of 20261201_1745 (the open-at-31-December count fetched table rows through a non-covering index)',
  async up(db) {
    await db.schema.createIndex('info_requests_unit_decided_received').on('info_requests')
      .columns(['unit_id', 'decided_on', 'received_on', 'applicant_type', 'decision', 'on_time', 'working_days']).execute();
    await db.schema.dropIndex('info_requests_unit_decided_cover').execute();
    await db.schema.dropIndex('info_requests_unit_received_cover').execute();
    // Register pages: newest first and page N of an area without reading the skipped rows; unit + year filters as
    // two short range scans; the dashboard's per-unit counts of open requests from the index alone.
    await db.schema.createIndex('info_requests_area_id').on('info_requests').columns(['area_id', 'id']).execute();
    await db.schema.createIndex('info_requests_unit_submitted').on('info_requests').columns(['unit_id', 'submitted_on']).execute();
    await db.schema.createIndex('info_requests_handling_submitted').on('info_requests').columns(['handling_unit_id', 'submitted_on']).execute();
    await db.schema.createIndex('info_requests_area_state_due_units').on('info_requests').columns(['area_id', 'state', 'due_on', 'handling_unit_id', 'unit_id']).execute();
    await db.schema.dropIndex('info_requests_area_state_due').execute();
  },
};

const publicReplyFiles: MigrationDef = {
  name: '20261201_2021_requests_public_reply_files',
  reason: '公开答复库: the released files staff choose to show with a public reply (only files without personal data)',
  async up(db) {
    await db.schema.createTable('info_request_public_reply_files')
      .addColumn('request_id', 'integer', (c) => c.notNull().references('info_requests.id'))
      .addColumn('file_id', 'integer', (c) => c.notNull().references('info_request_files.id'))
      .addPrimaryKeyConstraint('info_request_public_reply_files_pk', ['request_id', 'file_id'])
      .execute();
  },
};

const consultationSeries: MigrationDef = {
  name: '20261201_2101_requests_consultation_series',
  reason: '征求意见函 文号: a counter row per area and year, locked by the increment, so letters sent at the same moment get consecutive numbers',
  async up(db) {
    await db.schema.createTable('info_request_consultation_series')
      .addColumn('area_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('last_seq', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('info_request_consultation_series_pk', ['area_id', 'year'])
      .execute();
  },
};

const registerSearch: MigrationDef = {
  name: '20261201_2231_requests_register_search',
  reason: 'register filter q (part of a 申请编号 or of the description) index-backed instead of a LIKE scan: SQLite FTS5 trigram table over number and description kept in step by triggers, PostgreSQL pg_trgm GIN indexes; existing rows backfilled',
  async up(db, dialect) {
    if (dialect === 'postgres') {
      // pg_trgm is in contrib, shipped with the server package (Debian postgresql-15) and trusted since PG 13.
      await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
      await sql`CREATE INDEX info_requests_number_trgm ON info_requests USING gin (number gin_trgm_ops)`.execute(db);
      await sql`CREATE INDEX info_requests_description_trgm ON info_requests USING gin (description gin_trgm_ops)`.execute(db);
      return;
    }
    // External content: the index only, the text stays in info_requests. Only number and description are indexed
    // (never applicant data), the same columns the LIKE filter searched.
    await sql`CREATE VIRTUAL TABLE info_requests_fts USING fts5(number, description, content='info_requests', content_rowid='id', tokenize='trigram')`.execute(db);
    await sql`CREATE TRIGGER info_requests_fts_ai AFTER INSERT ON info_requests BEGIN
      INSERT INTO info_requests_fts(rowid, number, description) VALUES (new.id, new.number, new.description); END`.execute(db);
    await sql`CREATE TRIGGER info_requests_fts_ad AFTER DELETE ON info_requests BEGIN
      INSERT INTO info_requests_fts(info_requests_fts, rowid, number, description) VALUES ('delete', old.id, old.number, old.description); END`.execute(db);
    await sql`CREATE TRIGGER info_requests_fts_au AFTER UPDATE OF id, number, description ON info_requests BEGIN
      INSERT INTO info_requests_fts(info_requests_fts, rowid, number, description) VALUES ('delete', old.id, old.number, old.description);
      INSERT INTO info_requests_fts(rowid, number, description) VALUES (new.id, new.number, new.description); END`.execute(db);
    await sql`INSERT INTO info_requests_fts(info_requests_fts) VALUES ('rebuild')`.execute(db);
  },
};

export const REQUESTS_MIGRATIONS: MigrationDef[] = [tables, files, letters, publicReplies, statsIndexes, downloads, consultationsAndProactive, yearIndex, publicReplyFiles, consultationSeries, registerSearch];
