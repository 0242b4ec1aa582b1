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

const outboxClaims: MigrationDef = {
  name: '20261201_2027_notify_outbox_claims',
  reason: 'exactly-once mail across a crash: a deliverer claims a message (status sending, attempt id, lease) in its own '
    + 'transaction before talking to SMTP; a claim whose lease ran out is sent again with the same Message-ID',
  up: async (db) => {
    await db.schema.alterTable('outbox').addColumn('attempt_id', 'text').execute();
    await db.schema.alterTable('outbox').addColumn('claimed_until', 'text').execute();
  },
};

export const NOTIFY_MIGRATIONS: MigrationDef[] = [notifyOnce, outboxClaims];
