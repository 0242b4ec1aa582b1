// Ledger migrations, names 20261128_02xx_*.
import { withId, type MigrationDef } from '../db/migrations/helpers.js';

const ledgers: MigrationDef = {
  name: '20261128_0200_ledgers',
  reason: 'unit ledgers (台账): rows per task, measures with due dates, progress, evidence, submitted versions, comments; reminders sent, lead-duty mapping, 回头看 rectifications; notifications, mail outbox, user e-mail contacts',
  async up(db, dialect) {
    await withId(db.schema.createTable('ledgers'), dialect)
      .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('area_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('first_submitted_at', 'text')
      .addColumn('submitted_at', 'text')
      .addColumn('accepted_at', 'text')
      .addColumn('returned_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ledgers_plan_unit').on('ledgers').columns(['plan_id', 'unit_id']).unique().execute();

    await withId(db.schema.createTable('ledger_rows'), dialect)
      .addColumn('ledger_id', 'integer', (c) => c.notNull().references('ledgers.id'))
      .addColumn('task_id', 'integer', (c) => c.notNull().references('plan_tasks.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ledger_rows_ledger_task').on('ledger_rows').columns(['ledger_id', 'task_id']).unique().execute();
    await db.schema.createIndex('ledger_rows_task').on('ledger_rows').column('task_id').execute();

    await withId(db.schema.createTable('ledger_measures'), dialect)
      .addColumn('ledger_id', 'integer', (c) => c.notNull().references('ledgers.id'))
      .addColumn('row_id', 'integer', (c) => c.notNull().references('ledger_rows.id'))
      .addColumn('sort', 'integer', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('time_limit', 'text', (c) => c.notNull())
      .addColumn('leader', 'text', (c) => c.notNull())
      .addColumn('section', 'text', (c) => c.notNull())
      .addColumn('due_date', 'text')
      .addColumn('due_source', 'text')
      .addColumn('anchor_date', 'text')
      .addColumn('due_note', 'text')
      .addColumn('deadline', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('completed_on', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ledger_measures_ledger').on('ledger_measures').columns(['ledger_id', 'row_id', 'sort']).execute();
    await db.schema.createIndex('ledger_measures_row').on('ledger_measures').column('row_id').execute();
    await db.schema.createIndex('ledger_measures_deadline').on('ledger_measures').columns(['deadline', 'status']).execute();

    await withId(db.schema.createTable('ledger_progress'), dialect)
      .addColumn('measure_id', 'integer', (c) => c.notNull().references('ledger_measures.id'))
      .addColumn('ledger_id', 'integer', (c) => c.notNull().references('ledgers.id'))
      .addColumn('on_date', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('author_id', 'integer')
      .addColumn('author_label', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ledger_progress_measure').on('ledger_progress').columns(['measure_id', 'on_date']).execute();
    await db.schema.createIndex('ledger_progress_ledger').on('ledger_progress').column('ledger_id').execute();

    await withId(db.schema.createTable('ledger_evidence'), dialect)
      .addColumn('measure_id', 'integer', (c) => c.notNull().references('ledger_measures.id'))
      .addColumn('ledger_id', 'integer', (c) => c.notNull().references('ledgers.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('item_id', 'integer')
      .addColumn('url', 'text')
      .addColumn('file_name', 'text')
      .addColumn('storage_key', 'text')
      .addColumn('mime', 'text')
      .addColumn('size', 'integer')
      .addColumn('sha256', 'text')
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('author_label', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ledger_evidence_measure').on('ledger_evidence').column('measure_id').execute();
    await db.schema.createIndex('ledger_evidence_ledger').on('ledger_evidence').column('ledger_id').execute();

    await withId(db.schema.createTable('ledger_versions'), dialect)
      .addColumn('ledger_id', 'integer', (c) => c.notNull().references('ledgers.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      .addColumn('submitted_by', 'text', (c) => c.notNull())
      .addColumn('snapshot_json', 'text', (c) => c.notNull())
      .addColumn('decision', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('decided_by', 'text')
      .addColumn('decision_comment', 'text')
      .execute();
    await db.schema.createIndex('ledger_versions_ledger_version').on('ledger_versions').columns(['ledger_id', 'version']).unique().execute();

    await withId(db.schema.createTable('ledger_comments'), dialect)
      .addColumn('ledger_id', 'integer', (c) => c.notNull().references('ledgers.id'))
      .addColumn('row_id', 'integer', (c) => c.references('ledger_rows.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('author_id', 'integer')
      .addColumn('author_label', 'text', (c) => c.notNull())
      .addColumn('author_unit_id', 'integer')
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ledger_comments_ledger').on('ledger_comments').columns(['ledger_id', 'row_id']).execute();

    await withId(db.schema.createTable('ledger_reminders'), dialect)
      .addColumn('measure_id', 'integer', (c) => c.notNull().references('ledger_measures.id'))
      .addColumn('rule', 'text', (c) => c.notNull())
      .addColumn('due_date', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ledger_reminders_once').on('ledger_reminders').columns(['measure_id', 'rule', 'due_date']).unique().execute();

    await db.schema.createTable('lead_duty_tasks')
      .addColumn('duty_id', 'integer', (c) => c.notNull().references('plan_lead_duties.id'))
      .addColumn('task_id', 'integer', (c) => c.notNull().references('plan_tasks.id'))
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('lead_duty_tasks_pk', ['duty_id', 'task_id'])
      .execute();

    await withId(db.schema.createTable('ledger_rectifications'), dialect)
      .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('area_id', 'integer', (c) => c.notNull())
      .addColumn('source_plan_id', 'integer', (c) => c.notNull())
      .addColumn('source_measure_id', 'integer', (c) => c.notNull())
      .addColumn('task_text', 'text', (c) => c.notNull())
      .addColumn('measure_text', 'text', (c) => c.notNull())
      .addColumn('source_deadline', 'text')
      .addColumn('source_status', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('completed_on', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ledger_rectifications_once').on('ledger_rectifications').columns(['plan_id', 'source_measure_id']).unique().execute();
    await db.schema.createIndex('ledger_rectifications_unit').on('ledger_rectifications').columns(['plan_id', 'unit_id']).execute();

    await withId(db.schema.createTable('notifications'), dialect)
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('area_id', 'integer')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('link', 'text')
      .addColumn('read_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'read_at']).execute();

    await withId(db.schema.createTable('outbox'), dialect)
      .addColumn('area_id', 'integer')
      .addColumn('user_id', 'integer')
      .addColumn('to_addr', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .execute();
    await db.schema.createIndex('outbox_status').on('outbox').columns(['status', 'id']).execute();

    await db.schema.createTable('user_contacts')
      .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id'))
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};

const urges: MigrationDef = {
  name: '20261201_1740_ledger_urges',
  reason: '催报: the office urges a unit that has not submitted its ledger, at most once per day (unique per plan, unit and day)',
  async up(db, dialect) {
    await withId(db.schema.createTable('ledger_urges'), dialect)
      .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('on_date', 'text', (c) => c.notNull())
      .addColumn('by_label', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('ledger_urges_once').on('ledger_urges').columns(['plan_id', 'unit_id', 'on_date']).unique().execute();
  },
};

const participationEvidence: MigrationDef = {
  name: '20261201_2100_ledger_participation_evidence',
  reason: 'Evidence of kind participation: a decision catalog item, consultation, 列席 meeting or 开放日 of the decisions module, by target and id',
  async up(db) {
    await db.schema.alterTable('ledger_evidence').addColumn('target', 'text').execute();
    await db.schema.alterTable('ledger_evidence').addColumn('target_id', 'integer').execute();
  },
};

export const LEDGER_MIGRATIONS: MigrationDef[] = [ledgers, urges, participationEvidence];
