// The publication workflow: draft → submitted → (保密审查 and attribute sign-off) → published, with return,
// recall, unpublish and reopen. Submission and publication pass the privacy guard and the
// "谁起草、谁解读" rule; an interpretation is published only after its policy.
import { withheldBasis } from './pure/legal-basis.js';
import type { Db } from '../db/schema.js';
import type { Ctx } from '../lib/context.js';
import { AppError, conflict, invalid } from '../lib/errors.js';
import { nowIso } from '../lib/time.js';
import { securitySettings } from '../auth/public.js';
import { parseInput } from '../lib/validate.js';
import { commentInput, reasonInput, signoffInput, type SignoffInput } from './disclosure.schema.js';
import { interpretationDue, type Env } from './item-fields.js';
import { recordChange, snapshot } from './item-history.js';
import { requireItemReviewer, requireItemWriter, requireReadable } from './item-policy.js';
import { addYears, needsInterpretation, REVIEW_INTERVAL_YEARS, statutoryDueDate } from './item-rules.js';
import { ATTRIBUTE_LABELS } from './labels.js';
import { assertNoBlockingHits } from './privacy.service.js';
import { signoffGuardHits } from './signoff-guards.js';
import { prepareEnv } from './items.service.js';
import * as repo from './items.repo.js';
import { areaAdmins, notifyUsers, unitUsers } from '../notify/public.js';
import { prepareItemIndex } from '../search/public.js';

const requireStatus = (item: repo.ItemRow, allowed: repo.ItemRow['status'][], what: string) => {
  if (!allowed.includes(item.status)) throw conflict('wrong_status', `当前状态不能${what}`);
};

/** "谁起草、谁解读": a proactive policy document that needs an interpretation must have one drafted, or an exemption. */
async function assertInterpretationDrafted(tx: Db, item: repo.ItemRow): Promise<void> {
  if (item.attribute !== 'proactive' || !needsInterpretation(item) || item.interp_exempt_reason) return;
  if ((await repo.countLiveInterpretations(tx, item.id)) > 0) return;
  throw new AppError('conflict', 'interpretation_required',
    '退文：按照“谁起草、谁解读”的要求，该政策文件须同步起草政策解读。请先新建关联本文件的政策解读稿，或由审核人登记免于解读的理由。');
}

/** Records a 退文 in its own transaction (the refused change itself was rolled back), then rethrows. */
async function withRefusalRecord<T>(ctx: Ctx, id: number, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError && err.code === 'interpretation_required') {
      await ctx.db.transaction().execute(async (tx) => {
        const item = (await repo.findItem(tx, id))!;
        await recordChange(tx, ctx, item, { action: 'refuse', note: '缺少政策解读稿，退文', after: { refused: 'interpretation_required' } });
      });
    }
    throw err;
  }
}

async function loadForChange(ctx: Ctx, id: number) {
  return requireReadable(ctx.actor, await repo.findItem(ctx.db, id));
}

export async function submitTx(tx: Db, ctx: Ctx, id: number): Promise<repo.ItemRow> {
  const item = (await repo.findItem(tx, id))!;
  requireItemWriter(ctx.actor, item);
  requireStatus(item, ['draft', 'returned'], '提交审核');
  await assertNoBlockingHits(tx, item);
  await assertInterpretationDrafted(tx, item);
  await repo.updateItem(tx, id, { status: 'submitted', updated_at: nowIso() });
  const after = (await repo.findItem(tx, id))!;
  await recordChange(tx, ctx, after, { action: 'submit', before: snapshot(item) });
  // Tell the reviewers (the unit's reviewers; the district office when the unit has none) at once.
  let reviewers = await unitUsers(tx, item.unit_id, ['unit_reviewer']);
  if (!reviewers.length) reviewers = await areaAdmins(tx, item.area_id);
  await notifyUsers(tx, reviewers.filter((u) => ctx.actor.kind !== 'user' || u !== ctx.actor.userId), {
    kind: 'item.submitted', title: `待您审核：《${item.title}》`, body: `${item.title} 已提交保密审查和发布审核，请及时签发或退回。`,
    link: `/console/items/${id}`, areaId: item.area_id,
  });
  return after;
}

export async function submitItem(ctx: Ctx, id: number): Promise<void> {
  requireItemWriter(ctx.actor, await loadForChange(ctx, id));
  await withRefusalRecord(ctx, id, () => ctx.db.transaction().execute((tx) => submitTx(tx, ctx, id)));
}

/** The reviewer's sign-off: 保密审查 confirmed, attribute (with basis) confirmed, then published or recorded. */
export async function publishTx(tx: Db, ctx: Ctx, env: Env, id: number, s: SignoffInput): Promise<repo.ItemRow> {
  const item = (await repo.findItem(tx, id))!;
  requireItemReviewer(ctx.actor, item);
  requireStatus(item, ['submitted'], '签发');
  // 发布日期 is a fact: the day of sign-off. Neither the form, the API nor the CLI can back- or forward-date it;
  // older information from a previous site goes through the admin's audited 历史信息导入 (historic-import.service.ts).
  const publishedOn = env.today;
  if (s.publishedOn && s.publishedOn !== env.today) {
    throw invalid({ publishedOn: `发布日期即签发当日（${env.today}），不能倒签或预签；原网站的历史信息请由管理员通过“历史信息导入”录入` });
  }
  if (publishedOn < item.formed_on) throw invalid({ publishedOn: '发布日期不能早于信息形成日期' });
  const proactive = s.attribute === 'proactive';
  const draft = { ...item, attribute: s.attribute };
  await assertNoBlockingHits(tx, item);
  const guarded = await signoffGuardHits(tx, item);
  const guardHits = guarded.flatMap((g) => g.hits);
  if (guardHits.length && !s.wordingConfirmed) {
    throw new AppError('conflict', 'wording_unconfirmed',
      `用词检查发现${guardHits.length}处需要核对：${guardHits.map((h) => h.message).join('；')}。请退回修改，或核对无误后勾选“已核对用词检查提示”再签发。`);
  }
  for (const g of guarded) await g.guard.confirmed?.(tx, item.id, g.hits);
  await assertInterpretationDrafted(tx, draft);
  let due: string | null = null;
  if (proactive && item.item_type === 'interpretation') {
    const policy = await repo.findItem(tx, item.policy_item_id!);
    if (!policy || policy.status !== 'published' || policy.attribute !== 'proactive') {
      throw conflict('policy_unpublished', '所解读的政策文件尚未公开发布：政策解读须在政策文件发布后发布');
    }
    due = interpretationDue(env, policy);
  } else {
    due = statutoryDueDate(env.cal, { ...item, attribute: s.attribute });
  }
  await repo.updateItem(tx, id, {
    status: 'published', attribute: s.attribute,
    withheld_basis: s.attribute === 'withheld' ? s.withheldBasis! : null,
    attribute_reason: proactive ? null : s.attributeReason ?? item.attribute_reason,
    published_on: proactive ? publishedOn : null, published_at: nowIso(), due_date: due,
    next_review_on: proactive ? null : s.nextReviewOn ?? addYears(env.today, REVIEW_INTERVAL_YEARS),
    updated_at: nowIso(),
  });
  const after = (await repo.findItem(tx, id))!;
  const basis = after.withheld_basis ? `，依据${withheldBasis(after.withheld_basis as Parameters<typeof withheldBasis>[0]).article}` : '';
  await recordChange(tx, ctx, after, {
    action: 'publish', before: snapshot(item),
    note: `保密审查已确认；公开属性：${ATTRIBUTE_LABELS[after.attribute]}${basis}${proactive ? `；发布日期 ${publishedOn}` : '；不在门户公开'}${guardHits.length ? `；用词检查提示${guardHits.length}处已由审核人核对确认（${guardHits.map((h) => h.message).join('；')}）` : ''}`,
  });
  if (proactive && (after.item_type === 'normative' || after.item_type === 'policy')) await refreshInterpretationDues(tx, ctx, env, after);
  return after;
}

/** A policy's publication starts its interpretations' 3-working-day clock. */
async function refreshInterpretationDues(tx: Db, ctx: Ctx, env: Env, policy: repo.ItemRow): Promise<void> {
  const due = interpretationDue(env, policy);
  for (const interp of await repo.listInterpretations(tx, policy.id)) {
    if (interp.status === 'withdrawn' || interp.attribute !== 'proactive' || interp.due_date === due) continue;
    await repo.updateItem(tx, interp.id, { due_date: due, updated_at: nowIso() });
    const after = (await repo.findItem(tx, interp.id))!;
    await recordChange(tx, ctx, after, { action: 'interp.due', note: `政策文件于 ${policy.published_on} 发布，解读应于 ${due} 前发布`, before: snapshot(interp) });
  }
}

export async function publishItem(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  const found = await loadForChange(ctx, id);
  requireItemReviewer(ctx.actor, found);
  // Separation of duties (setting, on by default): the 保密审查 signer of a normative document is not its drafter.
  if (securitySettings().separationOfDuties && found.item_type === 'normative' && ctx.actor.kind === 'user' && found.created_by === ctx.actor.userId) {
    throw conflict('separation_of_duties', '行政规范性文件的保密审查签发人不能是起草人，请由本单位其他审核人或政务公开办签发');
  }
  const input = parseInput(signoffInput, raw);
  const env = await prepareEnv(ctx, found.area_id);
  if (input.attribute === 'proactive') await prepareItemIndex(ctx.db, id); // jieba before the transaction, not inside it
  await withRefusalRecord(ctx, id, () => ctx.db.transaction().execute((tx) => publishTx(tx, ctx, env, id, input)));
}

/** Generic single-step transition used by return, recall, unpublish and reopen. */
async function transition(ctx: Ctx, id: number, o: {
  reviewer: boolean; from: repo.ItemRow['status'][]; to: repo.ItemRow['status']; what: string; action: string; note?: string;
  extra?: repo.ItemPatch;
}): Promise<void> {
  const found = await loadForChange(ctx, id);
  if (o.reviewer) requireItemReviewer(ctx.actor, found);
  else requireItemWriter(ctx.actor, found);
  await ctx.db.transaction().execute(async (tx) => {
    const item = (await repo.findItem(tx, id))!;
    requireStatus(item, o.from, o.what);
    await repo.updateItem(tx, id, { status: o.to, ...o.extra, updated_at: nowIso() });
    const after = (await repo.findItem(tx, id))!;
    await recordChange(tx, ctx, after, { action: o.action, note: o.note ?? null, before: snapshot(item) });
  });
}

export async function returnItem(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  requireItemReviewer(ctx.actor, await loadForChange(ctx, id));
  const { comment } = parseInput(commentInput, raw);
  await transition(ctx, id, { reviewer: true, from: ['submitted'], to: 'returned', what: '退回', action: 'return', note: comment });
}

export const recallItem = (ctx: Ctx, id: number) =>
  transition(ctx, id, { reviewer: false, from: ['submitted'], to: 'draft', what: '撤回提交', action: 'recall' });

export async function unpublishItem(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  requireItemReviewer(ctx.actor, await loadForChange(ctx, id));
  const { reason } = parseInput(reasonInput, raw);
  await transition(ctx, id, { reviewer: true, from: ['published'], to: 'withdrawn', what: '撤销发布', action: 'unpublish', note: reason });
}

export const reopenItem = (ctx: Ctx, id: number) =>
  transition(ctx, id, { reviewer: false, from: ['withdrawn'], to: 'draft', what: '重新编辑', action: 'reopen', extra: { published_on: null, published_at: null } });

/** The reviewer exempts a policy document from "谁起草、谁解读", with the reason. */
export async function exemptFromInterpretation(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  const found = await loadForChange(ctx, id);
  requireItemReviewer(ctx.actor, found);
  const { reason } = parseInput(reasonInput, raw);
  await ctx.db.transaction().execute(async (tx) => {
    const item = (await repo.findItem(tx, id))!;
    if (!needsInterpretation(item)) throw conflict('no_interpretation_needed', '该信息不需要政策解读');
    requireStatus(item, ['draft', 'returned', 'submitted'], '登记免于解读');
    await exemptTx(tx, ctx, item, reason);
  });
}

export async function exemptTx(tx: Db, ctx: Ctx, item: repo.ItemRow, reason: string): Promise<repo.ItemRow> {
  await repo.updateItem(tx, item.id, { interp_exempt_reason: reason, updated_at: nowIso() });
  const after = (await repo.findItem(tx, item.id))!;
  await recordChange(tx, ctx, after, { action: 'exempt', note: reason, before: snapshot(item) });
  return after;
}
