// Plan module migrations (issue 19): the history of corrections to imported tasks, and units a
// group reference (各镇、街道 / 区政府各部门单位) does not cover for one task.
import { withId, type MigrationDef } from '../db/migrations/helpers.js';

const taskEdits: MigrationDef = {
  name: '20261201_1655_plan_task_edits',
  reason: 'plan task corrections after import (text, time limit, units) with their history; per-task exclusions from a group reference',
  async up(db, dialect) {
    await withId(db.schema.createTable('plan_task_changes'), dialect)
      .addColumn('task_id', 'integer', (c) => c.notNull().references('plan_tasks.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_label', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('before_json', 'text', (c) => c.notNull())
      .addColumn('after_json', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('plan_task_changes_task').on('plan_task_changes').columns(['task_id', 'id']).execute();
    await db.schema.createTable('plan_task_exclusions')
      .addColumn('task_id', 'integer', (c) => c.notNull().references('plan_tasks.id'))
      .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('plan_task_exclusions_pk', ['task_id', 'unit_id'])
      .execute();
  },
};

export const PLAN_MIGRATIONS: MigrationDef[] = [taskEdits];
