// Everything the item page and the item API show: the item, its relations, privacy hits, timeliness,
// history, and what the actor may do next.
import { signoffGuardHits } from './signoff-guards.js';
import type { Ctx } from '../lib/context.js';
import { todayCst } from '../lib/time.js';
import { listCategories } from './categories.repo.js';
import { attachmentUrl } from './attachments.service.js';
import { UNSCANNED_KINDS, kindFromName } from './attachment-file.js';
import { canReadItem, isReviewerOf, isWriterOf, requireReadable } from './item-policy.js';
import { needsInterpretation, timeliness } from './item-rules.js';
import { itemHits } from './privacy.service.js';
import * as repo from './items.repo.js';
import { withValidityToday } from './validity-display.js';

export async function itemDetail(ctx: Ctx, id: number) {
  const item = requireReadable(ctx.actor, await repo.findItem(ctx.db, id));
  const today = todayCst();
  const [unit, attachments, history, interpretations, replaces, hits, catalog, topics] = await Promise.all([
    ctx.db.selectFrom('units').select(['id', 'name', 'code']).where('id', '=', item.unit_id).executeTakeFirstOrThrow(),
    repo.listAttachments(ctx.db, id),
    repo.listHistory(ctx.db, id),
    repo.listInterpretations(ctx.db, id),
    repo.listReplaced(ctx.db, id),
    itemHits(ctx.db, item),
    listCategories(ctx.db, item.area_id, 'catalog'),
    listCategories(ctx.db, item.area_id, 'topic'),
  ]);
  const related = async (rid: number | null) => {
    if (!rid) return null;
    const r = await repo.findItem(ctx.db, rid);
    return r && (canReadItem(ctx.actor, r) || (r.status === 'published' && r.attribute === 'proactive')) ? r : null;
  };
  const [policy, replacedBy] = await Promise.all([related(item.policy_item_id), related(item.replaced_by_id)]);
  const writer = isWriterOf(ctx.actor, item);
  const reviewer = isReviewerOf(ctx.actor, item);
  const open = item.status === 'draft' || item.status === 'returned';
  const inForce = item.validity === 'valid' || item.validity === 'amended';
  const wording = item.status === 'submitted' ? (await signoffGuardHits(ctx.db, item)).flatMap((g) => g.hits) : [];
  return {
    // Shown validity is today's (有效期至 passed → 已失效); actions still go by the stored state.
    item: withValidityToday(item, today), unit, today, history, policy, replacedBy, hits, wording,
    replaces: replaces.filter((r) => canReadItem(ctx.actor, r) || (r.status === 'published' && r.attribute === 'proactive')),
    interpretations: interpretations.filter((i) => canReadItem(ctx.actor, i)).map((i) => ({ ...i, timeliness: timeliness(i, today) })),
    attachments: attachments.map((a) => ({
      id: a.id, file_name: a.file_name, mime: a.mime, size: a.size, created_at: a.created_at, url: attachmentUrl(a),
      scanned: !UNSCANNED_KINDS.includes(kindFromName(a.file_name) ?? 'pdf'),
    })),
    categoryName: catalog.find((c) => c.code === item.category_code)?.name ?? item.category_code,
    topicName: item.topic_code ? topics.find((c) => c.code === item.topic_code)?.name ?? item.topic_code : null,
    timeliness: timeliness(item, today),
    needsInterpretation: needsInterpretation(item),
    can: {
      edit: writer && open,
      submit: writer && open,
      recall: writer && item.status === 'submitted',
      signOff: reviewer && item.status === 'submitted',
      unpublish: reviewer && item.status === 'published',
      reopen: writer && item.status === 'withdrawn',
      mask: writer && (open || item.status === 'submitted'),
      keep: reviewer && (open || item.status === 'submitted'),
      exempt: reviewer && needsInterpretation(item) && !item.interp_exempt_reason && (open || item.status === 'submitted'),
      attach: writer && open,
      validity: reviewer && item.item_type === 'normative' && item.status === 'published' && inForce,
      interpret: writer && (item.item_type === 'normative' || item.item_type === 'policy') && item.status !== 'withdrawn',
      review: reviewer && item.status === 'published' && item.attribute !== 'proactive',
    },
  };
}
export type ItemDetail = Awaited<ReturnType<typeof itemDetail>>;
