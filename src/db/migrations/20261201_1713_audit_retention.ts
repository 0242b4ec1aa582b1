// Issue 17: audit retention. The append-only triggers now let exactly one thing through: the retention
// job deleting rows older than the configured period (GONGKAI_AUDIT_RETENTION_DAYS, ≥ 180 days), inside
// its own transaction (SQLite: an allowance row in audit_purge; PostgreSQL: a transaction-local setting).
import { sql } from 'kysely';
import type { MigrationDef } from './helpers.js';

export const auditRetention: MigrationDef = {
  name: '20261201_1713_audit_retention',
  reason: 'audit log retention: the purge job may delete rows older than the retention period',
  async up(db, dialect) {
    if (dialect === 'sqlite') {
      await db.schema.createTable('audit_purge')
        .addColumn('up_to_id', 'integer', (c) => c.notNull())
        .addColumn('before_at', 'text', (c) => c.notNull())
        .execute();
      await sql`DROP TRIGGER audit_log_no_delete`.execute(db);
      await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        WHEN NOT EXISTS (SELECT 1 FROM audit_purge WHERE OLD.id <= audit_purge.up_to_id AND OLD.at < audit_purge.before_at)
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
    } else {
      await sql`CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
        BEGIN
          IF TG_OP = 'DELETE' AND current_setting('gongkai.audit_purge_up_to', true) IS NOT NULL
             AND current_setting('gongkai.audit_purge_up_to', true) <> ''
             AND OLD.id <= current_setting('gongkai.audit_purge_up_to', true)::integer
             AND OLD.at < current_setting('gongkai.audit_purge_before', true) THEN
            RETURN OLD;
          END IF;
          RAISE EXCEPTION 'audit_log is append-only';
        END $$ LANGUAGE plpgsql`.execute(db);
    }
  },
};
