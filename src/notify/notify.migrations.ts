// Migrations of the notify module.
import type { MigrationDef } from '../db/migrations/helpers.js';

const notifyOnce: MigrationDef = {
  name: '20261201_1645_notify_once',
  reason: 'exactly-once bookkeeping for notices of every module (reminders, 催报, deadline alerts)',
  up: async (db) => {
    await db.schema.createTable('notify_once')
      .addColumn('key', 'varchar(200)', (c) => c.primaryKey())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};

export const NOTIFY_MIGRATIONS: MigrationDef[] = [notifyOnce];
