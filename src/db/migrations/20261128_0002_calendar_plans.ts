import { withId, type MigrationDef } from './helpers.js';

export const calendarAndPlans: MigrationDef = {
  name: '20261128_0002_calendar_plans',
  reason: 'holiday calendar with its notices and local overrides; plans, tasks, responsible units, lead duties',
  async up(db, dialect) {
    await db.schema.createTable('calendar_years')
      .addColumn('year', 'integer', (c) => c.primaryKey())
      .addColumn('notice', 'text')
      .addColumn('source', 'text')
      .addColumn('note', 'text')
      .addColumn('entered_at', 'text', (c) => c.notNull())
      .execute();
    // scope = 'national' or 'area:<unit id>' (a district's local overrides).
    await db.schema.createTable('calendar_days')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('calendar_days_pk', ['scope', 'date'])
      .execute();

    await withId(db.schema.createTable('plans'), dialect)
      .addColumn('area_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('doc_number', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('issuer', 'text', (c) => c.notNull())
      .addColumn('issued_on', 'text')
      .addColumn('submission_due', 'text')
      .addColumn('ledger_columns_json', 'text', (c) => c.notNull())
      .addColumn('copied_from_plan_id', 'integer')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('plans_area_year').on('plans').columns(['area_id', 'year']).execute();

    await withId(db.schema.createTable('plan_tasks'), dialect)
      .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('domain', 'text', (c) => c.notNull())
      .addColumn('sub_area', 'text', (c) => c.notNull())
      .addColumn('requirement', 'text', (c) => c.notNull())
      .addColumn('units_text', 'text', (c) => c.notNull())
      .addColumn('time_limit', 'text', (c) => c.notNull())
      .addColumn('rules_json', 'text', (c) => c.notNull())
      .addColumn('warnings_json', 'text', (c) => c.notNull())
      .addColumn('carried_from_task_id', 'integer')
      .execute();
    await db.schema.createIndex('plan_tasks_plan_seq').on('plan_tasks').columns(['plan_id', 'seq']).unique().execute();

    await withId(db.schema.createTable('plan_task_units'), dialect)
      .addColumn('task_id', 'integer', (c) => c.notNull().references('plan_tasks.id'))
      .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('is_group', 'integer', (c) => c.notNull())
      .addColumn('group_code', 'text')
      .addColumn('sort', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('plan_task_units_task').on('plan_task_units').column('task_id').execute();
    await db.schema.createIndex('plan_task_units_unit').on('plan_task_units').column('unit_id').execute();

    // Units assigned by the admin to group references (各镇、街道 / 有关职能部门 …) of one task.
    await db.schema.createTable('plan_task_assignments')
      .addColumn('task_id', 'integer', (c) => c.notNull().references('plan_tasks.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('plan_task_assignments_pk', ['task_id', 'unit_id'])
      .execute();

    await withId(db.schema.createTable('plan_lead_duties'), dialect)
      .addColumn('plan_id', 'integer', (c) => c.notNull().references('plans.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
      .addColumn('unit_name', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('requirement', 'text', (c) => c.notNull())
      .execute();
  },
};
