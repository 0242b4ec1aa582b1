// Curated Q&A entries: draft → review → published, every source an article of a public document in
// force today (checked against the live item and its clauses), review dates within 12 months.
import { z } from 'zod';
import { writeAudit } from '../audit/public.js';
import { requireStaff } from '../auth/policy.js';
import type { Db } from '../db/schema.js';
import * as qaRepo from './qa.repo.js';
import type { QaEntriesTable } from '../db/qa.tables.js';
import { DEFAULT_TOPICS, documentStates, documentTexts, inForceToday } from '../disclosure/public.js';
import type { Ctx } from '../lib/context.js';
import { fail, invalid, notFound } from '../lib/errors.js';
import { nowIso, todayCst } from '../lib/time.js';
import { intId, isoDate, oneOf, parseInput, strictNumberInput, text } from '../lib/validate.js';
import { notifyOnce, unitUsers } from '../notify/public.js';
import { findUnit } from '../org/public.js';
import { splitClauses } from './clauses.js';
import { bumpQaVersion, CLAUSE_TYPES } from './clause-index.js';
import { portalAreaId, readMessage } from './consult.service.js';
import { ownUnitFilter, requireEntryWriter as requireWriter, requireReadableEntry } from './qa-policy.js';

export const LIFE_TOPICS = ['生育', '上学', '就业', '创业', '养老', '医疗', '纳税', '疫情防控', '住房', '社会救助'] as const;
export const TOPIC_CHOICES: readonly string[] = [...LIFE_TOPICS, ...DEFAULT_TOPICS.map((t) => t.name)];
export const AUDIENCES = ['个人', '企业', '个人和企业'] as const;
export const FORMS = ['text', 'graphic', 'video'] as const;
export const FORM_LABELS: Record<string, string> = { text: '文字', graphic: '图解', video: '视频' };
export const ENTRY_STATUSES = ['draft', 'review', 'published'] as const;
export const MEDIA_KIND_LABELS: Record<string, string> = { image: '图解', video: '视频' };
export const ENTRY_STATUS_LABELS: Record<string, string> = { draft: '草稿', review: '待审核', published: '已发布', suspended: '已下线' };

const listOf = (label: string) => z.preprocess((v) => {
  if (v === undefined || v === null || v === '') return [];
  if (Array.isArray(v)) return v;
  return String(v).split(/[\n、,，]/);
}, z.array(text(label, { max: 200 })).max(20, `${label}最多20条`));

const source = z.object({ itemId: intId('文件'), article: z.preprocess((v) => strictNumberInput(v), z.number({ error: '条款号无效' }).int('条款号无效').positive('条款号无效').max(100_000, '条款号无效')) });
export const entryInput = z.object({
  question: text('问题', { max: 200 }),
  answer: text('答复', { max: 2000, multiline: true }),
  sources: z.array(source, { error: '请至少引用一条依据' }).min(1, '请至少引用一条依据').max(10, '最多引用10条依据'),
  status: oneOf('状态', ENTRY_STATUSES).default('draft'),
  altQuestions: listOf('其他问法').default([]),
  topics: listOf('主题').default([]),
  audience: oneOf('服务对象', AUDIENCES).default('个人'),
  form: oneOf('形式', FORMS).default('text'),
  ownerUnitId: intId('责任单位').optional(),
  nextReviewOn: z.preprocess((v) => (v === '' ? undefined : v), isoDate('下次复核日期').optional()),
});
export type EntryInput = z.output<typeof entryInput>;

const addMonths = (iso: string, m: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + m);
  return d.toISOString().slice(0, 10);
};

/** Publishing an entry of form 图解 / 视频 needs at least one image / video (src/qa/media.service.ts). */
export async function missingMedia(db: Db, entryId: number | null, form: string): Promise<string | null> {
  if (form !== 'graphic' && form !== 'video') return null;
  const kind = form === 'graphic' ? 'image' : 'video';
  const n = entryId === null ? 0 : (await db.selectFrom('qa_entry_media').select('id').where('entry_id', '=', entryId).where('kind', '=', kind).execute()).length;
  return n > 0 ? null : `形式为“${FORM_LABELS[form]}”的问答须至少上传一个${kind === 'image' ? '图解图片' : '视频'}（附文字说明）后才能发布：请先保存为草稿再上传`;
}
async function requireMedia(db: Db, entryId: number | null, form: string): Promise<void> {
  const m = await missingMedia(db, entryId, form);
  if (m) throw fail('qa_media_required', m, { form: m });
}

/** The responsible unit must be a unit of this area (or the area's own 政务公开办). */
async function requireOwnerUnit(db: Db, areaId: number, unitId: number): Promise<void> {
  const u = await findUnit(db, unitId);
  if (!u || (u.id !== areaId && u.area_id !== areaId)) throw invalid({ ownerUnitId: '请选择本区的责任单位' });
}

async function areaOf(ctx: Ctx): Promise<number> {
  if (ctx.actor.kind === 'user') return ctx.actor.areaId;
  return portalAreaId(ctx.db);
}

/** Each source must be a public document of this area, in force today, with that article. Field messages per source. */
export async function checkSources(db: Db, areaId: number, sources: { itemId: number; article: number }[], today = todayCst()): Promise<Record<string, string>> {
  const states = await documentStates(db, sources.map((s) => s.itemId));
  const policyIds = [...states.values()].map((s) => s.policy_item_id).filter((x): x is number => x !== null);
  const policies = await documentStates(db, policyIds);
  const texts = await documentTexts(db, sources.map((s) => s.itemId));
  const fields: Record<string, string> = {};
  sources.forEach((s, i) => {
    const d = states.get(s.itemId);
    const key = `sources.${i}`;
    if (!d || !d.public || d.area_id !== areaId || !(CLAUSE_TYPES as readonly string[]).includes(d.item_type)) { fields[key] = `信息 ${s.itemId} 不是已公开的政策文件、规范性文件或解读`; return; }
    const policy = d.policy_item_id === null ? null : policies.get(d.policy_item_id) ?? null;
    if (!inForceToday(d, today, policy)) { fields[key] = `《${d.title}》不是现行有效文件`; return; }
    if (!splitClauses(texts.get(s.itemId) ?? '').some((c) => c.article === s.article)) fields[key] = `《${d.title}》没有第${s.article}条`;
  });
  return fields;
}

const requireEntryWriter = (ctx: Ctx, ownerUnitId: number | null, publish: boolean) => requireWriter(ctx.actor, ownerUnitId, publish);

export async function createEntry(ctx: Ctx, raw: unknown, extra: { fromItemId?: number; fromMessageId?: number } = {}): Promise<number> {
  requireStaff(ctx.actor);
  const input = parseInput(entryInput, raw);
  // An entry written from a 留言咨询 reply remembers it: the message must be one the actor handles, and answered.
  if (extra.fromMessageId !== undefined && !(await readMessage(ctx, extra.fromMessageId)).reply) throw invalid({ fromMessageId: '这条留言还没有答复，不能转为问答条目' });
  const areaId = await areaOf(ctx);
  const owner = input.ownerUnitId ?? (ctx.actor.kind === 'user' ? ctx.actor.unitId : areaId);
  requireEntryWriter(ctx, owner, input.status === 'published');
  if (input.ownerUnitId !== undefined) await requireOwnerUnit(ctx.db, areaId, owner);
  const today = todayCst();
  const limit = addMonths(today, 12);
  if (input.nextReviewOn && (input.nextReviewOn > limit || input.nextReviewOn <= today)) throw fail('qa_review_too_far', '下次复核日期须在今后12个月以内', { nextReviewOn: `须在 ${today} 之后、${limit} 之前` });
  const bad = await checkSources(ctx.db, areaId, input.sources, today);
  if (Object.keys(bad).length) throw fail('qa_source_invalid', Object.values(bad)[0], bad);
  const published = input.status === 'published';
  if (published) await requireMedia(ctx.db, null, input.form);
  const reviewer = published && ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const at = nowIso();
  return ctx.db.transaction().execute(async (tx) => {
    const row: Omit<QaEntriesTable, 'id'> = {
      area_id: areaId, question: input.question, answer: input.answer, alt_questions: input.altQuestions.join('\n'), topics: input.topics.join('、'),
      audience: input.audience, form: input.form, owner_unit_id: owner, reviewer_id: reviewer, reviewed_on: published ? today : null,
      next_review_on: input.nextReviewOn ?? (published ? limit : null), status: input.status, suspended_reason: null,
      from_item_id: extra.fromItemId ?? null, from_message_id: extra.fromMessageId ?? null,
      created_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null, created_at: at, updated_at: at,
    };
    const { id } = await tx.insertInto('qa_entries').values(row).returning('id').executeTakeFirstOrThrow();
    await tx.insertInto('qa_entry_sources').values(input.sources.map((s, sort) => ({ entry_id: id, item_id: s.itemId, article: s.article, sort }))).execute();
    await writeAudit(tx, ctx, { action: 'qa.entry.create', entity: 'qa_entry', entityId: id, after: { ...row, sources: input.sources }, areaId });
    if (published) await bumpQaVersion(tx);
    return id;
  });
}

export async function findEntry(db: Db, id: number) {
  const e = await db.selectFrom('qa_entries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!e) return undefined;
  const sources = await db.selectFrom('qa_entry_sources').select(['item_id', 'article']).where('entry_id', '=', id).orderBy('sort').execute();
  return { ...e, sources: sources.map((s) => ({ itemId: s.item_id, article: s.article })) };
}
export type EntryRow = NonNullable<Awaited<ReturnType<typeof findEntry>>>;

export async function readableEntry(ctx: Ctx, id: number): Promise<EntryRow> {
  requireStaff(ctx.actor);
  return requireReadableEntry(ctx.actor, await findEntry(ctx.db, id));
}

/** Replaces an entry's content (back to draft unless the caller publishes it again with valid sources). */
export async function updateEntry(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  const before = await readableEntry(ctx, id);
  const input = parseInput(entryInput, raw);
  requireEntryWriter(ctx, before.owner_unit_id, input.status === 'published');
  // Handing an entry to another unit: the writer must be allowed to write for that unit too (the admin).
  const owner = input.ownerUnitId ?? before.owner_unit_id;
  if (owner !== before.owner_unit_id && owner !== null) {
    requireEntryWriter(ctx, owner, input.status === 'published');
    await requireOwnerUnit(ctx.db, before.area_id, owner);
  }
  const today = todayCst();
  const limit = addMonths(today, 12);
  if (input.nextReviewOn && (input.nextReviewOn > limit || input.nextReviewOn <= today)) throw fail('qa_review_too_far', '下次复核日期须在今后12个月以内', { nextReviewOn: `须在 ${today} 之后、${limit} 之前` });
  const bad = await checkSources(ctx.db, before.area_id, input.sources, today);
  if (Object.keys(bad).length) throw fail('qa_source_invalid', Object.values(bad)[0], bad);
  const published = input.status === 'published';
  if (published) await requireMedia(ctx.db, id, input.form);
  await ctx.db.transaction().execute(async (tx) => {
    const set = {
      question: input.question, answer: input.answer, alt_questions: input.altQuestions.join('\n'), topics: input.topics.join('、'), audience: input.audience, form: input.form,
      owner_unit_id: owner, status: input.status, suspended_reason: null, updated_at: nowIso(),
      ...(published ? { reviewer_id: ctx.actor.kind === 'user' ? ctx.actor.userId : null, reviewed_on: today, next_review_on: input.nextReviewOn ?? limit } : {}),
    };
    await tx.updateTable('qa_entries').set(set).where('id', '=', id).execute();
    await tx.deleteFrom('qa_entry_sources').where('entry_id', '=', id).execute();
    await tx.insertInto('qa_entry_sources').values(input.sources.map((s, sort) => ({ entry_id: id, item_id: s.itemId, article: s.article, sort }))).execute();
    await writeAudit(tx, ctx, { action: 'qa.entry.update', entity: 'qa_entry', entityId: id, before, after: { ...set, sources: input.sources }, areaId: before.area_id });
    await bumpQaVersion(tx);
  });
}

/** How many other phrasings an entry keeps (the form's limit too). */
export const MAX_PHRASINGS = 20;
const phrasingInput = z.object({ entryId: intId('问答条目'), question: text('问法', { max: 200 }) });

/**
 * The learning loop of the insights page: a question citizens asked (unanswered, or answered 没用) becomes another
 * phrasing of an entry, so the next one asking it that way gets the entry. The answer and its sources do not change,
 * so a published entry stays published — but only someone who may publish it adds phrasings to it.
 */
export async function addPhrasing(ctx: Ctx, raw: unknown): Promise<void> {
  const input = parseInput(phrasingInput, raw);
  const e = await readableEntry(ctx, input.entryId);
  requireEntryWriter(ctx, e.owner_unit_id, e.status === 'published');
  const question = input.question.replace(/\s+/g, ' ').trim();
  const alts = e.alt_questions.split('\n').map((x) => x.trim()).filter(Boolean);
  const same = (a: string) => a.replace(/[\s？?！!。，,]/g, '') === question.replace(/[\s？?！!。，,]/g, '');
  if (same(e.question) || alts.some(same)) throw invalid({ question: '这个问法已经是该条目的问题或其他问法' });
  if (alts.length >= MAX_PHRASINGS) throw invalid({ entryId: `该条目已有${MAX_PHRASINGS}个其他问法，请先在条目页整理` });
  const after = [...alts, question].join('\n');
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('qa_entries').set({ alt_questions: after, updated_at: nowIso() }).where('id', '=', e.id).execute();
    await writeAudit(tx, ctx, { action: 'qa.entry.phrasing', entity: 'qa_entry', entityId: e.id, before: { alt_questions: e.alt_questions }, after: { alt_questions: after }, areaId: e.area_id });
    await bumpQaVersion(tx);
  });
}

/** draft → review → published (sources re-checked); any → draft (withdraw). */
export async function moveEntry(ctx: Ctx, id: number, to: 'review' | 'published' | 'draft'): Promise<void> {
  const e = await readableEntry(ctx, id);
  requireEntryWriter(ctx, e.owner_unit_id, to === 'published');
  const allowed: Record<string, string[]> = { review: ['draft'], published: ['review', 'draft'], draft: ['review', 'published'] };
  if (!allowed[to]!.includes(e.status)) throw fail('wrong_status', `条目当前为“${ENTRY_STATUS_LABELS[e.status]}”，不能改为“${ENTRY_STATUS_LABELS[to]}”`);
  const today = todayCst();
  if (to === 'published') {
    const bad = await checkSources(ctx.db, e.area_id, e.sources, today);
    if (Object.keys(bad).length) throw fail('qa_source_invalid', Object.values(bad)[0], bad);
    await requireMedia(ctx.db, id, e.form);
  }
  await ctx.db.transaction().execute(async (tx) => {
    const set = to === 'published'
      ? { status: to, suspended_reason: null, reviewer_id: ctx.actor.kind === 'user' ? ctx.actor.userId : null, reviewed_on: today, next_review_on: e.next_review_on && e.next_review_on > today && e.next_review_on <= addMonths(today, 12) ? e.next_review_on : addMonths(today, 12), updated_at: nowIso() }
      : { status: to, updated_at: nowIso() };
    await tx.updateTable('qa_entries').set(set).where('id', '=', id).execute();
    await writeAudit(tx, ctx, { action: `qa.entry.${to}`, entity: 'qa_entry', entityId: id, before: { status: e.status }, after: set, areaId: e.area_id });
    await bumpQaVersion(tx);
  });
}

/** Entries written from a message's reply (the message page links them). */
export const entriesFromMessage = (db: Db, messageId: number) =>
  db.selectFrom('qa_entries').select(['id', 'question', 'status']).where('from_message_id', '=', messageId).orderBy('id').execute();

export async function listEntries(ctx: Ctx, f: { status?: string; q?: string } = {}) {
  requireStaff(ctx.actor);
  const areaId = await areaOf(ctx);
  let q = ctx.db.selectFrom('qa_entries').selectAll().where('area_id', '=', areaId);
  if (f.status && (ENTRY_STATUSES as readonly string[]).includes(f.status)) q = q.where('status', '=', f.status as never);
  const own = ownUnitFilter(ctx.actor);
  if (own !== null) q = q.where('owner_unit_id', '=', own);
  const rows = await q.orderBy('updated_at', 'desc').limit(500).execute();
  return f.q ? rows.filter((r) => r.question.includes(f.q!) || r.alt_questions.includes(f.q!)) : rows;
}

/** Published entries for the portal's /qa (optionally filtered by topic / audience / words). */
export async function publicEntries(db: Db, areaId: number, f: { topic?: string; audience?: string } = {}) {
  let q = db.selectFrom('qa_entries').select(['id', 'question', 'answer', 'topics', 'audience', 'form', 'reviewed_on', 'next_review_on', 'owner_unit_id']).where('area_id', '=', areaId).where('status', '=', 'published');
  if (f.audience && (AUDIENCES as readonly string[]).includes(f.audience)) q = q.where('audience', 'in', [f.audience, '个人和企业']);
  const rows = await q.orderBy('id', 'desc').limit(1000).execute();
  return f.topic ? rows.filter((r) => r.topics.split('、').includes(f.topic!)) : rows;
}

/** An interpretation of form 问答 becomes draft entries: each 问/答 pair, citing the interpreted policy's article 1 until staff set the right one. */
export function qaPairs(body: string): { question: string; answer: string }[] {
  const out: { question: string; answer: string }[] = [];
  let cur: { question: string; answer: string } | null = null;
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    const q = /^(?:[一二三四五六七八九十\d]+[、.．]\s*)?(?:问[:：]|Q[:：])\s*(.+)$/i.exec(line) ?? /^(?:[一二三四五六七八九十\d]+[、.．]\s*)(.+[？?])$/.exec(line);
    const a = /^(?:答[:：]|A[:：])\s*(.+)$/i.exec(line);
    if (q) { cur = { question: q[1]!.trim(), answer: '' }; out.push(cur); }
    else if (a && cur) cur.answer += (cur.answer ? '\n' : '') + a[1]!.trim();
    else if (cur && cur.answer && line) cur.answer += `\n${line}`;
  }
  return out.filter((p) => p.answer !== '');
}

export async function entriesFromInterpretation(ctx: Ctx, itemId: number, article = 1): Promise<number[]> {
  requireStaff(ctx.actor);
  const states = await documentStates(ctx.db, [itemId]);
  const d = states.get(itemId);
  const areaId = await areaOf(ctx);
  if (!d || d.area_id !== areaId || d.item_type !== 'interpretation' || d.interp_form !== 'qa' || !d.public) throw notFound('问答式解读');
  const body = (await documentTexts(ctx.db, [itemId])).get(itemId) ?? '';
  const target = d.policy_item_id ?? itemId;
  const ids: number[] = [];
  for (const p of qaPairs(body)) {
    ids.push(await createEntry(ctx, { question: p.question.slice(0, 200), answer: p.answer.slice(0, 2000), sources: [{ itemId: target, article }], status: 'draft', ownerUnitId: d.unit_id }, { fromItemId: itemId }));
  }
  return ids;
}

/** Published entries whose next review date has come: the owner unit (and the admins) are reminded once per date. */
export async function remindEntryReviews(ctx: Ctx, today = todayCst()): Promise<number> {
  const due = await ctx.db.selectFrom('qa_entries').select(['id', 'area_id', 'question', 'owner_unit_id', 'next_review_on'])
    .where('status', '=', 'published').where('next_review_on', 'is not', null).where('next_review_on', '<=', today).execute();
  if (!due.length) return 0;
  return ctx.db.transaction().execute(async (tx) => {
    let n = 0;
    for (const e of due) {
      const users = [...(e.owner_unit_id ? await unitUsers(tx, e.owner_unit_id, ['unit_operator', 'unit_reviewer']) : []), ...await unitUsers(tx, e.area_id, ['admin'])];
      n += Number((await notifyOnce(tx, `qa.entry.${e.id}.review.${e.next_review_on}`, users, {
        kind: 'qa.review', title: '政策问答条目到了复核日期', body: `“${e.question}”应于 ${e.next_review_on} 复核：请核对所引文件和答复，重新审核发布。`, link: `/console/qa/entries/${e.id}`, areaId: e.area_id,
      })) > 0);
    }
    return n;
  });
}

/** The form of each answered entry, for the answer page's labels (entries that are cited by an answer). */
export const entryForms = (db: Db, entryIds: number[]) => qaRepo.entryFormsOf(db, entryIds);
