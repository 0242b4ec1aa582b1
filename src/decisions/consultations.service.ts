// Consultations (征求意见): creation with the statutory minimum period, public comments, moderation
// with the privacy guard, grouping of identical/near-identical comments, 采纳情况 and the feedback report.
import { z } from 'zod';
import { sql } from 'kysely';
import { writeAudit } from '../audit/public.js';
import type { Db } from '../db/schema.js';
import type { CommentStatus, ConsultationKind, ConsultationsTable, Disposition } from '../db/decisions.tables.js';
import { createDraftItem, itemRefs, maskAll, scanPersonalData } from '../disclosure/public.js';
import { actorArea, findUnit, unitByName } from '../org/public.js';
import type { Ctx } from '../lib/context.js';
import { actorId } from '../lib/context.js';
import { AppError, fail, invalid, notFound } from '../lib/errors.js';
import { nowIso, todayCst } from '../lib/time.js';
import { isoDate, oneOf, optionalText, parseInput, strictNumberInput, text } from '../lib/validate.js';
import type { Selectable } from 'kysely';
import { requireConsultationManager, requireConsultationReader, requireDecisionsAdmin, requireDecisionsStaff, unitScope } from './decisions-policy.js';
import { normalizeComment } from './pure/normalize.js';
import { groupComments } from './pure/grouping.js';
import {
  CHANNELS, consultationStatus, daysAfter, DISPOSITIONS, MAJOR_DECISION_MIN_DAYS, WITHHELD_REASONS,
  type ConsultationStatus, type WithheldReason,
} from './pure/rules.js';

export type Consultation = Selectable<ConsultationsTable>;

// ── settings (shared key/value table) ──
export const SETTING_KEYS = {
  minNormative: 'decisions.min_days.normative',
  minOther: 'decisions.min_days.other',
  concentrated: 'decisions.concentrated_min_size',
} as const;
export const SETTING_DEFAULTS = { minNormative: 7, minOther: 7, concentrated: 10 } as const;

async function intSetting(db: Db, key: string, dflt: number): Promise<number> {
  const v = (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
  const n = v === undefined ? NaN : Number(v);
  return Number.isInteger(n) && n >= 0 ? n : dflt;
}
export const minimumDays = async (db: Db, kind: ConsultationKind): Promise<number> =>
  kind === 'major_decision' ? MAJOR_DECISION_MIN_DAYS
    : kind === 'normative' ? intSetting(db, SETTING_KEYS.minNormative, SETTING_DEFAULTS.minNormative)
      : intSetting(db, SETTING_KEYS.minOther, SETTING_DEFAULTS.minOther);
export const concentratedMinSize = (db: Db) => intSetting(db, SETTING_KEYS.concentrated, SETTING_DEFAULTS.concentrated);

export async function saveSettings(ctx: Ctx, input: unknown): Promise<void> {
  requireAdminish(ctx);
  const n = (label: string, min = 0, minMessage = `${label}不能为负数`) => z.preprocess((x) => strictNumberInput(x), z.number({ error: `${label}必须是整数` }).int(`${label}必须是整数`).min(min, minMessage).max(365, `${label}不能超过365`));
  const v = parseInput(z.object({ minNormative: n('规范性文件最短征求意见天数'), minOther: n('其他征求意见最短天数'), concentrated: n('较为集中意见的最少条数', 2, '较为集中意见至少2条') }), input);
  await ctx.db.transaction().execute(async (tx) => {
    for (const [k, key] of Object.entries(SETTING_KEYS)) {
      const value = String(v[k as keyof typeof v]);
      const has = await tx.selectFrom('settings').select('key').where('key', '=', key).executeTakeFirst();
      if (has) await tx.updateTable('settings').set({ value }).where('key', '=', key).execute();
      else await tx.insertInto('settings').values({ key, value }).execute();
    }
    await writeAudit(tx, ctx, { action: 'decisions.settings', entity: 'settings', entityId: 'decisions', after: v });
  });
}

// ── permissions ──
const requireAdminish = (ctx: Ctx): void => requireDecisionsAdmin(ctx.actor);
/** Admins of the area, or the operator/reviewer of the consultation's unit (decisions-policy.ts). */
export const requireManager = (ctx: Ctx, c: { area_id: number; unit_id: number }): void => requireConsultationManager(ctx.actor, c);
export const requireReader = (ctx: Ctx, c: { area_id: number; unit_id: number }): void => requireConsultationReader(ctx.actor, c);

/** On the API contract's endpoints validation errors answer 422 (the contract), with the same fields. */
export function as422(err: unknown): unknown {
  if (err instanceof AppError && err.kind === 'invalid') return new AppError('unprocessable', 'consultation_invalid', err.message, err.fields);
  return err;
}

// ── creation ──
export const CONSULTATION_LABELS: Record<string, string> = {
  title: '标题', kind: '类型', unit: '承办单位', opensOn: '开始日期', closesOn: '截止日期', shorteningReason: '缩短期限的理由',
  channels: '征求意见渠道', decisionId: '所属重大行政决策', draftItemId: '草案全文', explanationItemId: '起草说明',
};
const optId = (label: string) => z.preprocess((v) => (v === '' || v === null ? undefined : v),
  z.preprocess((x) => strictNumberInput(x), z.number({ error: `${label}无效` }).int(`${label}无效`).positive(`${label}无效`).max(2_147_483_647, `${label}无效`)).optional());
const createSchema = z.object({
  title: text('标题', { max: 200 }),
  kind: oneOf('类型', ['major_decision', 'normative', 'other']),
  unit: z.union([z.number().int().positive(), z.string().trim().min(1, '请填写承办单位').max(100, '承办单位不能超过100个字符')], { error: '请填写承办单位' }),
  opensOn: isoDate('开始日期'),
  closesOn: isoDate('截止日期'),
  // Whitespace only counts as no reason (so a too-short period answers CONSULTATION_TOO_SHORT, not a field error).
  shorteningReason: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), optionalText('缩短期限的理由', 1000)),
  channels: z.preprocess((v) => (typeof v === 'string' ? (v ? v.split(',') : []) : v),
    z.array(z.enum(CHANNELS, { error: '征求意见渠道无效' })).max(CHANNELS.length).optional()),
  decisionId: optId('所属重大行政决策'),
  draftItemId: optId('草案全文'),
  explanationItemId: optId('起草说明'),
});

export async function createConsultation(ctx: Ctx, input: unknown): Promise<Consultation> {
  requireDecisionsStaff(ctx.actor);
  const v = parseInput(createSchema, input);
  const areaId = await actorArea(ctx);
  const unit = typeof v.unit === 'number' || /^\d+$/.test(v.unit)
    ? await findUnit(ctx.db, Number(v.unit)) : await unitByName(ctx.db, areaId, v.unit);
  if (!unit || (unit.area_id !== areaId && unit.id !== areaId)) throw invalid({ unit: '找不到该承办单位' });
  requireManager(ctx, { area_id: areaId, unit_id: unit.id });
  if (v.closesOn < v.opensOn) throw invalid({ closesOn: '截止日期不能早于开始日期' });
  const days = daysAfter(v.opensOn, v.closesOn);
  const min = await minimumDays(ctx.db, v.kind);
  if (days < min && !v.shorteningReason) {
    if (v.kind === 'major_decision') {
      throw fail('CONSULTATION_TOO_SHORT', `重大行政决策征求意见期限一般不少于30日（不含开始当日），本次只有${days}日；确需缩短的，请说明理由`, { closesOn: `征求意见期限只有${days}日，不少于30日或填写缩短理由`, shorteningReason: '期限不足30日时须说明理由' });
    }
    throw invalid({ closesOn: `征求意见期限只有${days}日，不少于${min}日或填写缩短理由`, shorteningReason: `期限不足${min}日时须说明理由` });
  }
  const docIds = [v.draftItemId, v.explanationItemId].filter((x): x is number => !!x);
  if (docIds.length) {
    const refs = await itemRefs(ctx.db, docIds);
    if (v.draftItemId && refs.get(v.draftItemId)?.areaId !== areaId) throw invalid({ draftItemId: '找不到该信息' });
    if (v.explanationItemId && refs.get(v.explanationItemId)?.areaId !== areaId) throw invalid({ explanationItemId: '找不到该信息' });
  }
  if (v.decisionId) {
    const d = await ctx.db.selectFrom('decisions').select(['id', 'area_id']).where('id', '=', v.decisionId).executeTakeFirst();
    if (!d || d.area_id !== areaId) throw invalid({ decisionId: '找不到该重大行政决策事项' });
  }
  const at = nowIso();
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('consultations').values({
      area_id: areaId, unit_id: unit.id, decision_id: v.decisionId ?? null, title: v.title, kind: v.kind,
      opens_on: v.opensOn, closes_on: v.closesOn, shortening_reason: v.shorteningReason ?? null,
      channels: (v.channels ?? []).join(','), draft_item_id: v.draftItemId ?? null, explanation_item_id: v.explanationItemId ?? null,
      report_json: null, report_published_at: null, created_by: actorId(ctx.actor), created_at: at, updated_at: at,
    }).returningAll().executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, { action: 'consultation.create', entity: 'consultation', entityId: row.id, after: row, areaId });
    return row;
  });
}

export async function findConsultation(db: Db, id: number): Promise<Consultation | undefined> {
  if (!(id > 0)) return undefined;
  return db.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirst();
}

// ── counters and the public view ──
export type Counters = { received: number; published: number; withheld: number; pending: number };
const toCounters = (published: number, withheld: number, pending: number): Counters =>
  // Pending comments are not shown: they count as withheld (reason 待审核) so received = published + withheld.
  ({ received: published + withheld + pending, published, withheld: withheld + pending, pending });

/** The public counters, kept on the consultation row (see `shiftCounts`). */
export async function counters(db: Db, consultationId: number): Promise<Counters> {
  const r = await db.selectFrom('consultations').select(['n_published', 'n_withheld', 'n_pending']).where('id', '=', consultationId).executeTakeFirst();
  return toCounters(Number(r?.n_published ?? 0), Number(r?.n_withheld ?? 0), Number(r?.n_pending ?? 0));
}

/** The same counters counted from the comments (for checks, repairs and bulk loads). */
export async function countedCounters(db: Db, consultationId: number): Promise<Counters> {
  const rows = await db.selectFrom('consultation_comments').select(['status', sql<number>`count(*)`.as('n')])
    .where('consultation_id', '=', consultationId).groupBy('status').execute();
  const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>;
  return toCounters(by.published ?? 0, by.withheld ?? 0, by.pending ?? 0);
}

/** Rewrites the stored counters from the comments (after a bulk load or to repair). */
export async function recount(db: Db, consultationId: number): Promise<Counters> {
  const n = await countedCounters(db, consultationId);
  await db.updateTable('consultations').set({ n_published: n.published, n_withheld: n.withheld - n.pending, n_pending: n.pending }).where('id', '=', consultationId).execute();
  return n;
}

const COUNT_COL = { pending: 'n_pending', published: 'n_published', withheld: 'n_withheld' } as const;
/** Moves `n` comments from one status to another in the stored counters (inside the same transaction). */
async function shiftCounts(tx: Db, consultationId: number, from: CommentStatus | null, to: CommentStatus, n = 1): Promise<void> {
  if (n === 0 || from === to) return;
  const set: Record<string, unknown> = { [COUNT_COL[to]]: sql`${sql.ref(COUNT_COL[to])} + ${n}` };
  if (from) set[COUNT_COL[from]] = sql`${sql.ref(COUNT_COL[from])} - ${n}`;
  await tx.updateTable('consultations').set(set).where('id', '=', consultationId).execute();
}

export type PublicConsultation = {
  id: number; title: string; kind: ConsultationKind; opensOn: string; closesOn: string; status: ConsultationStatus;
  shorteningReason: string | null; channels: string[]; unit: string; decisionId: number | null;
  received: number; published: number; withheld: number; pending: number; feedbackPublished: boolean; feedbackPublishedAt: string | null;
};
/** The public view of a consultation row (its counters are on the row). */
export function consultationView(c: Consultation, unitName: string): PublicConsultation {
  return {
    id: c.id, title: c.title, kind: c.kind, opensOn: c.opens_on, closesOn: c.closes_on, status: consultationStatus(c, todayCst()),
    shorteningReason: c.shortening_reason, channels: c.channels ? c.channels.split(',') : [], unit: unitName,
    decisionId: c.decision_id, ...toCounters(Number(c.n_published), Number(c.n_withheld), Number(c.n_pending)),
    feedbackPublished: !!c.report_published_at, feedbackPublishedAt: c.report_published_at,
  };
}

export async function publicConsultation(db: Db, id: number): Promise<{ c: Consultation; view: PublicConsultation }> {
  const c = await findConsultation(db, id);
  if (!c) throw notFound('征求意见');
  const unit = await findUnit(db, c.unit_id);
  return { c, view: consultationView(c, unit?.name ?? '') };
}

export const PAGE_SIZE = 50;
/** Published comments for the public page; a group shows once (its first published member) with its size. */
export async function publicComments(db: Db, consultationId: number, page: number) {
  const base = db.selectFrom('consultation_comments as m').where('m.consultation_id', '=', consultationId).where('m.listed', '=', 1);
  const [rows, total] = await Promise.all([
    base.leftJoin('consultation_groups as g', 'g.id', 'm.group_id')
      .select(['m.id', 'm.received_at', 'm.section', 'm.shown_text', 'm.publish_mode', 'g.size as group_size'])
      .orderBy('m.id').limit(PAGE_SIZE).offset((Math.max(1, page) - 1) * PAGE_SIZE).execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ ...r, group_size: r.group_size === null ? null : Number(r.group_size) })), total: Number(total.n), page: Math.max(1, page), pages: Math.max(1, Math.ceil(Number(total.n) / PAGE_SIZE)) };
}

/** Keeps `listed` right after a change: for one comment outside groups, one group, or (no argument) the whole consultation. */
async function relist(tx: Db, consultationId: number, scope: { commentId: number } | { groupId: number } | null): Promise<void> {
  const firstOfGroups = (groupId?: number) => {
    let q = tx.selectFrom('consultation_comments').select(sql<number>`min(id)`.as('id')).where('consultation_id', '=', consultationId).where('status', '=', 'published');
    q = groupId === undefined ? q.where('group_id', 'is not', null) : q.where('group_id', '=', groupId);
    return q.groupBy('group_id');
  };
  if (scope && 'commentId' in scope) {
    await tx.updateTable('consultation_comments').set({ listed: sql<number>`case when status = 'published' then 1 else 0 end` }).where('id', '=', scope.commentId).execute();
    return;
  }
  let reset = tx.updateTable('consultation_comments').set({ listed: 0 }).where('consultation_id', '=', consultationId);
  if (scope) reset = reset.where('group_id', '=', scope.groupId);
  await reset.execute();
  if (scope) {
    await tx.updateTable('consultation_comments').set({ listed: 1 }).where('id', 'in', firstOfGroups(scope.groupId)).execute();
  } else {
    await tx.updateTable('consultation_comments').set({ listed: 1 }).where('consultation_id', '=', consultationId).where('status', '=', 'published').where('group_id', 'is', null).execute();
    await tx.updateTable('consultation_comments').set({ listed: 1 }).where('id', 'in', firstOfGroups()).execute();
  }
}

// ── public comments ──
export const COMMENT_LABELS: Record<string, string> = { text: '意见内容', name: '姓名', contact: '联系方式', section: '条款或章节' };
export const COMMENT_MAX = 5000;
const commentSchema = z.object({
  text: text('意见内容', { max: COMMENT_MAX, multiline: true }),
  name: optionalText('姓名', 50),
  contact: optionalText('联系方式', 100),
  section: optionalText('条款或章节', 100),
}); // unknown fields are ignored (never stored)

/** An anonymous comment: validated, refused outside the period, stored as pending (待审核). */
export async function submitComment(ctx: Ctx, consultationId: number, input: unknown): Promise<{ id: number }> {
  const c = await findConsultation(ctx.db, consultationId);
  if (!c) throw notFound('征求意见');
  const body = typeof input === 'object' && input !== null ? Object.fromEntries(Object.entries(input as Record<string, unknown>).filter(([k]) => k !== '_csrf')) : input;
  const v = parseInput(commentSchema, body);
  const status = consultationStatus(c, todayCst());
  if (status !== 'open') {
    throw fail('CONSULTATION_CLOSED', status === 'closed' ? `本次征求意见已于${c.closes_on}截止，不再接收意见` : `本次征求意见将于${c.opens_on}开始，届时再提交意见`);
  }
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('consultation_comments').values({
      consultation_id: c.id, received_at: nowIso(), name: v.name ?? null, contact: v.contact ?? null, section: v.section ?? null,
      text: v.text, norm_text: normalizeComment(v.text), status: 'pending', shown_text: null, publish_mode: null,
      withheld_reason: 'pending', group_id: null, disposition: null, reason: null, topic: null, moderated_at: null, moderated_by: null,
    }).returning('id').executeTakeFirstOrThrow();
    await shiftCounts(tx, c.id, null, 'pending');
    // Personal data of the commenter stays out of the audit record.
    await writeAudit(tx, ctx, { action: 'consultation.comment', entity: 'consultation_comment', entityId: row.id, after: { consultationId: c.id, length: v.text.length }, areaId: c.area_id });
    return { id: row.id };
  });
}

/** Staff record a comment that came by letter, at the 查阅场所 or another channel, dated within the period (also after closing). */
export async function recordComment(ctx: Ctx, consultationId: number, input: unknown): Promise<{ id: number }> {
  const c = await findConsultation(ctx.db, consultationId);
  if (!c) throw notFound('征求意见');
  requireReader(ctx, c);
  requireManager(ctx, c);
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const { receivedOn, ...rest } = raw;
  const v = parseInput(commentSchema, rest);
  const on = parseInput(z.object({ receivedOn: isoDate('收到日期') }), { receivedOn }).receivedOn;
  if (on < c.opens_on || on > c.closes_on) throw invalid({ receivedOn: `收到日期应在征求意见期限内（${c.opens_on} 至 ${c.closes_on}）` });
  if (on > todayCst()) throw invalid({ receivedOn: '收到日期不能晚于今天' });
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('consultation_comments').values({
      consultation_id: c.id, received_at: `${on}T00:00:00.000Z`, name: v.name ?? null, contact: v.contact ?? null, section: v.section ?? null,
      text: v.text, norm_text: normalizeComment(v.text), status: 'pending', shown_text: null, publish_mode: null,
      withheld_reason: 'pending', group_id: null, disposition: null, reason: null, topic: null, moderated_at: null, moderated_by: null,
    }).returning('id').executeTakeFirstOrThrow();
    await shiftCounts(tx, c.id, null, 'pending');
    await writeAudit(tx, ctx, { action: 'consultation.record_comment', entity: 'consultation_comment', entityId: row.id, after: { consultationId: c.id, receivedOn: on, length: v.text.length }, areaId: c.area_id });
    return { id: row.id };
  });
}

// ── moderation ──
export const MODERATION_LABELS: Record<string, string> = { action: '处理方式', summary: '摘要', reason: '不公开的原因' };
const moderationSchema = z.object({
  action: oneOf('处理方式', ['verbatim', 'summary', 'withhold']),
  summary: optionalText('摘要', 2000),
  reason: z.preprocess((v) => (v === '' ? undefined : v), z.enum(Object.keys(WITHHELD_REASONS).filter((k) => k !== 'pending') as [WithheldReason, ...WithheldReason[]], { error: '请选择不公开的原因' }).optional()),
});

/** What a comment shows when published: personal data in the verbatim text is masked; a summary must be clean. */
export function shownText(action: 'verbatim' | 'summary', original: string, summary: string | undefined): { text: string; masked: number } {
  if (action === 'summary') {
    const s = summary ?? '';
    const hits = scanPersonalData(s).filter((h) => h.severity === 'high');
    if (hits.length) throw new AppError('conflict', 'privacy_blocked', '摘要中含有个人信息，请删除后再公开', { summary: '摘要中含有个人信息（如手机号、身份证号）' });
    return { text: s, masked: 0 };
  }
  const hits = scanPersonalData(original).filter((h) => h.severity === 'high');
  return { text: hits.length ? maskAll(original, hits) : original, masked: hits.length };
}

async function loadForManage(ctx: Ctx, consultationId: number): Promise<Consultation> {
  const c = await findConsultation(ctx.db, consultationId);
  if (!c) throw notFound('征求意见');
  requireReader(ctx, c);
  requireManager(ctx, c);
  return c;
}

function moderationValues(v: z.output<typeof moderationSchema>, text: string, by: number | null) {
  if (v.action === 'withhold') {
    if (!v.reason) throw invalid({ reason: '请选择不公开的原因' });
    return { status: 'withheld' as const, shown_text: null, publish_mode: null, withheld_reason: v.reason, moderated_at: nowIso(), moderated_by: by };
  }
  if (v.action === 'summary' && !v.summary) throw invalid({ summary: '请填写摘要' });
  const s = shownText(v.action, text, v.summary);
  return { status: 'published' as const, shown_text: s.text, publish_mode: v.action, withheld_reason: null, moderated_at: nowIso(), moderated_by: by };
}

function requireOpenReport(c: Consultation): void {
  if (c.report_published_at) throw fail('wrong_status', '采纳情况已公布，不能再修改意见的处理');
}

export async function moderateComment(ctx: Ctx, commentId: number, input: unknown): Promise<void> {
  const v = parseInput(moderationSchema, input);
  const m = await ctx.db.selectFrom('consultation_comments').selectAll().where('id', '=', commentId > 0 ? commentId : -1).executeTakeFirst();
  if (!m) throw notFound('意见');
  const c = await loadForManage(ctx, m.consultation_id);
  requireOpenReport(c);
  const set = moderationValues(v, m.text, actorId(ctx.actor));
  await ctx.db.transaction().execute(async (tx) => {
    const r = await tx.updateTable('consultation_comments').set(set).where('id', '=', m.id).where('status', '=', m.status).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw fail('wrong_status', '该意见已被他人处理，请刷新后重试');
    await shiftCounts(tx, c.id, m.status, set.status);
    await relist(tx, c.id, m.group_id === null ? { commentId: m.id } : { groupId: m.group_id });
    await writeAudit(tx, ctx, { action: 'consultation.moderate', entity: 'consultation_comment', entityId: m.id, before: { status: m.status, withheld_reason: m.withheld_reason }, after: { status: set.status, mode: set.publish_mode, withheld_reason: set.withheld_reason }, areaId: c.area_id });
  });
}

/** Moderates every member of a group at once (verbatim publishing masks each member's own text). */
export async function moderateGroup(ctx: Ctx, groupId: number, input: unknown): Promise<number> {
  const v = parseInput(moderationSchema, input);
  const g = await ctx.db.selectFrom('consultation_groups').selectAll().where('id', '=', groupId > 0 ? groupId : -1).executeTakeFirst();
  if (!g) throw notFound('归并组');
  const c = await loadForManage(ctx, g.consultation_id);
  requireOpenReport(c);
  const members = await ctx.db.selectFrom('consultation_comments').select(['id', 'text']).where('group_id', '=', g.id).execute();
  const by = actorId(ctx.actor);
  const sets = members.map((m) => ({ id: m.id, set: moderationValues(v, m.text, by), unchanged: false }));
  // Members whose shown text is their own text (or the same summary / nothing) are written in bulk; only
  // members with masked personal data need a row of their own (a campaign of thousands is a few statements).
  for (let i = 0; i < sets.length; i++) sets[i]!.unchanged = v.action !== 'verbatim' || sets[i]!.set.shown_text === members[i]!.text;
  const bulk = sets.filter((x) => x.unchanged);
  const single = sets.filter((x) => !x.unchanged);
  await ctx.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('consultation_comments').select(['status', sql<number>`count(*)`.as('n')]).where('group_id', '=', g.id).groupBy('status').execute();
    if (bulk.length) {
      const first = bulk[0]!.set;
      const set = { ...first, shown_text: v.action === 'verbatim' ? sql<string>`text` : first.shown_text };
      for (let i = 0; i < bulk.length; i += 500) {
        await tx.updateTable('consultation_comments').set(set).where('id', 'in', bulk.slice(i, i + 500).map((x) => x.id)).execute();
      }
    }
    for (const s of single) await tx.updateTable('consultation_comments').set(s.set).where('id', '=', s.id).execute();
    const to = v.action === 'withhold' ? 'withheld' as const : 'published' as const;
    for (const b of before) await shiftCounts(tx, c.id, b.status, to, Number(b.n));
    await relist(tx, c.id, { groupId: g.id });
    await writeAudit(tx, ctx, { action: 'consultation.moderate_group', entity: 'consultation_group', entityId: g.id, after: { action: v.action, reason: v.reason ?? null, members: members.length }, areaId: c.area_id });
  });
  return members.length;
}

// ── grouping ──
export async function regroup(ctx: Ctx, consultationId: number): Promise<{ groups: number; grouped: number }> {
  const c = await loadForManage(ctx, consultationId);
  requireOpenReport(c);
  const disposed = await ctx.db.selectFrom('consultation_groups').select('id').where('consultation_id', '=', c.id).where('disposition', 'is not', null).executeTakeFirst();
  if (disposed) throw fail('regroup_locked');
  const items = await ctx.db.selectFrom('consultation_comments').select(['id', 'norm_text as norm']).where('consultation_id', '=', c.id).orderBy('id').execute();
  const { groups } = groupComments(items);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('consultation_comments').set({ group_id: null }).where('consultation_id', '=', c.id).execute();
    await tx.deleteFrom('consultation_groups').where('consultation_id', '=', c.id).execute();
    for (const ids of groups) {
      const g = await tx.insertInto('consultation_groups').values({ consultation_id: c.id, representative_id: ids[0]!, size: ids.length, disposition: null, reason: null, topic: null, disposed_at: null })
        .returning('id').executeTakeFirstOrThrow();
      for (let i = 0; i < ids.length; i += 500) {
        await tx.updateTable('consultation_comments').set({ group_id: g.id }).where('id', 'in', ids.slice(i, i + 500)).execute();
      }
    }
    await relist(tx, c.id, null);
    await writeAudit(tx, ctx, { action: 'consultation.regroup', entity: 'consultation', entityId: c.id, after: { groups: groups.length, grouped: groups.reduce((s, g) => s + g.length, 0) }, areaId: c.area_id });
  });
  return { groups: groups.length, grouped: groups.reduce((s, g) => s + g.length, 0) };
}

// ── 采纳情况 ──
export const DISPOSITION_FORM_LABELS: Record<string, string> = { disposition: '采纳情况', reason: '理由', topic: '议题' };
const dispositionSchema = z.object({
  disposition: oneOf('采纳情况', DISPOSITIONS),
  reason: optionalText('理由', 2000),
  topic: text('议题', { max: 60 }),
});

export async function disposeComment(ctx: Ctx, commentId: number, input: unknown): Promise<void> {
  const v = parseInput(dispositionSchema, input);
  const m = await ctx.db.selectFrom('consultation_comments').selectAll().where('id', '=', commentId > 0 ? commentId : -1).executeTakeFirst();
  if (!m) throw notFound('意见');
  const c = await loadForManage(ctx, m.consultation_id);
  requireOpenReport(c);
  if (m.group_id !== null) throw fail('wrong_status', '该意见已归并，请对归并组标注采纳情况');
  if (m.status !== 'published') throw fail('wrong_status', '请先审核公开该意见，再标注采纳情况');
  if (v.disposition !== 'adopted' && !v.reason) throw invalid({ reason: '未采纳或部分采纳的，请说明理由' });
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('consultation_comments').set({ disposition: v.disposition, reason: v.reason ?? null, topic: v.topic }).where('id', '=', m.id).execute();
    await writeAudit(tx, ctx, { action: 'consultation.dispose', entity: 'consultation_comment', entityId: m.id, before: { disposition: m.disposition, reason: m.reason, topic: m.topic }, after: v, areaId: c.area_id });
  });
}

export async function disposeGroup(ctx: Ctx, groupId: number, input: unknown): Promise<void> {
  const v = parseInput(dispositionSchema, input);
  const g = await ctx.db.selectFrom('consultation_groups').selectAll().where('id', '=', groupId > 0 ? groupId : -1).executeTakeFirst();
  if (!g) throw notFound('归并组');
  const c = await loadForManage(ctx, g.consultation_id);
  requireOpenReport(c);
  const concentrated = g.size >= await concentratedMinSize(ctx.db);
  if (v.disposition !== 'adopted' && !v.reason) {
    throw invalid({ reason: concentrated ? `较为集中意见（${g.size}条）未采纳或部分采纳的，必须说明理由` : '未采纳或部分采纳的，请说明理由' });
  }
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('consultation_groups').set({ disposition: v.disposition, reason: v.reason ?? null, topic: v.topic, disposed_at: nowIso() }).where('id', '=', g.id).execute();
    await writeAudit(tx, ctx, { action: 'consultation.dispose_group', entity: 'consultation_group', entityId: g.id, before: { disposition: g.disposition, reason: g.reason, topic: g.topic }, after: { ...v, size: g.size, concentrated }, areaId: c.area_id });
  });
}

/** What still lacks a decision before the report can be published (empty = complete). */
export async function missingDispositions(db: Db, consultationId: number): Promise<{ pending: number; comments: number; groups: number }> {
  const [pending, comments, groups] = await Promise.all([
    db.selectFrom('consultation_comments').select(sql<number>`count(*)`.as('n')).where('consultation_id', '=', consultationId).where('status', '=', 'pending').executeTakeFirstOrThrow(),
    db.selectFrom('consultation_comments').select(sql<number>`count(*)`.as('n')).where('consultation_id', '=', consultationId)
      .where('status', '=', 'published').where('group_id', 'is', null).where('disposition', 'is', null).executeTakeFirstOrThrow(),
    db.selectFrom('consultation_groups as g').select(sql<number>`count(*)`.as('n')).where('g.consultation_id', '=', consultationId).where('g.disposition', 'is', null)
      .where((eb) => eb.exists(eb.selectFrom('consultation_comments as m').select('m.id').whereRef('m.group_id', '=', 'g.id').where('m.status', '=', 'published')))
      .executeTakeFirstOrThrow(),
  ]);
  return { pending: Number(pending.n), comments: Number(comments.n), groups: Number(groups.n) };
}

export type ReportEntry = {
  kind: 'comment' | 'group'; id: number; size: number; concentrated: boolean; section: string | null;
  quote: string; disposition: Disposition; reason: string | null; topic: string;
};
export type FeedbackReport = {
  consultationId: number; title: string; opensOn: string; closesOn: string; generatedAt: string;
  totals: Counters & { groups: number; concentrated: number; concentratedMinSize: number };
  byTopic: { topic: string; counts: Record<Disposition, number>; total: number }[];
  byDisposition: Record<Disposition, number>;
  entries: ReportEntry[];
};

const zeroCounts = (): Record<Disposition, number> => ({ adopted: 0, partly: 0, not_adopted: 0, out_of_scope: 0 });

/** Builds the report from the dispositions; counts are per comment (a group of 30 counts 30). */
export async function buildReport(db: Db, c: Consultation): Promise<FeedbackReport> {
  const [n, minSize, singles, groups] = await Promise.all([
    counters(db, c.id), concentratedMinSize(db),
    db.selectFrom('consultation_comments').select(['id', 'section', 'shown_text', 'disposition', 'reason', 'topic'])
      .where('consultation_id', '=', c.id).where('status', '=', 'published').where('group_id', 'is', null).orderBy('id').execute(),
    db.selectFrom('consultation_groups as g')
      .select((eb) => ['g.id', 'g.size', 'g.disposition', 'g.reason', 'g.topic',
        eb.selectFrom('consultation_comments as m').select('m.shown_text').whereRef('m.group_id', '=', 'g.id').where('m.status', '=', 'published').orderBy('m.id').limit(1).as('quote'),
        eb.selectFrom('consultation_comments as m').select('m.section').whereRef('m.group_id', '=', 'g.id').where('m.status', '=', 'published').orderBy('m.id').limit(1).as('section')])
      .where('g.consultation_id', '=', c.id).orderBy('g.id').execute(),
  ]);
  const entries: ReportEntry[] = [];
  for (const g of groups) {
    if (g.quote === null || g.quote === undefined || !g.disposition) continue;
    const size = Number(g.size);
    entries.push({ kind: 'group', id: g.id, size, concentrated: size >= minSize, section: g.section ?? null, quote: g.quote, disposition: g.disposition, reason: g.reason, topic: g.topic ?? '' });
  }
  for (const s of singles) {
    if (!s.disposition) continue;
    entries.push({ kind: 'comment', id: s.id, size: 1, concentrated: false, section: s.section, quote: s.shown_text ?? '', disposition: s.disposition, reason: s.reason, topic: s.topic ?? '' });
  }
  entries.sort((a, b) => Number(b.concentrated) - Number(a.concentrated) || b.size - a.size || a.id - b.id);
  const byTopicMap = new Map<string, Record<Disposition, number>>();
  const byDisposition = zeroCounts();
  for (const e of entries) {
    const t = byTopicMap.get(e.topic) ?? zeroCounts();
    t[e.disposition] += e.size;
    byTopicMap.set(e.topic, t);
    byDisposition[e.disposition] += e.size;
  }
  const byTopic = [...byTopicMap].map(([topic, counts]) => ({ topic, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || a.topic.localeCompare(b.topic));
  return {
    consultationId: c.id, title: c.title, opensOn: c.opens_on, closesOn: c.closes_on, generatedAt: nowIso(),
    totals: { ...n, groups: groups.length, concentrated: entries.filter((e) => e.concentrated).length, concentratedMinSize: minSize },
    byTopic, byDisposition, entries,
  };
}

export async function publishReport(ctx: Ctx, consultationId: number): Promise<FeedbackReport> {
  const c = await loadForManage(ctx, consultationId);
  requireOpenReport(c);
  if (consultationStatus(c, todayCst()) !== 'closed') throw fail('wrong_status', '征求意见结束后才能公布采纳情况');
  const miss = await missingDispositions(ctx.db, c.id);
  if (miss.pending || miss.comments || miss.groups) {
    throw fail('feedback_incomplete', `还有 ${miss.pending} 条意见待审核、${miss.comments} 条意见和 ${miss.groups} 个归并组未标注采纳情况`);
  }
  const report = await buildReport(ctx.db, c);
  const at = nowIso();
  await ctx.db.transaction().execute(async (tx) => {
    const r = await tx.updateTable('consultations').set({ report_json: JSON.stringify(report), report_published_at: at, updated_at: at })
      .where('id', '=', c.id).where('report_published_at', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw fail('wrong_status', '采纳情况已公布');
    await writeAudit(tx, ctx, { action: 'consultation.publish_report', entity: 'consultation', entityId: c.id, after: { totals: report.totals, byDisposition: report.byDisposition }, areaId: c.area_id });
  });
  return report;
}

/** The report as plain text (the body of its information item). */
export function reportText(r: FeedbackReport): string {
  const L = { adopted: '采纳', partly: '部分采纳', not_adopted: '未采纳', out_of_scope: '不属于本次征求范围' } as const;
  const lines = [
    `征求意见期限：${r.opensOn}至${r.closesOn}。共收到意见${r.totals.received}条，公开${r.totals.published}条，未公开${r.totals.withheld}条；相同或相近意见归并为${r.totals.groups}组，其中较为集中的意见${r.totals.concentrated}组。`,
    `采纳情况（按条计）：${DISPOSITIONS.map((d) => `${L[d]}${r.byDisposition[d]}条`).join('，')}。`,
    ...r.byTopic.map((t) => `议题“${t.topic}”：${DISPOSITIONS.map((d) => `${L[d]}${t.counts[d]}条`).join('，')}。`),
    ...r.entries.map((e, i) => `${i + 1}. ${e.concentrated ? '【较为集中意见】' : ''}${e.size > 1 ? `（${e.size}条）` : ''}${e.quote} —— ${L[e.disposition]}${e.reason ? `。理由：${e.reason}` : ''}`),
  ];
  return lines.join('\n');
}

/** Registers the published report as a draft information item of the consultation's unit (保密审查 and publication then follow in the disclosure module). */
export async function registerReportItem(ctx: Ctx, consultationId: number): Promise<number> {
  const c = await loadForManage(ctx, consultationId);
  const r = publishedReport(c);
  if (!r) throw fail('wrong_status', '采纳情况公布后才能登记为政府信息');
  if (c.report_item_id) throw fail('wrong_status', `已登记为政府信息（编号 ${c.report_item_id}）`);
  const itemId = await createDraftItem(ctx, { unitId: c.unit_id, title: `关于《${c.title}》征求意见采纳情况的说明`, attribute: 'proactive', body: reportText(r) });
  await ctx.db.transaction().execute(async (tx) => {
    const u = await tx.updateTable('consultations').set({ report_item_id: itemId, updated_at: nowIso() }).where('id', '=', c.id).where('report_item_id', 'is', null).executeTakeFirst();
    if (Number(u.numUpdatedRows) !== 1) throw fail('wrong_status', '已登记为政府信息');
    await writeAudit(tx, ctx, { action: 'consultation.report_item', entity: 'consultation', entityId: c.id, after: { itemId }, areaId: c.area_id });
  });
  return itemId;
}

export const publishedReport = (c: Consultation): FeedbackReport | null => (c.report_published_at && c.report_json ? JSON.parse(c.report_json) as FeedbackReport : null);

// ── staff views ──
export async function listConsultations(ctx: Ctx) {
  const areaId = await actorArea(ctx);
  requireDecisionsStaff(ctx.actor);
  let q = ctx.db.selectFrom('consultations').selectAll().where('area_id', '=', areaId);
  const scope = unitScope(ctx.actor);
  if (scope !== null) q = q.where('unit_id', '=', scope);
  return q.orderBy('closes_on', 'desc').orderBy('id', 'desc').execute();
}

export async function manageView(ctx: Ctx, consultationId: number, page: number) {
  const c = await findConsultation(ctx.db, consultationId);
  if (!c) throw notFound('征求意见');
  requireReader(ctx, c);
  const [n, miss, groups, comments, total, minSize] = await Promise.all([
    counters(ctx.db, c.id), missingDispositions(ctx.db, c.id),
    ctx.db.selectFrom('consultation_groups as g').innerJoin('consultation_comments as r', 'r.id', 'g.representative_id')
      .select(['g.id', 'g.size', 'g.disposition', 'g.reason', 'g.topic', 'r.text']).where('g.consultation_id', '=', c.id).orderBy('g.size', 'desc').orderBy('g.id').execute(),
    ctx.db.selectFrom('consultation_comments').select(['id', 'received_at', 'section', 'text', 'status', 'shown_text', 'publish_mode', 'withheld_reason', 'group_id', 'disposition', 'reason', 'topic'])
      .where('consultation_id', '=', c.id).orderBy('id').limit(PAGE_SIZE).offset((Math.max(1, page) - 1) * PAGE_SIZE).execute(),
    ctx.db.selectFrom('consultation_comments').select(sql<number>`count(*)`.as('n')).where('consultation_id', '=', c.id).executeTakeFirstOrThrow(),
    concentratedMinSize(ctx.db),
  ]);
  return { c, counters: n, missing: miss, groups: groups.map((g) => ({ ...g, size: Number(g.size) })), comments, page: Math.max(1, page), pages: Math.max(1, Math.ceil(Number(total.n) / PAGE_SIZE)), concentratedMinSize: minSize };
}
