// Migrations of the report module (政府信息公开工作年度报告).
import { withId, type MigrationDef } from '../db/migrations/helpers.js';

const reportTables: MigrationDef = {
  name: '20261201_1644_report_annual',
  reason: 'annual reports per body, year and scope (本级/汇总) with entered table-2 figures, free texts and UNCERTAIN explanations; published versions kept frozen; last year\'s figures for years before the platform',
  async up(db, dialect) {
    await withId(db.schema.createTable('report_annual'), dialect)
      .addColumn('area_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('permits', 'integer')
      .addColumn('penalties', 'integer')
      .addColumn('coercions', 'integer')
      .addColumn('fees_wan', 'text')
      .addColumn('figures_source', 'text', (c) => c.notNull())
      .addColumn('overview_text', 'text', (c) => c.notNull())
      .addColumn('problems_text', 'text', (c) => c.notNull())
      .addColumn('other_text', 'text', (c) => c.notNull())
      .addColumn('explanations_json', 'text', (c) => c.notNull())
      .addColumn('change_note', 'text', (c) => c.notNull())
      .addColumn('signed_off_at', 'text')
      .addColumn('signed_off_by', 'text')
      .addColumn('filed_at', 'text')
      .addColumn('filed_by', 'text')
      .addColumn('published_at', 'text')
      .addColumn('first_published_on', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('report_annual_unit_year_scope').on('report_annual').columns(['unit_id', 'year', 'scope']).unique().execute();
    await db.schema.createIndex('report_annual_area_year').on('report_annual').columns(['area_id', 'year']).execute();

    await withId(db.schema.createTable('report_versions'), dialect)
      .addColumn('report_id', 'integer', (c) => c.notNull().references('report_annual.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('published_on', 'text', (c) => c.notNull())
      .addColumn('published_by', 'text', (c) => c.notNull())
      .addColumn('change_note', 'text', (c) => c.notNull())
      .addColumn('snapshot_json', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('report_versions_report_version').on('report_versions').columns(['report_id', 'version']).unique().execute();

    await withId(db.schema.createTable('report_prior_figures'), dialect)
      .addColumn('area_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('carry_over_json', 'text', (c) => c.notNull())
      .addColumn('normative_in_force', 'integer', (c) => c.notNull())
      .addColumn('rules_in_force', 'integer', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('entered_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('report_prior_unit_year_scope').on('report_prior_figures').columns(['unit_id', 'year', 'scope']).unique().execute();
  },
};

const checkSummary: MigrationDef = {
  name: '20261201_1649_report_check_summary',
  reason: 'the outcome of the last check run per report (FAIL count, UNCERTAIN without explanation) for the inbox and the dashboard; last year\'s 第五部分 for years before the platform',
  async up(db) {
    await db.schema.alterTable('report_annual').addColumn('check_fails', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('report_annual').addColumn('check_unexplained', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('report_annual').addColumn('checked_at', 'text').execute();
    await db.schema.alterTable('report_prior_figures').addColumn('problems_text', 'text', (c) => c.notNull().defaultTo('')).execute();
  },
};

export const REPORT_MIGRATIONS: MigrationDef[] = [reportTables, checkSummary];
