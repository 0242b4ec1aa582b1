// Shared plumbing for CLI commands: config, database, system actor, error reporting.
import { loadConfig, ConfigError } from '../config/config.js';
import type { DbHandle } from '../db/connect.js';
import { systemActor, type Ctx } from '../lib/context.js';
import { AppError } from '../lib/errors.js';

export async function withDb<T>(fn: (ctx: Ctx, handle: DbHandle) => Promise<T>, label = '命令行'): Promise<T> {
  const config = loadConfig();
  // Database code (Kysely, drivers, every migration) loads only for commands that use it.
  const [{ openDatabase, CLI_WRITE_WAIT_MS }, { migrateToLatest }, { MODULES }, { ensureDefaultOrg }] = await Promise.all([
    import('../db/connect.js'), import('../app/migrations.js'), import('../app/modules.js'), import('../org/public.js'),
  ]);
  for (const m of MODULES) await m.init?.(config);
  // SQLite: a command waits longer than the server for a busy write lock (a server or another import writing).
  const handle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, writeWaitMs: CLI_WRITE_WAIT_MS });
  try {
    await migrateToLatest(handle.db, handle.dialect);
    // The org tree exists after any first start; creating it takes the first-start lock (a server may be starting beside us).
    if (!(await handle.db.selectFrom('units').select('id').limit(1).executeTakeFirst())) {
      const { withLock } = await import('../jobs/jobs.js');
      await withLock(handle.db, 'bootstrap', () => ensureDefaultOrg(handle.db), { waitMs: 15 * 60_000 });
    }
    const result = await fn({ db: handle.db, dialect: handle.dialect, actor: systemActor(label) }, handle);
    await sendMailNow(handle, config);
    return result;
  } finally {
    await handle.close();
  }
}

/** Mail the command queued (notifications) goes out now, not at a server's next hourly job. */
async function sendMailNow(handle: DbHandle, config: ReturnType<typeof loadConfig>): Promise<void> {
  if (!config.smtp) return;
  const { deliverOutbox } = await import('../notify/public.js');
  const r = await deliverOutbox(handle.db);
  if (r.sent || r.failed) console.error(`通知邮件：已发送 ${r.sent} 封${r.failed ? `，失败 ${r.failed} 封（稍后重试）` : ''}`);
}

/** Prints an error the way an operator needs it (no stack traces for known errors) and sets the exit code. */
export function reportCliError(err: unknown): void {
  if (err instanceof AppError) {
    console.error(`错误 [${err.code}]：${err.message}`);
    for (const [k, v] of Object.entries(err.fields)) console.error(`  ${k}: ${v}`);
    process.exitCode = 2;
  } else if (err instanceof ConfigError) {
    console.error(err.message);
    process.exitCode = 78;
  } else if (err instanceof Error && (err as Error & { cliMessage?: boolean }).cliMessage) {
    console.error(`错误：${err.message}`);
    process.exitCode = 2;
  } else {
    console.error(err);
    process.exitCode = 1;
  }
}

export const cliError = (message: string): Error => Object.assign(new Error(message), { cliMessage: true });
