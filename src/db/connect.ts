// Opens the database: embedded SQLite under the data dir, or PostgreSQL when DATABASE_URL is postgres://.
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dataDirError } from '../config/config.js';
import Database from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, type DatabaseConnection, type Driver } from 'kysely';
import pg from 'pg';
import { Worker } from 'node:worker_threads';
import type { DB, Db, Dialect } from './schema.js';

export type DbHandle = { db: Db; dialect: Dialect; close: () => Promise<void>; sqlite?: Database.Database };

// PostgreSQL returns BIGINT (count(*)) as strings by default; our counts fit in a JS number.
pg.types.setTypeParser(20, (v: string) => Number(v));

/** How long a write transaction waits for another process's write lock: the server, and CLI commands (longer: imports and loops). */
export const SERVER_WRITE_WAIT_MS = 10_000;
export const CLI_WRITE_WAIT_MS = 120_000;
/** busy_timeout of statements outside BEGIN IMMEDIATE (autocommit writes, a reader meeting a checkpoint). */
const BUSY_TIMEOUT_MS = 5_000;
/** BEGIN IMMEDIATE blocks the thread at most this long per try (SQLite's busy handler), then waits asynchronously. */
const BEGIN_SLICE_MS = 10;
/** A process that has written back to back this long pauses before its next write transaction… */
export const FAIR_RUN_MS = 200;
/** …for this long, so a writer in another process (polling every few ms) gets the lock. */
export const FAIR_PAUSE_MS = 15;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One FIFO queue for the single SQLite connection: queries and transactions of this process are served
 * in arrival order (Kysely's own mutex wakes every waiter on each release and lets a newcomer jump the
 * queue, so under load a writer could wait behind any number of later readers).
 */
class FifoLock {
  #held = false;
  #queue: (() => void)[] = [];
  lock(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#queue.push(resolve));
  }
  unlock(): void {
    const next = this.#queue.shift();
    if (next) next(); // the lock passes straight to the next in line
    else this.#held = false;
  }
}

/**
 * Prepared statements kept per SQL text (Kysely prepares every query anew; preparing was an eighth of the
 * portal's CPU under load). A statement still iterating (a streamed query) is never handed out twice.
 */
function statementCache(sqlite: Database.Database, max = 500) {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      const hit = cache.get(text);
      if (hit && !hit.busy) {
        cache.delete(text);
        cache.set(text, hit);
        return hit;
      }
      const stmt = sqlite.prepare(text);
      if (!hit) {
        cache.set(text, stmt);
        if (cache.size > max) cache.delete(cache.keys().next().value!);
      }
      return stmt;
    },
  };
}

/**
 * SQLite with several writers on one file (the server and a CLI process): a deferred BEGIN reads
 * under a snapshot, and its first write then fails at once with SQLITE_BUSY_SNAPSHOT when another
 * process wrote meanwhile (busy_timeout cannot help). Every transaction here is a write
 * transaction, so it starts with BEGIN IMMEDIATE: it takes the write lock first, waiting up to
 * `writeWaitMs` for the other writer — in short blocking slices with asynchronous pauses between, so
 * the event loop (the portal) keeps running while a CLI import holds the lock. Fairness across
 * processes: a process that has written back to back for FAIR_RUN_MS pauses FAIR_PAUSE_MS before its
 * next transaction, so a waiting process gets its turn. Rollback is skipped when SQLite already rolled
 * back on its own (SQLITE_FULL, SQLITE_IOERR…), so the real error is reported instead of "no
 * transaction is active".
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #sqlite: Database.Database;
  readonly #writeWaitMs: number;
  constructor(sqlite: Database.Database, writeWaitMs: number) {
    super({ database: statementCache(sqlite) as unknown as Database.Database });
    this.#sqlite = sqlite;
    this.#writeWaitMs = writeWaitMs;
  }
  override createDriver(): Driver {
    const driver = super.createDriver();
    const sqlite = this.#sqlite;
    const writeWaitMs = this.#writeWaitMs;
    const fifo = new FifoLock();
    const acquire = driver.acquireConnection.bind(driver);
    const release = driver.releaseConnection.bind(driver);
    driver.acquireConnection = async () => {
      await fifo.lock();
      return acquire(); // Kysely's own mutex is never contended now
    };
    driver.releaseConnection = async (conn: DatabaseConnection) => {
      await release(conn);
      fifo.unlock();
    };
    const slice = sqlite.prepare(`PRAGMA busy_timeout = ${BEGIN_SLICE_MS}`);
    const normal = sqlite.prepare(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const begin = sqlite.prepare('BEGIN IMMEDIATE');
    let runStart = 0;
    let lastEnd = -Infinity;
    driver.beginTransaction = async () => {
      const now = performance.now();
      if (now - lastEnd > 2) runStart = now; // there was a gap: a new run of writes
      else if (now - runStart > FAIR_RUN_MS) {
        await sleep(FAIR_PAUSE_MS);
        runStart = performance.now();
      }
      const deadline = performance.now() + writeWaitMs;
      slice.run();
      try {
        for (let pause = 1; ; pause = Math.min(pause * 2, 4)) {
          try {
            begin.run();
            return;
          } catch (err) {
            if (!String((err as { code?: string }).code).startsWith('SQLITE_BUSY') || performance.now() > deadline) throw err;
          }
          await sleep(pause);
        }
      } finally {
        normal.run();
      }
    };
    const end = (fn: (conn: DatabaseConnection) => Promise<void>) => async (conn: DatabaseConnection) => {
      try {
        await fn(conn);
      } finally {
        lastEnd = performance.now();
      }
    };
    driver.commitTransaction = end(async (conn) => {
      await conn.executeQuery(CompiledQuery.raw('commit'));
    });
    driver.rollbackTransaction = end(async (conn) => {
      if (sqlite.inTransaction) await conn.executeQuery(CompiledQuery.raw('rollback'));
    });
    return driver;
  }
}

/** Pages in the WAL before the connection itself checkpoints: a safety net when the background checkpointer is on. */
const WAL_SAFETY_PAGES = 10_000;
/** How often the background checkpointer runs. */
export const CHECKPOINT_EVERY_MS = 500;

/**
 * SQLite, long-running processes (the server): WAL checkpoints in a worker thread with its own
 * connection instead of inside whichever COMMIT crosses 1,000 pages — a checkpoint writes and fsyncs
 * the database file, which on a busy disk stalled the event loop (every request) for up to ~150 ms.
 */
function startCheckpointer(sqlite: Database.Database, file: string): () => Promise<void> {
  sqlite.pragma(`wal_autocheckpoint = ${WAL_SAFETY_PAGES}`);
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), { workerData: { file, everyMs: CHECKPOINT_EVERY_MS } });
  worker.unref();
  worker.on('message', () => {});
  // A checkpointer that dies leaves the safety net: the connection checkpoints itself at WAL_SAFETY_PAGES.
  worker.on('error', (err) => console.error(`SQLite 后台检查点线程出错 / checkpoint worker failed: ${err.message}`));
  return async () => {
    const exited = new Promise((r) => worker.once('exit', r));
    worker.postMessage('stop');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((r) => { timer = setTimeout(r, 1000); })]);
    clearTimeout(timer);
    await worker.terminate();
  };
}

/**
 * `writeWaitMs` (SQLite): how long a write transaction waits for another process's lock (default: the server's).
 * `backgroundCheckpoint` (SQLite): WAL checkpoints in a worker thread (the server; not worth a thread for a CLI run).
 */
export function openDatabase(opts: { databaseUrl: string | null; dataDir: string; writeWaitMs?: number; backgroundCheckpoint?: boolean }): DbHandle {
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
  const stopCheckpointer = opts.backgroundCheckpoint ? startCheckpointer(sqlite, file) : null;
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect(sqlite, opts.writeWaitMs ?? SERVER_WRITE_WAIT_MS) });
  return {
    db, dialect: 'sqlite', sqlite,
    close: async () => {
      await stopCheckpointer?.();
      await db.destroy();
    },
  };
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
      sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
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
