// The privacy guard on items: hits in title, body and attachments; one-click masking; the reviewer's
// decision to keep a value, with a reason. Raw values never go into history or the audit log.
import type { Db } from '../db/schema.js';
import { actorLabel, type Ctx } from '../lib/context.js';
import { AppError, conflict } from '../lib/errors.js';
import { nowIso } from '../lib/time.js';
import { parseInput } from '../lib/validate.js';
import { keepInput, maskInput } from './disclosure.schema.js';
import { recordChange } from './item-history.js';
import { requireItemReviewer, requireItemWriter, requireReadable } from './item-policy.js';
import { PRIVACY_KIND_LABELS } from './labels.js';
import { blockingHits, maskInHtml, maskInText, parseDecisions, scanItem, type ItemHit } from './privacy-check.js';
import * as repo from './items.repo.js';
import { htmlToText } from './pure/sanitize.js';

/** Every hit of the item as it is now stored (reads through the given handle, so usable inside a transaction). */
export async function itemHits(db: Db, item: repo.ItemRow): Promise<ItemHit[]> {
  const attachments = await repo.listAttachments(db, item.id);
  return scanItem({ title: item.title, bodyText: item.body_text, attachments }, parseDecisions(item.privacy_json));
}

/** Refuses submission or publication while a high-severity hit is neither masked nor kept. */
export async function assertNoBlockingHits(db: Db, item: repo.ItemRow): Promise<void> {
  const blocking = blockingHits(await itemHits(db, item));
  if (!blocking.length) return;
  const list = blocking.slice(0, 5).map((h) => `${h.sourceLabel}中的${PRIVACY_KIND_LABELS[h.kind]} ${h.masked}`).join('；');
  throw new AppError('conflict', 'privacy_blocked',
    `发现 ${blocking.length} 处个人信息尚未处理（${list}${blocking.length > 5 ? '……' : ''}）。请逐项遮盖，或由审核人说明理由后保留。`);
}

const MASKABLE_STATUSES = ['draft', 'returned', 'submitted'];

/** Replaces the hit's value with its mask everywhere in the title or body (all copies of the same value). */
export async function maskHit(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  const found = requireReadable(ctx.actor, await repo.findItem(ctx.db, id));
  requireItemWriter(ctx.actor, found);
  const input = parseInput(maskInput, raw);
  await ctx.db.transaction().execute(async (tx) => {
    const item = (await repo.findItem(tx, id))!;
    if (!MASKABLE_STATUSES.includes(item.status)) throw conflict('not_editable', '已发布或已撤回的信息不能修改');
    const hit = (await itemHits(tx, item)).find((h) => h.source === input.source && h.start === input.start && h.text === input.text);
    if (!hit) throw conflict('stale_hit', '内容已发生变化，请刷新页面后重新检查');
    const patch = input.source === 'title'
      ? (() => { const r = maskInText(item.title, hit.text, hit.masked); return r.count ? { title: r.text } : null; })()
      : (() => { const r = maskInHtml(item.body_html, hit.text, hit.masked); return r.count ? { body_html: r.html, body_text: htmlToText(r.html) } : null; })();
    if (!patch) throw conflict('mask_failed', '该内容被格式标记分隔，无法自动遮盖，请在编辑页面中手动修改');
    await repo.updateItem(tx, id, { ...patch, updated_at: nowIso() });
    const after = (await repo.findItem(tx, id))!;
    const what = `${hit.sourceLabel}中的${PRIVACY_KIND_LABELS[hit.kind]}已遮盖为 ${hit.masked}`;
    await recordChange(tx, ctx, after, { action: 'privacy.mask', note: what, before: { source: hit.source, kind: hit.kind }, after: { source: hit.source, kind: hit.kind, masked: hit.masked } });
  });
}

/** The reviewer keeps a value on purpose (e.g. a published contact number), with the reason. */
export async function keepHit(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  const found = requireReadable(ctx.actor, await repo.findItem(ctx.db, id));
  requireItemReviewer(ctx.actor, found);
  const input = parseInput(keepInput, raw);
  await ctx.db.transaction().execute(async (tx) => {
    const item = (await repo.findItem(tx, id))!;
    if (!MASKABLE_STATUSES.includes(item.status)) throw conflict('not_editable', '已发布或已撤回的信息不能修改');
    const hit = (await itemHits(tx, item)).find((h) => h.kind === input.kind && h.text === input.text);
    if (!hit) throw conflict('stale_hit', '内容已发生变化，请刷新页面后重新检查');
    const decisions = parseDecisions(item.privacy_json);
    decisions.kept = decisions.kept.filter((k) => !(k.kind === hit.kind && k.text === hit.text));
    decisions.kept.push({ kind: hit.kind, text: hit.text, reason: input.reason, by: actorLabel(ctx.actor), at: nowIso() });
    await repo.updateItem(tx, id, { privacy_json: JSON.stringify(decisions), updated_at: nowIso() });
    const after = (await repo.findItem(tx, id))!;
    await recordChange(tx, ctx, after, {
      action: 'privacy.keep', note: `保留${PRIVACY_KIND_LABELS[hit.kind]} ${hit.masked}：${input.reason}`,
      after: { kind: hit.kind, masked: hit.masked, reason: input.reason },
    });
  });
}

/** Records keep decisions for every blocking hit at once (the CLI's --keep-privacy), inside the caller's transaction. */
export async function keepAllBlocking(tx: Db, ctx: Ctx, item: repo.ItemRow, reason: string): Promise<repo.ItemRow> {
  const blocking = blockingHits(await itemHits(tx, item));
  if (!blocking.length) return item;
  const decisions = parseDecisions(item.privacy_json);
  for (const h of blocking) decisions.kept.push({ kind: h.kind, text: h.text, reason, by: actorLabel(ctx.actor), at: nowIso() });
  await repo.updateItem(tx, item.id, { privacy_json: JSON.stringify(decisions), updated_at: nowIso() });
  const after = (await repo.findItem(tx, item.id))!;
  await recordChange(tx, ctx, after, {
    action: 'privacy.keep', note: `保留 ${blocking.length} 处个人信息：${reason}`,
    after: { kept: blocking.map((h) => ({ kind: h.kind, masked: h.masked })), reason },
  });
  return after;
}
