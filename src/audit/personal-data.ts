// 等保2.0 三级: reads of personal data (request applicants, commenters' and sign-ups' contacts) leave an audit
// record — who looked, at what, when, from where — like every change does.
import type { Ctx } from '../lib/context.js';
import { writeAudit } from './audit.repo.js';

export async function recordPersonalDataRead(ctx: Ctx, e: { entity: string; entityId: number; what: string; areaId?: number | null }): Promise<void> {
  if (ctx.actor.kind !== 'user') return;
  await ctx.db.transaction().execute((tx) => writeAudit(tx, ctx, { action: 'personal_data.read', entity: e.entity, entityId: e.entityId, after: { what: e.what }, areaId: e.areaId ?? null }));
}
