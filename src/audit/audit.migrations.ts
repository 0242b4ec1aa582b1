// Issue 17: the audit log records source IP and user agent, refuses INSERT OR REPLACE (SQLite) and
// TRUNCATE (PostgreSQL), and becomes a hash chain (prev_hash, hash); existing rows are chained here.
import { sql, type Kysely } from 'kysely';
import type { MigrationDef } from '../db/migrations/helpers.js';
import { GENESIS_HASH, rowHash, type ChainedRow } from './audit-chain.js';

export const auditHashChain: MigrationDef = {
  name: '20261201_1643_audit_hash_chain',
  reason: 'audit log: ip, user agent, hash chain; refuse REPLACE (SQLite) and TRUNCATE (PostgreSQL)',
  async up(db, dialect) {
    for (const col of ['ip', 'user_agent', 'prev_hash', 'hash']) await db.schema.alterTable('audit_log').addColumn(col, 'text').execute();

    // Chain the rows written before this migration, with the append-only trigger briefly off.
    if (dialect === 'sqlite') await sql`DROP TRIGGER audit_log_no_update`.execute(db);
    else await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(db);
    const d = db as Kysely<{ audit_log: ChainedRow & { id: number; prev_hash: string | null; hash: string | null } }>;
    let prev = GENESIS_HASH;
    let after = 0;
    for (;;) {
      const page = await d.selectFrom('audit_log').selectAll().where('id', '>', after).orderBy('id').limit(1000).execute();
      if (page.length === 0) break;
      for (const r of page) {
        const hash = rowHash(prev, r);
        await d.updateTable('audit_log').set({ prev_hash: prev, hash }).where('id', '=', r.id).execute();
        prev = hash;
      }
      after = page[page.length - 1]!.id;
    }
    if (dialect === 'sqlite') {
      await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
      // INSERT OR REPLACE / REPLACE INTO deletes the old row without firing DELETE triggers (unless
      // recursive_triggers is on): refuse any insert that names an existing id.
      await sql`CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id) BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
    } else {
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change`.execute(db);
      await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(db);
    }
  },
};

// Issue 17: audit retention. The append-only triggers now let exactly one thing through: the retention
// job deleting rows older than the configured period (GONGKAI_AUDIT_RETENTION_DAYS, ≥ 180 days), inside
// its own transaction (SQLite: an allowance row in audit_purge; PostgreSQL: a transaction-local setting).
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
