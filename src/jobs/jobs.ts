// Background jobs (overdue marking, reminders, validity expiry); each module lists its own in module.ts. Several server nodes may run the
// scheduler; a lock row in the database makes sure each run happens on one node only.
import { randomUUID } from 'node:crypto';
import type { Db, Dialect } from '../db/schema.js';
import { systemActor, type Ctx } from '../lib/context.js';
import { now } from '../lib/time.js';

export type Job = { name: string; label: string; everyMinutes: number; run: (ctx: Ctx) => Promise<string> };


const NODE_ID: string = randomUUID();

/** Takes the named lock if free or expired. Returns false when another node holds it. */
export async function acquireLock(db: Db, name: string, ttlMs: number, owner = NODE_ID): Promise<boolean> {
  const t = now().getTime();
  const expires = new Date(t + ttlMs).toISOString();
  return db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('job_locks').selectAll().where('name', '=', name).executeTakeFirst();
    if (!row) {
      await tx.insertInto('job_locks').values({ name, owner, expires_at: expires }).onConflict((oc) => oc.column('name').doNothing()).execute();
      const mine = await tx.selectFrom('job_locks').select('owner').where('name', '=', name).executeTakeFirst();
      return mine?.owner === owner;
    }
    if (row.owner !== owner && row.expires_at > new Date(t).toISOString()) return false;
    const r = await tx.updateTable('job_locks').set({ owner, expires_at: expires }).where('name', '=', name).where('expires_at', '=', row.expires_at).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  });
}

export async function releaseLock(db: Db, name: string, owner = NODE_ID): Promise<void> {
  await db.deleteFrom('job_locks').where('name', '=', name).where('owner', '=', owner).execute();
}

/**
 * Lease of a held lock: short, renewed by a heartbeat while the holder lives. A holder killed with
 * -9 stops renewing, so its lock expires within one lease instead of hours. GONGKAI_LOCK_TTL_MS
 * shortens it (fault scripts, tests).
 */
export const lockTtlMs = (): number => Number(process.env.GONGKAI_LOCK_TTL_MS) || 60_000;

/** Extends the lease of a lock this owner holds; false when it is no longer ours. */
export async function renewLock(db: Db, name: string, owner: string, ttlMs = lockTtlMs()): Promise<boolean> {
  const r = await db.updateTable('job_locks').set({ expires_at: new Date(now().getTime() + ttlMs).toISOString() })
    .where('name', '=', name).where('owner', '=', owner).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Runs `fn` while holding the named lock, renewing its lease every third of it. Returns
 * `{ ran: false }` when another holder has it (after waiting up to `waitMs`, polling).
 * Each call is its own owner, so two callers in one process exclude each other too.
 */
export async function withLock<T>(db: Db, name: string, fn: () => Promise<T>, opts: { waitMs?: number; ttlMs?: number } = {}): Promise<{ ran: true; value: T } | { ran: false }> {
  const ttl = opts.ttlMs ?? lockTtlMs();
  const owner = `${NODE_ID}:${randomUUID()}`;
  const deadline = Date.now() + (opts.waitMs ?? 0);
  while (!(await acquireLock(db, name, ttl, owner))) {
    if (Date.now() >= deadline) return { ran: false };
    await new Promise((r) => setTimeout(r, Math.min(250, Math.max(20, ttl / 10))));
  }
  let beat: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    beat = renewLock(db, name, owner, ttl).catch(() => false);
  }, Math.max(10, Math.floor(ttl / 3)));
  timer.unref();
  try {
    return { ran: true, value: await fn() };
  } finally {
    clearInterval(timer);
    await beat;
    await releaseLock(db, name, owner).catch(() => {});
  }
}

/** Runs one job under its lock; returns its summary, or null when another node is running it. */
export async function runJob(db: Db, dialect: Dialect, job: Job): Promise<string | null> {
  const r = await withLock(db, `job:${job.name}`, () => job.run({ db, dialect, actor: systemActor(`定时任务：${job.label}`) }));
  return r.ran ? r.value : null;
}

/** Starts the in-process scheduler; returns a stop function. */
export function startScheduler(db: Db, dialect: Dialect, jobs: readonly Job[], log: (s: string) => void): () => void {
  const timers = jobs.map((job) => {
    const tick = () => runJob(db, dialect, job).then((r) => { if (r) log(`[${job.label}] ${r}`); }).catch((err) => log(`[${job.label}] 失败：${(err as Error).message}`));
    const first = setTimeout(tick, 5_000);
    const every = setInterval(tick, job.everyMinutes * 60_000);
    first.unref();
    every.unref();
    return [first, every];
  });
  return () => timers.flat().forEach((t) => clearTimeout(t));
}
