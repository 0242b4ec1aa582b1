// Opens the database: embedded SQLite under the data dir, or PostgreSQL when DATABASE_URL is postgres://.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, type DatabaseConnection, type Driver } from 'kysely';
import pg from 'pg';
import type { DB, Db, Dialect } from './schema.js';

export type DbHandle = { db: Db; dialect: Dialect; close: () => Promise<void>; sqlite?: Database.Database };

// PostgreSQL returns BIGINT (count(*)) as strings by default; our counts fit in a JS number.
pg.types.setTypeParser(20, (v: string) => Number(v));

/**
 * SQLite with several writers on one file (the server and a CLI process): a deferred BEGIN reads
 * under a snapshot, and its first write then fails at once with SQLITE_BUSY_SNAPSHOT when another
 * process wrote meanwhile (busy_timeout cannot help). Every transaction here is a write
 * transaction, so it starts with BEGIN IMMEDIATE: it takes the write lock first, waiting up to
 * busy_timeout for the other writer. Rollback is skipped when SQLite already rolled back on its own
 * (SQLITE_FULL, SQLITE_IOERR…), so the real error is reported instead of "no transaction is active".
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #sqlite: Database.Database;
  constructor(sqlite: Database.Database) {
    super({ database: sqlite });
    this.#sqlite = sqlite;
  }
  override createDriver(): Driver {
    const driver = super.createDriver();
    const sqlite = this.#sqlite;
    driver.beginTransaction = async (conn: DatabaseConnection) => {
      await conn.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    driver.rollbackTransaction = async (conn: DatabaseConnection) => {
      if (sqlite.inTransaction) await conn.executeQuery(CompiledQuery.raw('rollback'));
    };
    return driver;
  }
}

export function openDatabase(opts: { databaseUrl: string | null; dataDir: string }): DbHandle {
  const url = opts.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle client can be cut off by the server (restart, failover, DROP DATABASE in tests); without a
    // listener pg would crash the process. Log it; the pool replaces the client on next use.
    pool.on('error', (err) => console.error(`PostgreSQL 连接中断 / pool client error: ${err.message}`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const file = url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : join(opts.dataDir, 'gongkai.sqlite');
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect(sqlite) });
  return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
}
