// Turns validated item input into columns: unit, category, body sanitising, type-specific fields and the
// due date. Runs inside the caller's transaction (reads only through `tx`).
import type { WorkingCalendar } from '../calendar/public.js';
import type { Db } from '../db/schema.js';
import type { Ctx } from '../lib/context.js';
import { invalid } from '../lib/errors.js';
import type { ItemInput } from './disclosure.schema.js';
import { findCategory } from './categories.repo.js';
import { canReadItem, draftUnitId } from './item-policy.js';
import {
  INTERPRETATION_DAYS, bodyInputToHtml, defaultCategory, defaultDisclosureDays, statutoryDueDate,
} from './item-rules.js';
import { findItem, type ItemPatch, type ItemRow } from './items.repo.js';
import { htmlToText } from './pure/sanitize.js';
import { sanitizeBody } from './pure/sanitize.js';

/** What a change needs from outside its transaction: the area, its working calendar, today. */
export type Env = { areaId: number; cal: WorkingCalendar; today: string };

/** The unit an item is drafted for: a unit user's own unit, the admin's choice (default: the district), the CLI's choice. */
export async function resolveUnit(tx: Db, ctx: Ctx, env: Env, unitId: number | undefined) {
  const id = draftUnitId(ctx.actor, unitId);
  if (id === undefined) throw invalid({ unitId: '请选择发布机构' });
  const unit = await tx.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  if (!unit || (unit.area_id !== env.areaId && unit.id !== env.areaId)) throw invalid({ unitId: '发布机构不存在' });
  return unit;
}

/** The policy document an interpretation belongs to: a normative or policy item the actor can see (or a public one). */
export async function resolvePolicy(tx: Db, ctx: Ctx, env: Env, policyId: number, selfId?: number): Promise<ItemRow> {
  const p = await findItem(tx, policyId);
  const visible = p && p.area_id === env.areaId && (canReadItem(ctx.actor, p) || (p.status === 'published' && p.attribute === 'proactive'));
  if (!p || !visible || p.id === selfId) throw invalid({ policyItemId: '所解读的政策文件不存在' });
  if (p.item_type !== 'normative' && p.item_type !== 'policy') throw invalid({ policyItemId: '只能解读行政规范性文件或其他政策文件' });
  if (p.status === 'withdrawn') throw invalid({ policyItemId: '所解读的政策文件已撤回' });
  return p;
}

/** Due date of an interpretation: 3 working days after its policy's publication, unknown until then. */
export const interpretationDue = (env: Env, policy: ItemRow): string | null =>
  statutoryDueDate(env.cal, { attribute: 'proactive', item_type: 'interpretation', formed_on: env.today, disclosure_days: INTERPRETATION_DAYS }, policy);

/** Columns set from the form, shared by create and update. */
export async function itemColumns(tx: Db, ctx: Ctx, env: Env, input: ItemInput, existing?: ItemRow): Promise<ItemPatch> {
  const type = input.itemType;
  const categoryCode = input.categoryCode ?? defaultCategory(type);
  if (!(await findCategory(tx, env.areaId, 'catalog', categoryCode))) throw invalid({ categoryCode: '公开目录不存在' });
  if (input.topicCode && !(await findCategory(tx, env.areaId, 'topic', input.topicCode))) throw invalid({ topicCode: '主题分类不存在' });
  const formedOn = input.formedOn ?? existing?.formed_on ?? env.today;
  if (formedOn > env.today) throw invalid({ formedOn: '信息形成（变更）日期不能晚于今天' });
  const bodyHtml = sanitizeBody(bodyInputToHtml(input.body));
  const bodyText = htmlToText(bodyHtml);
  if (!bodyText.trim() && !/<img\s/.test(bodyHtml)) throw invalid({ body: '正文清理不安全内容后为空，请填写正文' });

  let disclosureDays = input.disclosureDays ?? defaultDisclosureDays(type, categoryCode);
  let policyId: number | null = null;
  let dueDate: string | null = null;
  if (type === 'interpretation') {
    const policy = await resolvePolicy(tx, ctx, env, input.policyItemId!, existing?.id);
    policyId = policy.id;
    disclosureDays = INTERPRETATION_DAYS;
    dueDate = interpretationDue(env, policy);
  } else {
    dueDate = statutoryDueDate(env.cal, { attribute: input.attribute, item_type: type, formed_on: formedOn, disclosure_days: disclosureDays });
  }
  return {
    item_type: type,
    title: input.title,
    doc_number: input.docNumber ?? '',
    category_code: categoryCode,
    topic_code: input.topicCode ?? null,
    body_html: bodyHtml,
    body_text: bodyText,
    written_on: input.writtenOn ?? null,
    formed_on: formedOn,
    attribute: input.attribute,
    withheld_basis: input.attribute === 'withheld' ? input.withheldBasis! : null,
    attribute_reason: input.attribute === 'proactive' ? null : input.attributeReason ?? null,
    disclosure_days: disclosureDays,
    due_date: input.attribute === 'proactive' ? dueDate : null,
    validity: type === 'normative' ? existing?.validity ?? 'valid' : null,
    valid_until: type === 'normative' ? input.validUntil ?? null : null,
    policy_item_id: policyId,
    interp_form: type === 'interpretation' ? input.interpForm! : null,
    needs_interpretation: type === 'normative' || (type === 'policy' && input.needsInterpretation) ? 1 : 0,
  };
}
