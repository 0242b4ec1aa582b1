// Opens the database: embedded SQLite under the data dir, or PostgreSQL when DATABASE_URL is postgres://.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DB, Db, Dialect } from './schema.js';

export type DbHandle = { db: Db; dialect: Dialect; close: () => Promise<void>; sqlite?: Database.Database };

// PostgreSQL returns BIGINT (count(*)) as strings by default; our counts fit in a JS number.
pg.types.setTypeParser(20, (v: string) => Number(v));

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
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
}
