// Background jobs (overdue marking, reminders, validity expiry); each module lists its own in module.ts. Several server nodes may run the
// scheduler; a lock row in the database makes sure each run happens on one node only.
import { randomUUID } from 'node:crypto';
import type { Db, Dialect } from '../db/schema.js';
import { systemActor, type Ctx } from '../lib/context.js';
import { now } from '../lib/time.js';

export type Job = { name: string; label: string; everyMinutes: number; run: (ctx: Ctx) => Promise<string> };


const NODE_ID = randomUUID();

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

/** Runs one job under its lock; returns its summary, or null when another node is running it. */
export async function runJob(db: Db, dialect: Dialect, job: Job): Promise<string | null> {
  if (!(await acquireLock(db, `job:${job.name}`, 10 * 60_000))) return null;
  try {
    return await job.run({ db, dialect, actor: systemActor(`定时任务：${job.label}`) });
  } finally {
    await releaseLock(db, `job:${job.name}`);
  }
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
