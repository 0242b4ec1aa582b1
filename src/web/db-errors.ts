// Storage faults the user cannot fix and should retry later: a full disk, the database being down or
// restarting, a busy SQLite file. They become a 503 page (Chinese) / API error, and the log keeps the real error.

export type StorageFault = { code: 'storage_full' | 'database_unavailable'; message: string; logLine: string };

const FULL = new Set(['SQLITE_FULL', 'ENOSPC', '53100', 'EDQUOT']);
const UNAVAILABLE = new Set([
  // PostgreSQL: server shutting down / restarting / not accepting connections; connection lost.
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300',
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND',
  // SQLite: the file is locked longer than busy_timeout, or cannot be read/written right now.
  'SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_LOCKED', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_IOERR',
]);
const UNAVAILABLE_TEXT = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|terminating connection|the database system is (starting up|shutting down)/i;

const codeOf = (err: unknown): string => {
  const e = err as { code?: unknown; errno?: unknown } | null;
  return e && typeof e.code === 'string' ? e.code : '';
};

/** The storage fault behind an error (also through `cause`), or null for anything else. */
export function storageFault(err: unknown): StorageFault | null {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = codeOf(e);
    const msg = e instanceof Error ? e.message : String(e);
    const base = code.replace(/_[A-Z0-9]+$/, '') === 'SQLITE_IOERR' ? 'SQLITE_IOERR' : code;
    if (FULL.has(code) || /database or disk is full|no space left on device/i.test(msg)) {
      return { code: 'storage_full', message: '服务器存储空间已满，暂时无法保存。请稍后重试，并请通知系统管理员。', logLine: `存储空间已满 / disk full: ${code || 'ENOSPC'} ${msg}` };
    }
    if (UNAVAILABLE.has(code) || UNAVAILABLE.has(base) || UNAVAILABLE_TEXT.test(msg)) {
      return { code: 'database_unavailable', message: '数据库暂时无法访问，请稍后重试。', logLine: `数据库暂时不可用 / database unavailable: ${code} ${msg}` };
    }
  }
  return null;
}
