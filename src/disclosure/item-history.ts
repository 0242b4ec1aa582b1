// One call per change of an item: its history line, the audit record and the search index, all in the
// caller's transaction (search.sync's contract: the index changes with the item, never later).
import { writeAudit } from '../audit/public.js';
import { actorLabel, type Ctx } from '../lib/context.js';
import { nowIso } from '../lib/time.js';
import type { Db } from '../db/schema.js';
import { syncItemIndex } from '../search/public.js';
import { insertHistory, type ItemRow } from './items.repo.js';

/** The fields whose changes history shows (the body is in the audit log, not repeated per line). */
export function snapshot(item: ItemRow) {
  return {
    status: item.status, attribute: item.attribute, withheld_basis: item.withheld_basis, attribute_reason: item.attribute_reason,
    title: item.title, doc_number: item.doc_number, item_type: item.item_type, category_code: item.category_code,
    formed_on: item.formed_on, due_date: item.due_date, published_on: item.published_on,
    validity: item.validity, valid_until: item.valid_until, replaced_by_id: item.replaced_by_id,
    next_review_on: item.next_review_on, interp_exempt_reason: item.interp_exempt_reason,
  };
}

export const HISTORY_LABELS: Record<string, string> = {
  create: '新建', update: '修改', submit: '提交审核', recall: '撤回提交', return: '退回修改', publish: '保密审查并签发',
  unpublish: '撤销发布', reopen: '重新编辑', refuse: '退文', exempt: '免于解读', 'privacy.mask': '遮盖个人信息',
  'privacy.keep': '保留个人信息', 'attachment.add': '上传附件', 'attachment.remove': '删除附件', 'validity.amend': '被修改',
  'validity.repeal': '被废止', 'validity.expire': '有效期届满失效', 'validity.extend': '修改有效期', 'validity.replaces': '修改或废止其他文件',
  'review.keep': '复核：维持公开属性', 'review.convert': '复核：转为主动公开', 'interp.due': '解读期限更新', 'import.historic': '历史信息导入',
};

export async function recordChange(
  tx: Db, ctx: Ctx, item: ItemRow,
  e: { action: string; note?: string | null; before?: unknown; after?: unknown },
): Promise<void> {
  await insertHistory(tx, {
    item_id: item.id, at: nowIso(), actor_label: actorLabel(ctx.actor), action: e.action, note: e.note ?? null,
    snapshot_json: JSON.stringify(snapshot(item)),
  });
  await writeAudit(tx, ctx, { action: `item.${e.action}`, entity: 'info_item', entityId: item.id, before: e.before, after: e.after ?? snapshot(item), areaId: item.area_id });
  await syncItemIndex(tx, ctx.dialect, item.id);
}
