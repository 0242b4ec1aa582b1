// Migrations of the site module.
import type { MigrationDef } from '../db/migrations/helpers.js';
import { withId } from '../db/migrations/helpers.js';

const siteTables: MigrationDef = {
  name: '20261201_1655_site_tables',
  reason: '政府信息公开指南 versions, 网站自查 runs per day, column owner/frequency',
  up: async (db, dialect) => {
    await withId(db.schema.createTable('site_guide_versions'), dialect)
      .addColumn('unit_id', 'integer', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('hash', 'varchar(64)', (c) => c.notNull())
      .addColumn('content_json', 'text', (c) => c.notNull())
      .addColumn('updated_on', 'varchar(10)', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('site_guide_versions_unit_version', ['unit_id', 'version'])
      .execute();
    await withId(db.schema.createTable('site_check_runs'), dialect)
      .addColumn('area_id', 'integer', (c) => c.notNull())
      .addColumn('run_on', 'varchar(10)', (c) => c.notNull())
      .addColumn('run_at', 'text', (c) => c.notNull())
      .addColumn('trigger', 'varchar(20)', (c) => c.notNull())
      .addColumn('fails', 'integer', (c) => c.notNull())
      .addColumn('vetoes', 'integer', (c) => c.notNull())
      .addColumn('results_json', 'text', (c) => c.notNull())
      .addUniqueConstraint('site_check_runs_area_day', ['area_id', 'run_on'])
      .execute();
    await db.schema.createTable('site_columns')
      .addColumn('area_id', 'integer', (c) => c.notNull())
      .addColumn('category_code', 'varchar(40)', (c) => c.notNull())
      .addColumn('column_type', 'varchar(20)', (c) => c.notNull())
      .addColumn('owner_unit_id', 'integer')
      .addColumn('frequency_days', 'integer')
      .addPrimaryKeyConstraint('site_columns_pk', ['area_id', 'category_code'])
      .execute();
  },
};

const wordingConfirmations: MigrationDef = {
  name: '20261201_1702_site_wording_confirmations',
  reason: '用词检查 hits a reviewer confirmed at sign-off (the site-wide check reports only unconfirmed ones)',
  up: async (db) => {
    await db.schema.createTable('site_wording_confirmations')
      .addColumn('item_id', 'integer', (c) => c.notNull())
      .addColumn('hit', 'varchar(300)', (c) => c.notNull())
      .addColumn('confirmed_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('site_wording_confirmations_pk', ['item_id', 'hit'])
      .execute();
  },
};

export const SITE_MIGRATIONS: MigrationDef[] = [siteTables, wordingConfirmations];
