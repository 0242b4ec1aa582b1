// 历史信息导入: the admin loads information published on a previous site. Unlike sign-off, the
// original 发布日期 is kept — so this path is admin-only, audited, labels each item with its source,
// and gives it no due date, which leaves it out of every timeliness figure (item-rules.timeliness).
import { z } from 'zod';
import { requireAdmin } from '../auth/policy.js';
import type { Ctx } from '../lib/context.js';
import { invalid } from '../lib/errors.js';
import { nowIso } from '../lib/time.js';
import { isoDate, parseInput, text } from '../lib/validate.js';
import { itemInput } from './disclosure.schema.js';
import { recordChange, snapshot } from './item-history.js';
import { insertDraft, prepareEnv } from './items.service.js';
import * as repo from './items.repo.js';
import { assertNoBlockingHits } from './privacy.service.js';

export const historicFields = z.object({
  originalPublishedOn: isoDate('原发布日期'),
  source: text('来源（原网站地址或说明）', { max: 300 }),
});

export const HISTORIC_LABELS: Record<string, string> = { originalPublishedOn: '原发布日期', source: '来源（原网站地址或说明）' };

/** Creates one published historic item; returns its id. Only proactive information is imported. */
export async function importHistoricItem(ctx: Ctx, raw: Record<string, unknown>): Promise<number> {
  requireAdmin(ctx.actor);
  const h = parseInput(historicFields, raw);
  const input = parseInput(itemInput, { ...raw, attribute: 'proactive', formedOn: raw.formedOn || h.originalPublishedOn });
  const env = await prepareEnv(ctx);
  if (h.originalPublishedOn > env.today) throw invalid({ originalPublishedOn: '原发布日期不能晚于今天' });
  if (input.formedOn && input.formedOn > h.originalPublishedOn) throw invalid({ formedOn: '信息形成日期不能晚于原发布日期' });
  return ctx.db.transaction().execute(async (tx) => {
    const draft = await insertDraft(tx, ctx, env, input);
    await assertNoBlockingHits(tx, draft);
    await repo.updateItem(tx, draft.id, {
      status: 'published', attribute: 'proactive', published_on: h.originalPublishedOn, published_at: nowIso(), due_date: null,
      imported_from: h.source, updated_at: nowIso(),
    });
    const after = (await repo.findItem(tx, draft.id))!;
    await recordChange(tx, ctx, after, {
      action: 'import.historic', before: snapshot(draft),
      note: `历史信息导入：保留原发布日期 ${h.originalPublishedOn}；来源：${h.source}；不计入公开时效统计`,
      after: { ...snapshot(after), imported_from: h.source },
    });
    return draft.id;
  });
}
