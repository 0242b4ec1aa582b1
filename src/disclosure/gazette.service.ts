// 政府公报 (task 55): issues by year and number holding published documents, managed by the district office.
// The portal renders published issues from the same tables.
import { z } from 'zod';
import { writeAudit } from '../audit/public.js';
import { requireAdmin, requireAreaReader } from '../auth/policy.js';
import type { Ctx } from '../lib/context.js';
import { conflict, invalid, notFound } from '../lib/errors.js';
import { todayCst } from '../lib/time.js';
import { intId, parseInput, strictNumberInput, text } from '../lib/validate.js';
import { actorArea } from '../org/public.js';
import { optionalDate } from './disclosure.schema.js';
import * as repo from './gazette.repo.js';
import { validityToday } from './validity-display.js';

const issueInput = z.object({
  year: z.preprocess((v) => strictNumberInput(v), z.number({ error: '年份必须是数字' }).int('年份必须是整数').min(2000, '年份应在2000年至2099年之间').max(2099, '年份应在2000年至2099年之间')),
  number: z.preprocess((v) => strictNumberInput(v), z.number({ error: '期号必须是数字' }).int('期号必须是整数').min(1, '期号至少为1').max(999, '期号不能超过999')),
  title: text('标题', { max: 100 }),
});
/** An entry is named by its item id or its 索引号. */
const entryInput = z.object({ itemRef: text('政府信息', { max: 40 }) });
const publishIssueInput = z.object({ publishedOn: optionalDate('出版日期') });
const moveInput = z.object({ itemId: intId('政府信息'), direction: z.enum(['up', 'down'], { error: '请选择移动方向' }) });

export async function listIssues(ctx: Ctx) {
  requireAreaReader(ctx.actor);
  return repo.listIssues(ctx.db, await actorArea(ctx));
}

async function loadIssue(ctx: Ctx, id: number) {
  const issue = await repo.findIssue(ctx.db, id);
  if (!issue || issue.area_id !== (await actorArea(ctx))) throw notFound('公报期次');
  return issue;
}

export async function getIssue(ctx: Ctx, id: number) {
  requireAreaReader(ctx.actor);
  const issue = await loadIssue(ctx, id);
  return { issue, entries: await repo.listEntries(ctx.db, id) };
}

export async function createIssue(ctx: Ctx, raw: unknown): Promise<number> {
  requireAdmin(ctx.actor);
  const input = parseInput(issueInput, raw);
  const areaId = await actorArea(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    if (await repo.findIssueByNumber(tx, areaId, input.year, input.number)) throw invalid({ number: `${input.year}年第${input.number}期已存在` });
    const row = await tx.insertInto('gazette_issues').values({ area_id: areaId, ...input, published_on: null, status: 'draft' }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, { action: 'gazette.create', entity: 'gazette_issue', entityId: row.id, after: input, areaId });
    return row.id;
  });
}

const requireDraftIssue = (issue: { status: string }) => {
  if (issue.status !== 'draft') throw conflict('issue_published', '已出版的公报不能修改目录，请先撤回出版');
};

/** A warning for a document no longer in force (已废止 / 已失效 as of today), or null. */
export function notInForceWarning(e: { title: string; item_type: string; validity: string | null; valid_until: string | null }): string | null {
  if (e.item_type !== 'normative') return null;
  const v = validityToday(e.validity, e.valid_until);
  return v === 'repealed' || v === 'expired' ? `《${e.title}》${v === 'repealed' ? '已废止' : '已失效'}，收录前请确认确有必要（公报一般只刊登现行有效的文件）` : null;
}

/** Adds a published proactive document to a draft issue; returns a warning when it is no longer in force. */
export async function addEntry(ctx: Ctx, issueId: number, raw: unknown): Promise<{ warning: string | null }> {
  requireAdmin(ctx.actor);
  const issue = await loadIssue(ctx, issueId);
  const { itemRef } = parseInput(entryInput, raw);
  return ctx.db.transaction().execute(async (tx) => {
    requireDraftIssue((await repo.findIssue(tx, issueId))!);
    const item = await tx.selectFrom('info_items').selectAll().where('area_id', '=', issue.area_id)
      .where((eb) => (/^\d+$/.test(itemRef) ? eb.or([eb('id', '=', Number(itemRef)), eb('index_no', '=', itemRef)]) : eb('index_no', '=', itemRef)))
      .executeTakeFirst();
    if (!item) throw invalid({ itemRef: '找不到该政府信息（请填写信息编号或索引号）' });
    if (item.status !== 'published' || item.attribute !== 'proactive') throw invalid({ itemRef: '只能收录已发布的主动公开信息' });
    const existing = await repo.listEntries(tx, issueId);
    if (existing.some((e) => e.item_id === item.id)) throw invalid({ itemRef: '该信息已在本期目录中' });
    const sort = existing.reduce((m, e) => Math.max(m, e.sort), 0) + 1;
    await tx.insertInto('gazette_entries').values({ issue_id: issueId, item_id: item.id, sort }).execute();
    const warning = notInForceWarning(item);
    await writeAudit(tx, ctx, { action: 'gazette.entry.add', entity: 'gazette_issue', entityId: issueId, after: { itemId: item.id, indexNo: item.index_no, sort, ...(warning ? { warning } : {}) }, areaId: issue.area_id });
    return { warning };
  });
}

export async function removeEntry(ctx: Ctx, issueId: number, itemId: number): Promise<void> {
  requireAdmin(ctx.actor);
  const issue = await loadIssue(ctx, issueId);
  await ctx.db.transaction().execute(async (tx) => {
    requireDraftIssue((await repo.findIssue(tx, issueId))!);
    const r = await tx.deleteFrom('gazette_entries').where('issue_id', '=', issueId).where('item_id', '=', itemId).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw notFound('目录条目');
    await writeAudit(tx, ctx, { action: 'gazette.entry.remove', entity: 'gazette_issue', entityId: issueId, before: { itemId }, areaId: issue.area_id });
  });
}

/** Swaps an entry with its neighbour in the table of contents. */
export async function moveEntry(ctx: Ctx, issueId: number, raw: unknown): Promise<void> {
  requireAdmin(ctx.actor);
  const issue = await loadIssue(ctx, issueId);
  const input = parseInput(moveInput, raw);
  await ctx.db.transaction().execute(async (tx) => {
    requireDraftIssue((await repo.findIssue(tx, issueId))!);
    const entries = await repo.listEntries(tx, issueId);
    const i = entries.findIndex((e) => e.item_id === input.itemId);
    if (i < 0) throw notFound('目录条目');
    const j = input.direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= entries.length) return;
    const a = entries[i]!;
    const b = entries[j]!;
    // Renumber 1..n in the new order, so equal or sparse sort values never get stuck.
    const order = entries.map((e) => e.item_id);
    [order[i], order[j]] = [b.item_id, a.item_id];
    for (const [k, itemId] of order.entries()) {
      await tx.updateTable('gazette_entries').set({ sort: k + 1 }).where('issue_id', '=', issueId).where('item_id', '=', itemId).execute();
    }
    await writeAudit(tx, ctx, { action: 'gazette.entry.move', entity: 'gazette_issue', entityId: issueId, after: { order }, areaId: issue.area_id });
  });
}

export async function publishIssue(ctx: Ctx, issueId: number, raw: unknown): Promise<void> {
  requireAdmin(ctx.actor);
  const issue = await loadIssue(ctx, issueId);
  const input = parseInput(publishIssueInput, raw);
  const publishedOn = input.publishedOn ?? todayCst();
  await ctx.db.transaction().execute(async (tx) => {
    requireDraftIssue((await repo.findIssue(tx, issueId))!);
    const entries = await repo.listEntries(tx, issueId);
    if (!entries.length) throw conflict('issue_empty', '目录为空，不能出版');
    const bad = entries.filter((e) => e.status !== 'published' || e.attribute !== 'proactive');
    if (bad.length) throw conflict('issue_has_unpublished', `目录中有 ${bad.length} 条信息已不再公开（如《${bad[0]!.title}》），请先移出`);
    await tx.updateTable('gazette_issues').set({ status: 'published', published_on: publishedOn }).where('id', '=', issueId).execute();
    await writeAudit(tx, ctx, { action: 'gazette.publish', entity: 'gazette_issue', entityId: issueId, before: { status: issue.status }, after: { status: 'published', publishedOn }, areaId: issue.area_id });
  });
}

export async function unpublishIssue(ctx: Ctx, issueId: number): Promise<void> {
  requireAdmin(ctx.actor);
  const issue = await loadIssue(ctx, issueId);
  if (issue.status !== 'published') throw conflict('issue_draft', '该期尚未出版');
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('gazette_issues').set({ status: 'draft', published_on: null }).where('id', '=', issueId).execute();
    await writeAudit(tx, ctx, { action: 'gazette.unpublish', entity: 'gazette_issue', entityId: issueId, before: { status: 'published', publishedOn: issue.published_on }, after: { status: 'draft' }, areaId: issue.area_id });
  });
}
