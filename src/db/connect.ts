// Opens the database: embedded SQLite under the data dir, or PostgreSQL when DATABASE_URL is postgres://.
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dataDirError } from '../config/config.js';
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
    // connectionTimeoutMillis: while the server is down, a request fails fast (503) instead of hanging.
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 });
    // A client can be cut off by the server (restart, failover, DROP DATABASE in tests) while idle in
    // the pool ('error' on the pool) or while checked out between two queries of a transaction
    // ('error' on the client, which the pool does not listen to then). Without a listener pg crashes
    // the process. Log it; the query in flight fails (503), the pool discards the dead client and
    // connects anew on next use, so the node recovers when the database returns.
    let lastLog = 0;
    const onError = (err: Error) => {
      if (Date.now() - lastLog < 1000) return;
      lastLog = Date.now();
      console.error(`PostgreSQL 连接中断 / connection lost: ${err.message}`);
    };
    pool.on('error', onError);
    pool.on('connect', (client) => client.on('error', onError));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const file = url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : join(opts.dataDir, 'gongkai.sqlite');
  const sqlite = openSqliteFile(file);
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect(sqlite) });
  return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
}

const UNUSABLE = /^(SQLITE_CANTOPEN|SQLITE_READONLY|SQLITE_PERM|SQLITE_AUTH|EACCES|EPERM|EROFS)/;

/**
 * Opens the SQLite file in WAL mode. A directory or file the process may not write (WAL needs the
 * -wal and -shm files beside it) stops start-up with a message saying what and where, not a stack trace.
 */
function openSqliteFile(file: string): Database.Database {
  const dir = dirname(file);
  try {
    accessSync(dir, constants.W_OK);
    if (existsSync(file)) accessSync(file, constants.W_OK);
    const sqlite = new Database(file);
    try {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('foreign_keys = ON');
      sqlite.pragma('busy_timeout = 5000');
      sqlite.pragma('synchronous = NORMAL');
    } catch (err) {
      sqlite.close();
      throw err;
    }
    return sqlite;
  } catch (err) {
    const code = (err as { code?: string } | null)?.code ?? '';
    if (UNUSABLE.test(code)) throw dataDirError(dir, err);
    throw err;
  }
}
