// The audit log: append-only (no update or delete path here; triggers enforce it in the database).
import type { Db } from '../db/schema.js';
import { actorId, actorLabel, type Ctx } from '../lib/context.js';
import { nowIso } from '../lib/time.js';
import { chainHead, rowHash } from './audit-chain.js';

export type AuditEntry = {
  action: string;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
  areaId?: number | null;
};

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/** Writes one audit record; call it with the transaction that made the change. */
export async function writeAudit(tx: Db, ctx: Ctx, e: AuditEntry): Promise<void> {
  const row = {
    at: nowIso(),
    actor_id: actorId(ctx.actor),
    actor_label: actorLabel(ctx.actor),
    action: e.action,
    entity: e.entity,
    entity_id: String(e.entityId),
    before_json: json(e.before),
    after_json: json(e.after),
    request_id: ctx.requestId ?? null,
    area_id: e.areaId ?? (ctx.actor.kind === 'user' ? ctx.actor.areaId : null),
    ip: ctx.ip ?? null,
    user_agent: ctx.userAgent ? ctx.userAgent.slice(0, 300) : null,
  };
  const append = async (t: Db) => {
    const prev = await chainHead(t);
    await t.insertInto('audit_log').values({ ...row, prev_hash: prev, hash: rowHash(prev, row) }).execute();
  };
  // The chain lock lives as long as the transaction: a call outside one gets its own.
  if (tx.isTransaction) await append(tx);
  else await tx.transaction().execute(append);
}

/** `from` and `toExclusive` are ISO instants (the page turns Beijing calendar days into them). */
export type AuditFilter = { entity?: string; action?: string; actor?: string; from?: string; toExclusive?: string; areaId?: number | null; limit: number; offset: number };

export async function listAudit(db: Db, f: AuditFilter) {
  let q = db.selectFrom('audit_log').selectAll();
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.actor) q = q.where('actor_label', 'like', `%${f.actor.replace(/[%_\\]/g, '')}%`);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.toExclusive) q = q.where('at', '<', f.toExclusive);
  if (f.areaId) q = q.where((eb) => eb.or([eb('area_id', '=', f.areaId!), eb('area_id', 'is', null)]));
  return q.orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
}
