// 列席 (public attendance at meetings) and 政府开放日 (open days): notices, public sign-up, the
// reproducible random draw or a recorded manual choice, waiting lists, attendance, opinions and
// suggestions with their dispositions.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { sql, type Selectable } from 'kysely';
import { writeAudit } from '../audit/public.js';
import type { Db } from '../db/schema.js';
import type { MeetingsTable, OpenDaysTable } from '../db/decisions.tables.js';
import { actorArea, findUnit, unitByName } from '../org/public.js';
import type { Ctx } from '../lib/context.js';
import { AppError, fail, invalid, notFound } from '../lib/errors.js';
import { nowIso, todayCst } from '../lib/time.js';
import { isoDate, oneOf, optionalText, parseInput, strictNumberInput, text } from '../lib/validate.js';
import { requireDecisionsAdmin, requireDecisionsStaff, requireMeetingManager, requireMeetingReader, requireOpenDayCreator, requireOpenDayReader, requireOpenDayStaff } from './decisions-policy.js';
import { drawFromSeed } from './pure/draw.js';
import { emailOf, meetingNotice, openDayNotice, type MeetingFacts, type OpenDayFacts } from './pure/notices.js';
import { baseUrl, tellParticipant } from './notices.service.js';
import { DISPOSITIONS } from './pure/rules.js';

export type Meeting = Selectable<MeetingsTable>;
export type OpenDay = Selectable<OpenDaysTable>;

export const SIGNUP_CATEGORIES = { stakeholder: '利益相关方', public: '群众代表', expert: '专家', media: '媒体' } as const;
type SignupCategory = keyof typeof SIGNUP_CATEGORIES;

const posInt = (label: string, max = 10_000) => z.preprocess((v) => strictNumberInput(v), z.number({ error: `${label}必须是整数` }).int(`${label}必须是整数`).min(1, `${label}至少为1`).max(max, `${label}过大`));
const optId = (label: string) => z.preprocess((v) => (v === '' || v === null ? undefined : v), z.preprocess((v) => strictNumberInput(v), z.number({ error: `${label}无效` }).int(`${label}无效`).positive(`${label}无效`).max(2_147_483_647, `${label}无效`)).optional());

/** A name as published (with consent): the surname and asterisks, e.g. 王** . */
export const maskedName = (name: string) => {
  const chars = [...name.trim()];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(Math.min(chars.length - 1, 3));
};

// ── 列席 ──
export const MEETING_LABELS: Record<string, string> = {
  title: '会议名称', decisionId: '所属决策事项', meetingOn: '会议日期', signupOpensOn: '报名开始日期', signupClosesOn: '报名截止日期', seats: '列席名额', rules: '遴选办法',
  place: '会议地点', bring: '须携带',
};
const placeField = (label: string) => optionalText(label, 200);
const bringField = optionalText('须携带', 300);
const meetingFacts = (m: Meeting): MeetingFacts => ({ id: m.id, title: m.title, meetingOn: m.meeting_on, place: m.place, bring: m.bring, method: m.method });

/** Tells every selected attendee (once per person and event). */
async function tellAttendees(tx: Db, m: Meeting, event: 'selected' | 'changed'): Promise<void> {
  const people = await tx.selectFrom('meeting_signups').select(['id', 'name', 'contact']).where('meeting_id', '=', m.id).where('selected', '=', 1).orderBy('id').execute();
  const base = baseUrl();
  for (const s of people) {
    await tellParticipant(tx, { areaId: m.area_id, target: 'meeting', targetId: m.id, signup: s, event, version: event === 'changed' ? m.details_version : undefined, text: meetingNotice(event, meetingFacts(m), s, base) });
  }
}
export async function createMeeting(ctx: Ctx, input: unknown): Promise<Meeting> {
  requireDecisionsAdmin(ctx.actor);
  const v = parseInput(z.object({
    title: text('会议名称', { max: 200 }), decisionId: optId('所属决策事项'), meetingOn: isoDate('会议日期'),
    signupOpensOn: isoDate('报名开始日期'), signupClosesOn: isoDate('报名截止日期'), seats: posInt('列席名额', 200), rules: text('遴选办法', { max: 3000, multiline: true }),
    place: placeField('会议地点'), bring: bringField,
  }), input);
  if (v.signupClosesOn < v.signupOpensOn) throw invalid({ signupClosesOn: '报名截止日期不能早于开始日期' });
  if (v.meetingOn < v.signupClosesOn) throw invalid({ meetingOn: '会议日期不能早于报名截止日期' });
  const areaId = await actorArea(ctx);
  if (v.decisionId) {
    const d = await ctx.db.selectFrom('decisions').select(['area_id']).where('id', '=', v.decisionId).executeTakeFirst();
    if (!d || d.area_id !== areaId) throw invalid({ decisionId: '找不到该决策事项' });
  }
  return ctx.db.transaction().execute(async (tx) => {
    const m = await tx.insertInto('meetings').values({
      area_id: areaId, decision_id: v.decisionId ?? null, title: v.title, meeting_on: v.meetingOn, signup_opens_on: v.signupOpensOn, signup_closes_on: v.signupClosesOn,
      seats: v.seats, rules: v.rules, method: null, seed: null, draw_list_json: null, manual_reason: null, selected_at: null, created_at: nowIso(),
      place: v.place ?? null, bring: v.bring ?? null,
    }).returningAll().executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, { action: 'meeting.create', entity: 'meeting', entityId: m.id, after: m, areaId });
    return m;
  });
}

export async function getMeeting(db: Db, id: number): Promise<Meeting> {
  const m = id > 0 ? await db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
  if (!m) throw notFound('列席会议');
  return m;
}

export const SIGNUP_LABELS: Record<string, string> = { name: '姓名', contact: '联系方式', category: '报名类别', reason: '报名理由', consent: '同意公开' };
const meetingSignupSchema = z.object({
  name: text('姓名', { max: 50 }), contact: text('联系方式', { max: 100 }),
  category: oneOf('报名类别', Object.keys(SIGNUP_CATEGORIES) as [SignupCategory, ...SignupCategory[]]),
  reason: text('报名理由', { max: 1000, multiline: true }),
  consent: z.preprocess((v) => v === true || v === 'on' || v === '1', z.boolean()),
});
export async function signUpForMeeting(ctx: Ctx, id: number, input: unknown): Promise<{ id: number }> {
  const m = await getMeeting(ctx.db, id);
  const v = parseInput(meetingSignupSchema, input);
  const today = todayCst();
  if (today < m.signup_opens_on || today > m.signup_closes_on || m.method) throw fail('signup_closed', `报名时间为 ${m.signup_opens_on} 至 ${m.signup_closes_on}`);
  return ctx.db.transaction().execute(async (tx) => {
    const r = await tx.insertInto('meeting_signups').values({
      meeting_id: m.id, name: v.name, contact: v.contact, category: v.category, reason: v.reason, consent_publish: v.consent ? 1 : 0,
      selected: 0, opinion: null, disposition: null, disposition_reason: null, created_at: nowIso(),
    }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, { action: 'meeting.signup', entity: 'meeting_signup', entityId: r.id, after: { meetingId: m.id, category: v.category }, areaId: m.area_id });
    return { id: r.id };
  });
}

/** The random draw from a published seed over the sorted list of sign-up numbers; anyone can re-run it. */
export async function drawAttendees(ctx: Ctx, id: number, input: unknown): Promise<number[]> {
  requireDecisionsAdmin(ctx.actor);
  const m = await getMeeting(ctx.db, id);
  requireMeetingManager(ctx.actor, m);
  const { seed } = parseInput(z.object({ seed: text('随机种子', { max: 200 }) }), input);
  if (m.method) throw fail('draw_done');
  if (todayCst() <= m.signup_closes_on) throw fail('wrong_status', '报名截止后才能遴选');
  const list = (await ctx.db.selectFrom('meeting_signups').select('id').where('meeting_id', '=', m.id).orderBy('id').execute()).map((r) => r.id);
  const r = drawFromSeed(list, seed, m.seats);
  await ctx.db.transaction().execute(async (tx) => {
    const u = await tx.updateTable('meetings').set({ method: 'draw', seed, draw_list_json: JSON.stringify([...list].sort((a, b) => a - b)), selected_at: nowIso() })
      .where('id', '=', m.id).where('method', 'is', null).executeTakeFirst();
    if (Number(u.numUpdatedRows) !== 1) throw fail('draw_done');
    if (r.selected.length) await tx.updateTable('meeting_signups').set({ selected: 1 }).where('id', 'in', r.selected).execute();
    await writeAudit(tx, ctx, { action: 'meeting.draw', entity: 'meeting', entityId: m.id, after: { seed, list, selected: r.selected }, areaId: m.area_id });
    await tellAttendees(tx, { ...m, method: 'draw' }, 'selected');
  });
  return r.selected;
}

export async function chooseAttendees(ctx: Ctx, id: number, input: unknown): Promise<void> {
  requireDecisionsAdmin(ctx.actor);
  const m = await getMeeting(ctx.db, id);
  requireMeetingManager(ctx.actor, m);
  const v = parseInput(z.object({
    ids: z.preprocess((x) => (typeof x === 'string' ? x.split(/[,，\s]+/).filter(Boolean) : x), z.array(z.preprocess((n) => strictNumberInput(n), z.number({ error: '报名编号应为数字' }).int('报名编号应为数字').positive('报名编号应为数字').max(2_147_483_647, '报名编号应为数字')), { error: '请填写报名编号' }).min(1, '请至少选择一人')),
    reason: text('选择理由', { max: 2000, multiline: true }),
  }), input);
  if (m.method) throw fail('draw_done');
  const valid = new Set((await ctx.db.selectFrom('meeting_signups').select('id').where('meeting_id', '=', m.id).execute()).map((r) => r.id));
  const ids = [...new Set(v.ids)];
  if (ids.some((i) => !valid.has(i))) throw invalid({ ids: '含有不是本次报名的编号' });
  if (ids.length > m.seats) throw invalid({ ids: `超过列席名额（${m.seats}人）` });
  await ctx.db.transaction().execute(async (tx) => {
    const u = await tx.updateTable('meetings').set({ method: 'manual', manual_reason: v.reason, selected_at: nowIso() }).where('id', '=', m.id).where('method', 'is', null).executeTakeFirst();
    if (Number(u.numUpdatedRows) !== 1) throw fail('draw_done');
    await tx.updateTable('meeting_signups').set({ selected: 1 }).where('id', 'in', ids).execute();
    await writeAudit(tx, ctx, { action: 'meeting.choose', entity: 'meeting', entityId: m.id, after: { ids, reason: v.reason }, areaId: m.area_id });
    await tellAttendees(tx, { ...m, method: 'manual' }, 'selected');
  });
}

/**
 * Changes the meeting's date, place or what to bring; people already selected are told of the change
 * (once per change). Date rules as on creation.
 */
export async function updateMeeting(ctx: Ctx, id: number, input: unknown): Promise<Meeting> {
  requireDecisionsAdmin(ctx.actor);
  const m = await getMeeting(ctx.db, id);
  requireMeetingManager(ctx.actor, m);
  const v = parseInput(z.object({ meetingOn: isoDate('会议日期'), place: placeField('会议地点'), bring: bringField }), input);
  if (v.meetingOn < m.signup_closes_on) throw invalid({ meetingOn: '会议日期不能早于报名截止日期' });
  const next = { meeting_on: v.meetingOn, place: v.place ?? null, bring: v.bring ?? null };
  if (next.meeting_on === m.meeting_on && next.place === m.place && next.bring === m.bring) return m;
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx.updateTable('meetings').set((eb) => ({ ...next, details_version: eb('details_version', '+', 1) })).where('id', '=', m.id).returningAll().executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, { action: 'meeting.update', entity: 'meeting', entityId: m.id, before: { meetingOn: m.meeting_on, place: m.place, bring: m.bring }, after: v, areaId: m.area_id });
    if (row.method) await tellAttendees(tx, row, 'changed');
    return row;
  });
}

const opinionSchema = z.object({ opinion: text('意见', { max: 3000, multiline: true }), disposition: oneOf('采纳情况', DISPOSITIONS), reason: optionalText('理由', 2000) });
export async function recordMeetingOpinion(ctx: Ctx, signupId: number, input: unknown): Promise<void> {
  requireDecisionsAdmin(ctx.actor);
  const v = parseInput(opinionSchema, input);
  const s = signupId > 0 ? await ctx.db.selectFrom('meeting_signups').selectAll().where('id', '=', signupId).executeTakeFirst() : undefined;
  if (!s) throw notFound('报名');
  if (!s.selected) throw fail('wrong_status', '只能登记列席人员的意见');
  if (v.disposition !== 'adopted' && !v.reason) throw invalid({ reason: '未采纳或部分采纳的，请说明理由' });
  const m = await getMeeting(ctx.db, s.meeting_id);
  requireMeetingManager(ctx.actor, m);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('meeting_signups').set({ opinion: v.opinion, disposition: v.disposition, disposition_reason: v.reason ?? null }).where('id', '=', s.id).execute();
    await writeAudit(tx, ctx, { action: 'meeting.opinion', entity: 'meeting_signup', entityId: s.id, after: v, areaId: m.area_id });
  });
}

/** The public record of a meeting: numbers and categories of all sign-ups (the draw list), names only with consent. */
export async function publicMeeting(db: Db, id: number) {
  const m = await getMeeting(db, id);
  const rows = await db.selectFrom('meeting_signups').select(['id', 'name', 'category', 'consent_publish', 'selected', 'opinion', 'disposition', 'disposition_reason'])
    .where('meeting_id', '=', m.id).orderBy('id').execute();
  const drawList: number[] = m.draw_list_json ? JSON.parse(m.draw_list_json) : [];
  const attendees = rows.filter((r) => r.selected).map((r) => ({
    id: r.id, category: r.category, name: r.consent_publish ? maskedName(r.name) : null, opinion: r.opinion, disposition: r.disposition, reason: r.disposition_reason,
  }));
  const verify = m.method === 'draw' && m.seed ? drawFromSeed(drawList, m.seed, m.seats) : null;
  return { m, signups: rows.length, drawList, attendees, verify };
}

// ── 政府开放日 ──
export const OPEN_DAY_LABELS: Record<string, string> = { title: '活动名称', unit: '承办单位', heldOn: '活动日期', place: '地点', capacity: '名额', signupClosesOn: '报名截止日期', bring: '须携带' };

async function openDayFacts(db: Db, d: OpenDay): Promise<OpenDayFacts> {
  return { id: d.id, title: d.title, heldOn: d.held_on, place: d.place, bring: d.bring, unit: (await findUnit(db, d.unit_id))?.name ?? '承办单位' };
}
async function tellSignup(tx: Db, d: OpenDay, facts: OpenDayFacts, s: { id: number; name: string; contact: string }, event: 'confirmed' | 'waiting' | 'cancelled' | 'changed', position?: number, mailOnly?: string) {
  await tellParticipant(tx, { areaId: d.area_id, target: 'open_day', targetId: d.id, signup: s, event, version: event === 'changed' ? d.details_version : undefined, text: openDayNotice(event, facts, s, baseUrl(), position), mailOnly });
}
export async function createOpenDay(ctx: Ctx, input: unknown): Promise<OpenDay> {
  requireDecisionsStaff(ctx.actor);
  const v = parseInput(z.object({
    title: text('活动名称', { max: 200 }), unit: z.union([z.number().int().positive(), z.string().trim().min(1, '请填写承办单位').max(100)], { error: '请填写承办单位' }),
    heldOn: isoDate('活动日期'), place: text('地点', { max: 200 }), capacity: posInt('名额', 5000), signupClosesOn: isoDate('报名截止日期'),
    bring: bringField,
  }), input);
  const areaId = await actorArea(ctx);
  const unit = typeof v.unit === 'number' || /^\d+$/.test(v.unit) ? await findUnit(ctx.db, Number(v.unit)) : await unitByName(ctx.db, areaId, v.unit);
  if (!unit || (unit.area_id !== areaId && unit.id !== areaId)) throw invalid({ unit: '找不到该承办单位' });
  requireOpenDayCreator(ctx.actor, unit.id);
  if (v.signupClosesOn > v.heldOn) throw invalid({ signupClosesOn: '报名截止日期不能晚于活动日期' });
  return ctx.db.transaction().execute(async (tx) => {
    const d = await tx.insertInto('open_days').values({ area_id: areaId, unit_id: unit.id, title: v.title, held_on: v.heldOn, place: v.place, capacity: v.capacity, signup_closes_on: v.signupClosesOn, created_at: nowIso(), bring: v.bring ?? null })
      .returningAll().executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, { action: 'open_day.create', entity: 'open_day', entityId: d.id, after: d, areaId });
    return d;
  });
}

export async function getOpenDay(db: Db, id: number): Promise<OpenDay> {
  const d = id > 0 ? await db.selectFrom('open_days').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
  if (!d) throw notFound('开放日活动');
  return d;
}

/** Sign-up: confirmed while seats remain, otherwise on the waiting list (in order of sign-up). */
/**
 * Serialises sign-ups and cancellations of one open day: a no-op UPDATE of its row takes the row lock on PostgreSQL
 * (held to the end of the transaction) and the write lock on SQLite, so "count the confirmed, then insert" cannot
 * interleave and confirm more people than the capacity.
 */
async function lockOpenDay(tx: Db, id: number): Promise<void> {
  await tx.updateTable('open_days').set((eb) => ({ capacity: eb.ref('capacity') })).where('id', '=', id).execute();
}

export async function signUpForOpenDay(ctx: Ctx, id: number, input: unknown): Promise<{ id: number; status: 'confirmed' | 'waiting'; position: number }> {
  const d = await getOpenDay(ctx.db, id);
  const v = parseInput(z.object({ name: text('姓名', { max: 50 }), contact: text('联系方式', { max: 100 }) }), input);
  if (todayCst() > d.signup_closes_on) throw fail('signup_closed', `报名已于 ${d.signup_closes_on} 截止`);
  const facts = await openDayFacts(ctx.db, d);
  return ctx.db.transaction().execute(async (tx) => {
    await lockOpenDay(tx, d.id);
    const confirmed = Number((await tx.selectFrom('open_day_signups').select(sql<number>`count(*)`.as('n')).where('open_day_id', '=', d.id).where('status', '=', 'confirmed').executeTakeFirstOrThrow()).n);
    const status = confirmed < d.capacity ? 'confirmed' as const : 'waiting' as const;
    const r = await tx.insertInto('open_day_signups').values({ open_day_id: d.id, name: v.name, contact: v.contact, status, attended: 0, suggestion: null, disposition: null, disposition_reason: null, created_at: nowIso() })
      .returning('id').executeTakeFirstOrThrow();
    const position = status === 'waiting'
      ? Number((await tx.selectFrom('open_day_signups').select(sql<number>`count(*)`.as('n')).where('open_day_id', '=', d.id).where('status', '=', 'waiting').where('id', '<=', r.id).executeTakeFirstOrThrow()).n) : confirmed + 1;
    await writeAudit(tx, ctx, { action: 'open_day.signup', entity: 'open_day_signup', entityId: r.id, after: { openDayId: d.id, status }, areaId: d.area_id });
    // A cancellation link only where it can travel privately: in an e-mail to the address given.
    const cancel = emailOf(v.contact) ? cancelLinkText(await issueCancelToken(tx, r.id), baseUrl()) : undefined;
    await tellSignup(tx, d, facts, { id: r.id, name: v.name, contact: v.contact }, status, status === 'waiting' ? position : undefined, cancel);
    return { id: r.id, status, position };
  });
}

/** Cancels a sign-up; the first on the waiting list moves up. */
export async function cancelOpenDaySignup(ctx: Ctx, signupId: number): Promise<number | null> {
  const s = signupId > 0 ? await ctx.db.selectFrom('open_day_signups').selectAll().where('id', '=', signupId).executeTakeFirst() : undefined;
  if (!s) throw notFound('报名');
  const d = await getOpenDay(ctx.db, s.open_day_id);
  requireOpenDayStaff(ctx.actor, d);
  if (s.status === 'cancelled') throw fail('wrong_status', '该报名已取消');
  const facts = await openDayFacts(ctx.db, d);
  return ctx.db.transaction().execute((tx) => cancelInTx(tx, ctx, d, facts, s, 'staff'));
}

/**
 * The one cancellation path (staff, and the citizen's own link): under the open day's lock, re-reads the sign-up,
 * cancels it, promotes the first on the waiting list, audits (without name or contact) and tells both people.
 */
async function cancelInTx(tx: Db, ctx: Ctx, d: OpenDay, facts: OpenDayFacts, s: { id: number; name: string; contact: string }, via: 'staff' | 'self'): Promise<number | null> {
  await lockOpenDay(tx, d.id);
  // Re-read under the lock: a concurrent cancellation must not promote twice.
  const cur = await tx.selectFrom('open_day_signups').select('status').where('id', '=', s.id).executeTakeFirstOrThrow();
  if (cur.status === 'cancelled') throw fail('wrong_status', '该报名已取消');
  await tx.updateTable('open_day_signups').set({ status: 'cancelled' }).where('id', '=', s.id).execute();
  let promoted: number | null = null;
  if (cur.status === 'confirmed') {
    const next = await tx.selectFrom('open_day_signups').select(['id', 'name', 'contact']).where('open_day_id', '=', d.id).where('status', '=', 'waiting').orderBy('id').executeTakeFirst();
    if (next) {
      await tx.updateTable('open_day_signups').set({ status: 'confirmed' }).where('id', '=', next.id).execute();
      promoted = next.id;
      // The promotion e-mail carries its own cancellation link (the one of the waiting-list e-mail stays valid too).
      await tellSignup(tx, d, facts, next, 'confirmed', undefined, emailOf(next.contact) ? cancelLinkText(await issueCancelToken(tx, next.id), baseUrl()) : undefined);
    }
  }
  await writeAudit(tx, ctx, { action: 'open_day.cancel', entity: 'open_day_signup', entityId: s.id, after: via === 'self' ? { promoted, by: 'self' } : { promoted }, areaId: d.area_id });
  await tellSignup(tx, d, facts, s, 'cancelled');
  return promoted;
}

// ── the citizen's own cancellation link ──
const hashToken = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex');
/** 32 random bytes (256 bits), base64url: 43 characters. */
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/** Creates the cancellation token of a sign-up; only its SHA-256 is stored, the token itself goes into the e-mail. */
async function issueCancelToken(tx: Db, signupId: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await tx.insertInto('decisions_cancel_tokens').values({ token_hash: hashToken(token), target: 'open_day', signup_id: signupId, created_at: nowIso(), used_at: null }).execute();
  return token;
}
export const cancelPath = (token: string) => `/open-days/cancel?token=${encodeURIComponent(token)}`;
const cancelLinkText = (token: string, base: string | null) => `如需取消报名，请打开以下链接并确认（链接仅供您本人使用，活动结束后失效）：\n${base ?? ''}${cancelPath(token)}`;

export type CancelLookup =
  | { state: 'unknown' }
  | { state: 'used' | 'expired' | 'ok'; openDay: { id: number; title: string; heldOn: string; place: string; unit: string }; status: 'confirmed' | 'waiting' | 'cancelled' };

async function findByToken(db: Db, token: unknown) {
  if (typeof token !== 'string' || !TOKEN_RE.test(token)) return null;
  const t = await db.selectFrom('decisions_cancel_tokens').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
  if (!t) return null;
  const s = await db.selectFrom('open_day_signups').selectAll().where('id', '=', t.signup_id).executeTakeFirst();
  if (!s) return null;
  return { t, s, d: await getOpenDay(db, s.open_day_id) };
}

/** What a cancellation link points at: the event and the state of the link (no name, no contact). */
export async function lookupCancelToken(db: Db, token: unknown): Promise<CancelLookup> {
  const f = await findByToken(db, token);
  if (!f) return { state: 'unknown' };
  const facts = await openDayFacts(db, f.d);
  const openDay = { id: f.d.id, title: f.d.title, heldOn: f.d.held_on, place: f.d.place, unit: facts.unit };
  const state = f.t.used_at || f.s.status === 'cancelled' ? 'used' : todayCst() > f.d.held_on ? 'expired' : 'ok';
  return { state, openDay, status: f.s.status };
}

/** Cancels the sign-up behind a link, once; the waiting list moves up exactly as on a staff cancellation. */
export async function cancelByToken(ctx: Ctx, token: unknown): Promise<CancelLookup> {
  const before = await lookupCancelToken(ctx.db, token);
  if (before.state !== 'ok') return before;
  const f = (await findByToken(ctx.db, token))!;
  const facts = await openDayFacts(ctx.db, f.d);
  try {
    await ctx.db.transaction().execute(async (tx) => {
      const used = await tx.updateTable('decisions_cancel_tokens').set({ used_at: nowIso() }).where('id', '=', f.t.id).where('used_at', 'is', null).executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) throw fail('wrong_status', '该报名已取消');
      await cancelInTx(tx, ctx, f.d, facts, f.s, 'self');
    });
  } catch (err) {
    if (err instanceof AppError && err.code === 'wrong_status') return { ...before, state: 'used', status: 'cancelled' };
    throw err;
  }
  return { ...before, status: 'cancelled' };
}

/** Changes the date, place or what to bring; everyone confirmed or waiting is told (once per change). */
export async function updateOpenDay(ctx: Ctx, id: number, input: unknown): Promise<OpenDay> {
  requireDecisionsStaff(ctx.actor);
  const d = await getOpenDay(ctx.db, id);
  requireOpenDayStaff(ctx.actor, d);
  const v = parseInput(z.object({ heldOn: isoDate('活动日期'), place: text('地点', { max: 200 }), bring: bringField }), input);
  if (v.heldOn < d.signup_closes_on) throw invalid({ heldOn: '活动日期不能早于报名截止日期' });
  const next = { held_on: v.heldOn, place: v.place, bring: v.bring ?? null };
  if (next.held_on === d.held_on && next.place === d.place && next.bring === d.bring) return d;
  const unit = await findUnit(ctx.db, d.unit_id);
  return ctx.db.transaction().execute(async (tx) => {
    await lockOpenDay(tx, d.id);
    const row = await tx.updateTable('open_days').set((eb) => ({ ...next, details_version: eb('details_version', '+', 1) })).where('id', '=', d.id).returningAll().executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, { action: 'open_day.update', entity: 'open_day', entityId: d.id, before: { heldOn: d.held_on, place: d.place, bring: d.bring }, after: v, areaId: d.area_id });
    const facts: OpenDayFacts = { id: row.id, title: row.title, heldOn: row.held_on, place: row.place, bring: row.bring, unit: unit?.name ?? '承办单位' };
    const people = await tx.selectFrom('open_day_signups').select(['id', 'name', 'contact']).where('open_day_id', '=', d.id).where('status', 'in', ['confirmed', 'waiting']).orderBy('id').execute();
    for (const s of people) await tellSignup(tx, row, facts, s, 'changed');
    return row;
  });
}

export async function recordOpenDayAttendance(ctx: Ctx, signupId: number, input: unknown): Promise<void> {
  const v = parseInput(z.object({
    attended: z.preprocess((x) => x === true || x === 'on' || x === '1', z.boolean()),
    suggestion: optionalText('建议', 3000),
    disposition: z.preprocess((x) => (x === '' ? undefined : x), oneOf('采纳情况', DISPOSITIONS).optional()),
    reason: optionalText('理由', 2000),
  }), input);
  const s = signupId > 0 ? await ctx.db.selectFrom('open_day_signups').selectAll().where('id', '=', signupId).executeTakeFirst() : undefined;
  if (!s) throw notFound('报名');
  const d = await getOpenDay(ctx.db, s.open_day_id);
  requireOpenDayStaff(ctx.actor, d);
  if (s.status !== 'confirmed') throw fail('wrong_status', '只有确认参加的报名才能登记到场和建议');
  if (v.suggestion && !v.disposition) throw invalid({ disposition: '请选择该建议的采纳情况' });
  if (v.disposition && v.disposition !== 'adopted' && !v.reason) throw invalid({ reason: '未采纳或部分采纳的，请说明理由' });
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('open_day_signups').set({ attended: v.attended ? 1 : 0, suggestion: v.suggestion ?? null, disposition: v.suggestion ? v.disposition! : null, disposition_reason: v.suggestion ? v.reason ?? null : null })
      .where('id', '=', s.id).execute();
    await writeAudit(tx, ctx, { action: 'open_day.attendance', entity: 'open_day_signup', entityId: s.id, before: { attended: s.attended }, after: v, areaId: d.area_id });
  });
}

export async function publicOpenDay(db: Db, id: number) {
  const d = await getOpenDay(db, id);
  const [unit, rows] = await Promise.all([
    findUnit(db, d.unit_id),
    db.selectFrom('open_day_signups').select(['id', 'status', 'attended', 'suggestion', 'disposition', 'disposition_reason']).where('open_day_id', '=', d.id).orderBy('id').execute(),
  ]);
  return {
    d, unit: unit?.name ?? '',
    confirmed: rows.filter((r) => r.status === 'confirmed').length,
    waiting: rows.filter((r) => r.status === 'waiting').length,
    attended: rows.filter((r) => r.attended).length,
    suggestions: rows.filter((r) => r.suggestion && r.disposition).map((r) => ({ suggestion: r.suggestion!, disposition: r.disposition!, reason: r.disposition_reason })),
  };
}

export async function listParticipation(db: Db, areaId: number) {
  const [meetings, openDays] = await Promise.all([
    db.selectFrom('meetings').select(['id', 'title', 'meeting_on', 'signup_opens_on', 'signup_closes_on', 'method']).where('area_id', '=', areaId).orderBy('meeting_on', 'desc').limit(50).execute(),
    db.selectFrom('open_days').select(['id', 'title', 'held_on', 'signup_closes_on', 'capacity']).where('area_id', '=', areaId).orderBy('held_on', 'desc').limit(50).execute(),
  ]);
  return { meetings, openDays };
}

// ── staff views (contacts are visible here, to staff only) ──
export async function meetingForStaff(ctx: Ctx, id: number) {
  const m = await getMeeting(ctx.db, id);
  requireMeetingReader(ctx.actor, m);
  const signups = await ctx.db.selectFrom('meeting_signups').selectAll().where('meeting_id', '=', m.id).orderBy('id').execute();
  return { m, signups };
}
export async function openDayForStaff(ctx: Ctx, id: number) {
  const d = await getOpenDay(ctx.db, id);
  requireOpenDayReader(ctx.actor, d);
  const signups = await ctx.db.selectFrom('open_day_signups').selectAll().where('open_day_id', '=', d.id).orderBy('id').execute();
  return { d, signups };
}
