// Configuring the 申请编号 series (office only).
import { z } from 'zod';
import { writeAudit } from '../audit/public.js';
import type { Ctx } from '../lib/context.js';
import { todayCst } from '../lib/time.js';
import { parseInput, text } from '../lib/validate.js';
import { actorArea } from '../org/public.js';
import { requireOffice } from './requests-policy.js';
import { numberTemplate, templateKey, validTemplate } from './numbering.js';

/** New numbers follow the new template at once; this year's sequence continues. */
export async function setNumberTemplate(ctx: Ctx, input: unknown): Promise<void> {
  requireOffice(ctx.actor, '只有政务公开办可以修改申请编号规则');
  const v = parseInput(z.object({ template: text('编号规则', { max: 60 }).refine(validTemplate, '编号规则须包含顺序号 {seq} 或 {seq:4}') }), input);
  const areaId = await actorArea(ctx);
  const before = await numberTemplate(ctx.db, areaId);
  await ctx.db.transaction().execute(async (tx) => {
    const key = templateKey(areaId);
    const updated = await tx.updateTable('settings').set({ value: v.template }).where('key', '=', key).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) await tx.insertInto('settings').values({ key, value: v.template }).execute();
    await tx.updateTable('info_request_series').set({ template: v.template }).where('area_id', '=', areaId).where('year', '>=', Number(todayCst().slice(0, 4))).execute();
    await writeAudit(tx, ctx, { action: 'request.number_template', entity: 'setting', entityId: key, areaId, before: { template: before }, after: { template: v.template } });
  });
}
