// The audit log's hash chain: each row carries sha256(previous row's hash + its own content), so an
// edited, removed or inserted row breaks every link after it. `gongkai audit verify` walks the chain.
import { createHash } from 'node:crypto';
import { PostgresAdapter, sql } from 'kysely';
import type { Db } from '../db/schema.js';

export const GENESIS_HASH = '0'.repeat(64);

/** The columns a row's hash covers, in a fixed order (id is covered by the chain order itself). */
export type ChainedRow = {
  at: string; actor_id: number | null; actor_label: string; action: string; entity: string; entity_id: string;
  before_json: string | null; after_json: string | null; request_id: string | null; area_id: number | null;
  ip: string | null; user_agent: string | null;
};

export function rowHash(prevHash: string, r: ChainedRow): string {
  const content = JSON.stringify([
    r.at, r.actor_id === null ? null : Number(r.actor_id), r.actor_label, r.action, r.entity, r.entity_id, r.before_json, r.after_json,
    r.request_id, r.area_id === null ? null : Number(r.area_id), r.ip, r.user_agent,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/**
 * The hash of the newest row, read while holding the chain lock so two transactions cannot both
 * append after the same row (PostgreSQL: a transaction-scoped advisory lock; SQLite has one writer).
 */
export async function chainHead(tx: Db): Promise<string> {
  // The engine is read from the connection itself, not from a caller's ctx (which could be wrong).
  if (tx.getExecutor().adapter instanceof PostgresAdapter) await sql`SELECT pg_advisory_xact_lock(7177001)`.execute(tx);
  const last = await tx.selectFrom('audit_log').select(['hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return last?.hash ?? GENESIS_HASH;
}

export type VerifyResult =
  | { ok: true; rows: number; headId: number | null; headHash: string }
  | { ok: false; rows: number; brokenId: number; reason: 'hash_mismatch' | 'link_mismatch' | 'missing_hash'; expected: string; found: string | null };

/**
 * Walks the whole chain in id order (in pages) and reports the first broken link. After a retention purge
 * the chain starts at the first kept row, whose prev_hash must be the one the `audit.purge` record noted.
 */
export async function verifyAuditChain(db: Db, pageSize = 2000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let after = 0;
  const first = await db.selectFrom('audit_log').select(['prev_hash']).orderBy('id').limit(1).executeTakeFirst();
  if (first?.prev_hash && first.prev_hash !== GENESIS_HASH) {
    const purges = await db.selectFrom('audit_log').select(['after_json']).where('action', '=', 'audit.purge').execute();
    if (purges.some((p) => { try { return JSON.parse(p.after_json ?? '{}').lastHash === first.prev_hash; } catch { return false; } })) prev = first.prev_hash;
  }
  let rows = 0;
  let headId: number | null = null;
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('id', '>', after).orderBy('id').limit(pageSize).execute();
    if (page.length === 0) break;
    for (const r of page) {
      rows++;
      if (!r.hash || !r.prev_hash) return { ok: false, rows, brokenId: r.id, reason: 'missing_hash', expected: prev, found: r.hash };
      if (r.prev_hash !== prev) return { ok: false, rows, brokenId: r.id, reason: 'link_mismatch', expected: prev, found: r.prev_hash };
      const h = rowHash(prev, r);
      if (h !== r.hash) return { ok: false, rows, brokenId: r.id, reason: 'hash_mismatch', expected: h, found: r.hash };
      prev = r.hash;
      headId = r.id;
    }
    after = page[page.length - 1]!.id;
  }
  return { ok: true, rows, headId, headHash: prev };
}

/**
 * Deletes the oldest records, those before the first one still inside the retention period, after
 * writing an `audit.purge` record (at the end of the chain) that names the last deleted row's hash, so
 * verify can still check the kept chain from its new start. Returns how many rows went.
 */
export async function purgeAuditLog(db: Db, ctx: import('../lib/context.js').Ctx, retentionDays: number): Promise<number> {
  if (!Number.isInteger(retentionDays) || retentionDays < 180) throw new Error('audit retention must be at least 180 days (网络安全法)');
  const { now } = await import('../lib/time.js');
  const { writeAudit } = await import('./audit.repo.js');
  const before = new Date(now().getTime() - retentionDays * 86400_000).toISOString();
  return db.transaction().execute(async (tx) => {
    await chainHead(tx); // the chain lock: nobody appends while the start moves
    const keep = await tx.selectFrom('audit_log').select(['id']).where('at', '>=', before).orderBy('id').limit(1).executeTakeFirst();
    const last = await tx.selectFrom('audit_log').select(['id', 'hash']).where('id', '<', keep?.id ?? Number.MAX_SAFE_INTEGER).where('at', '<', before)
      .orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (!last) return 0;
    const count = Number((await tx.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('id', '<=', last.id).executeTakeFirstOrThrow()).n);
    await writeAudit(tx, { ...ctx, db: tx }, { action: 'audit.purge', entity: 'audit_log', entityId: last.id, after: { upToId: last.id, lastHash: last.hash, count, before, retentionDays } });
    const isPg = tx.getExecutor().adapter instanceof PostgresAdapter;
    if (isPg) {
      await sql`SELECT set_config('gongkai.audit_purge_up_to', ${String(last.id)}, true), set_config('gongkai.audit_purge_before', ${before}, true)`.execute(tx);
    } else {
      await sql`INSERT INTO audit_purge (up_to_id, before_at) VALUES (${last.id}, ${before})`.execute(tx);
    }
    await tx.deleteFrom('audit_log').where('id', '<=', last.id).where('at', '<', before).execute();
    if (isPg) await sql`SELECT set_config('gongkai.audit_purge_up_to', '', true)`.execute(tx);
    else await sql`DELETE FROM audit_purge`.execute(tx);
    return count;
  });
}
