// The office's and the units' views: register list with filters, dashboard counts, staff actions
// that are not clock events (assign, hand back), due-date explanation, reminders.
import { z } from 'zod';
import { writeAudit } from '../audit/public.js';
import { getCalendar, type WorkingCalendar } from '../calendar/public.js';
import type { Db } from '../db/schema.js';
import { actorLabel, type Ctx } from '../lib/context.js';
import { AppError, fail } from '../lib/errors.js';
import { nowIso, todayCst } from '../lib/time.js';
import { intId, parseInput, strictNumberInput, text } from '../lib/validate.js';
import { actorArea, findUnit, listUnitsInArea } from '../org/public.js';
import { areaAdmins, notifyOnce, notifyUsers, unitUsers } from '../notify/public.js';
import { CONSULTATION_DAYS, REQUEST_STATES, replayClock, type ClockReplay } from './request-events.js';
import { proactiveGroupsWithoutDraft } from './proactive.js';
import { isOffice, requireHandBack, requireOffice, seesWholeArea } from './requests-policy.js';
import { REGISTER_TEXT_MIN, registerTextFilter } from './requests.repo.js';
import { cacheColumns, findRequest, loadEventsForWrite, refusalToAppError, toStored, type RequestRow } from './requests.service.js';

export const PAGE_SIZE = 50;
/** Every state but closed, spelled out so the (area_id, state, due_on) index is used. */
const OPEN_STATES = REQUEST_STATES.filter((x) => x !== 'closed');
export type DueFilter = 'today' | 'week' | 'overdue';

type Scope = { areaId: number; unitId: number | null };
/** Office and auditors see the area; unit staff their unit's requests (addressed or handling). */
export async function scopeOf(ctx: Ctx): Promise<Scope> {
  const a = ctx.actor;
  if (a.kind === 'anonymous') throw new AppError('unauthorized', 'login_required', '请先登录');
  const areaId = await actorArea(ctx);
  if (seesWholeArea(a) || a.kind !== 'user') return { areaId, unitId: null };
  return { areaId, unitId: a.unitId };
}

/** Sunday of the week of `day` (weeks run Monday–Sunday). */
export function endOfWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const add = (7 - d.getUTCDay()) % 7;
  return new Date(d.getTime() + add * 86400_000).toISOString().slice(0, 10);
}

/** An optional integer query parameter read strictly: `[1]`, `0x10`, `1e1` or ` 1` are refused, not coerced. */
const strictIntIn = (min: number, max: number) => z.preprocess((v) => (v === undefined ? undefined : strictNumberInput(v)), z.number().int().min(min).max(max).optional());

const filterSchema = z.object({
  state: z.enum(REQUEST_STATES).optional(),
  due: z.enum(['today', 'week', 'overdue']).optional(),
  unit: strictIntIn(1, 2_147_483_647),
  year: strictIntIn(2000, 2100),
  q: z.string().max(100).optional(),
  page: strictIntIn(1, 100000),
});
export type ListFilter = z.infer<typeof filterSchema>;

export function parseFilter(query: unknown): ListFilter {
  const raw = Object.fromEntries(Object.entries((query ?? {}) as Record<string, unknown>).filter(([, v]) => v !== '' && v !== undefined));
  const r = filterSchema.safeParse(raw);
  if (!r.success) throw fail('validation_failed', '筛选条件无效', Object.fromEntries(r.error.issues.map((i) => [String(i.path[0] ?? '_'), '筛选条件无效'])));
  return r.data;
}

function scoped(db: Db, s: Scope) {
  let q = db.selectFrom('info_requests').where('area_id', '=', s.areaId);
  if (s.unitId !== null) { const u = s.unitId; q = q.where((eb) => eb.or([eb('unit_id', '=', u), eb('handling_unit_id', '=', u)])); }
  return q;
}

/** Register counts above this are shown as “10000余件” (the count stops there). */
export const COUNT_CAP = 10000;

/** How a register total reads: “12 件” up to the cap, “10000余件” beyond it. */
export const totalLabel = (r: { total: number; totalCapped: boolean }) => (r.totalCapped ? `${r.total}余件` : `${r.total} 件`);

export async function listRequests(ctx: Ctx, f: ListFilter, today = todayCst()) {
  const s = await scopeOf(ctx);
  let q = scoped(ctx.db, s);
  if (f.state) q = q.where('state', '=', f.state);
  if (f.unit) { const u = f.unit; q = q.where((eb) => eb.or([eb('unit_id', '=', u), eb('handling_unit_id', '=', u)])); }
  if (f.year) q = q.where('submitted_on', '>=', `${f.year}-01-01`).where('submitted_on', '<=', `${f.year}-12-31`);
  if (f.due === 'today') q = q.where('state', '=', 'running').where('due_on', '=', today);
  if (f.due === 'week') q = q.where('state', '=', 'running').where('due_on', '>=', today).where('due_on', '<=', endOfWeek(today));
  if (f.due === 'overdue') q = q.where('state', '=', 'running').where('due_on', '<', today);
  const term = f.q?.trim();
  if (term) q = q.where(registerTextFilter(ctx.dialect, term));
  const page = f.page ?? 1;
  const [rows, total] = await Promise.all([
    q.select(['id', 'number', 'unit_id', 'handling_unit_id', 'channel', 'state', 'applicant_type', 'submitted_on', 'received_on', 'due_on', 'decision', 'decided_on', 'on_time'])
      .orderBy(f.due || f.state === 'running' ? 'due_on' : 'id', f.due || f.state === 'running' ? 'asc' : 'desc').orderBy('id', 'desc')
      .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE).execute(),
    // Counting stops after COUNT_CAP + 1 rows (an index-only LIMIT subquery): an exact count(*) over a whole area on
    // every register page cost 15–41 ms on PostgreSQL; past the cap the page says “10000余件”.
    ctx.db.selectFrom(q.select('id').limit(COUNT_CAP + 1).as('c')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n)),
  ]);
  const capped = total > COUNT_CAP;
  /** A `q` shorter than REGISTER_TEXT_MIN characters searched the 申请编号 only (the page says so). */
  const numberOnly = !!term && [...term].length < REGISTER_TEXT_MIN;
  return { rows, total: capped ? COUNT_CAP : total, totalCapped: capped, page, pageSize: PAGE_SIZE, numberOnly };
}

export type DashboardRow = { unitId: number | null; unitName: string; dueToday: number; dueWeek: number; overdue: number; paused: number; pending: number; open: number };

/** Counts per unit (handling unit, else the addressed body) and a district total. */
export async function dashboard(ctx: Ctx, today = todayCst()): Promise<{ rows: DashboardRow[]; total: DashboardRow }> {
  const s = await scopeOf(ctx);
  const week = endOfWeek(today);
  const rows = await scoped(ctx.db, s)
    .where('state', 'in', OPEN_STATES)
    .select((eb) => [
      eb.fn.coalesce('handling_unit_id', 'unit_id').as('unit'),
      eb.fn.countAll<number>().as('open'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('state', '=', 'running'), eb('due_on', '=', today)])).then(1).else(0).end()).as('due_today'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('state', '=', 'running'), eb('due_on', '>=', today), eb('due_on', '<=', week)])).then(1).else(0).end()).as('due_week'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('state', '=', 'running'), eb('due_on', '<', today)])).then(1).else(0).end()).as('overdue'),
      eb.fn.sum<number>(eb.case().when(eb('state', 'in', ['paused', 'awaiting_correction', 'awaiting_fee'])).then(1).else(0).end()).as('paused'),
      eb.fn.sum<number>(eb.case().when(eb('state', '=', 'pending_confirmation')).then(1).else(0).end()).as('pending'),
    ])
    .groupBy((eb) => eb.fn.coalesce('handling_unit_id', 'unit_id'))
    .execute();
  const units = new Map((await listUnitsInArea(ctx.db, s.areaId)).map((u) => [u.id, u.name]));
  const out: DashboardRow[] = rows.map((r) => ({
    unitId: Number(r.unit), unitName: units.get(Number(r.unit)) ?? '', open: Number(r.open), dueToday: Number(r.due_today ?? 0), dueWeek: Number(r.due_week ?? 0),
    overdue: Number(r.overdue ?? 0), paused: Number(r.paused ?? 0), pending: Number(r.pending ?? 0),
  })).sort((a, b) => b.overdue - a.overdue || b.dueWeek - a.dueWeek || a.unitName.localeCompare(b.unitName, 'zh'));
  const total = out.reduce<DashboardRow>((t, r) => ({ ...t, open: t.open + r.open, dueToday: t.dueToday + r.dueToday, dueWeek: t.dueWeek + r.dueWeek, overdue: t.overdue + r.overdue, paused: t.paused + r.paused, pending: t.pending + r.pending }),
    { unitId: null, unitName: s.unitId ? '本单位合计' : '全区合计', open: 0, dueToday: 0, dueWeek: 0, overdue: 0, paused: 0, pending: 0 });
  return { rows: out, total };
}

/** Appends a non-clock event (assignment, hand-back, note) and patches the row, with audit. */
async function appendNote(ctx: Ctx, row: RequestRow, type: string, note: string | null, data: unknown, patch: { handling_unit_id?: number | null }) {
  await ctx.db.transaction().execute(async (tx) => {
    const stored = await loadEventsForWrite(tx, ctx.dialect, row.id);
    const at = nowIso();
    await tx.insertInto('info_request_events').values({
      request_id: row.id, seq: (stored.at(-1)?.seq ?? 0) + 1, type, on_date: todayCst(), days: null, outcome: null, note, data_json: data === undefined ? null : JSON.stringify(data),
      actor_label: actorLabel(ctx.actor), created_at: at,
    }).execute();
    await tx.updateTable('info_requests').set({ ...patch, updated_at: at }).where('id', '=', row.id).execute();
    await writeAudit(tx, ctx, { action: `request.${type}`, entity: 'info_request', entityId: row.id, areaId: row.area_id, before: { handlingUnitId: row.handling_unit_id }, after: { ...patch, note } });
    if (type === 'assigned' && patch.handling_unit_id) {
      await notifyUsers(tx, await unitUsers(tx, patch.handling_unit_id, ['unit_operator', 'unit_reviewer']), {
        kind: 'request.assigned', title: `新交办的政府信息公开申请：${row.number ?? `#${row.id}`}`, body: `答复期限：${row.due_on ?? '暂停计时'}`, link: `/console/requests/${row.id}`, areaId: row.area_id,
      });
    }
    if (type === 'handed_back') {
      await notifyUsers(tx, await areaAdmins(tx, row.area_id), {
        kind: 'request.handed_back', title: `申请被退回：${row.number ?? `#${row.id}`}`, body: note ?? '', link: `/console/requests/${row.id}`, areaId: row.area_id,
      });
    }
  });
}

/** The office assigns a request to a handling unit of the area. */
export async function assignRequest(ctx: Ctx, id: number, input: unknown): Promise<void> {
  const v = parseInput(z.object({ unitId: intId('承办单位') }), input);
  requireOffice(ctx.actor, '只有政务公开办可以交办申请');
  const row = await findRequest(ctx, id);
  if (row.state === 'closed') throw fail('request_closed', '申请已办结');
  const unit = await findUnit(ctx.db, v.unitId);
  if (!unit || unit.area_id !== row.area_id || unit.id === row.area_id) throw fail('validation_failed', '请选择本区的承办单位', { unitId: '请选择本区的承办单位' });
  await appendNote(ctx, row, 'assigned', `交办：${unit.name}`, { unitId: unit.id }, { handling_unit_id: unit.id });
}

/** The handling unit hands the request back to the office with a reason. */
export async function handBack(ctx: Ctx, id: number, input: unknown): Promise<void> {
  const v = parseInput(z.object({ reason: text('退回理由', { max: 500, multiline: true }) }), input);
  const row = await findRequest(ctx, id);
  requireHandBack(ctx.actor, row);
  if (!row.handling_unit_id) throw fail('request_illegal_transition', '申请尚未交办');
  if (row.state === 'closed') throw fail('request_closed', '申请已办结');
  await appendNote(ctx, row, 'handed_back', v.reason, { unitId: row.handling_unit_id }, { handling_unit_id: null });
}

export type DueStep = { type: string; on: string; due: string | null; remaining: number; days?: number };
export type DueExplanation = {
  /** Where the current due date was counted from, and how many working days. */
  from: string; days: number; due: string;
  counted: readonly { date: string; ordinal: number }[]; skipped: readonly { date: string; reason: string }[]; warnings: readonly string[];
  steps: DueStep[];
};

/** How the current due date was computed: the clock events, and the counted and skipped days of the last count. */
export function explainDue(calendar: WorkingCalendar, r: ClockReplay): DueExplanation | null {
  if (!r.clock || !r.due) return null;
  const events = r.clock.events;
  let prevDue: string | null = null;
  let basis = { from: r.clock.receivedOn, days: r.clock.periodDays };
  for (const e of events) {
    if (e.type === 'start' || e.type === 'restart' || e.type === 'resume') basis = { from: e.on, days: e.remaining };
    else if (e.type === 'extend' && prevDue) basis = { from: prevDue, days: e.days ?? 0 };
    if (e.due) prevDue = e.due;
  }
  const x = calendar.explainAddWorkingDays(basis.from, basis.days);
  return {
    from: basis.from, days: basis.days, due: x.due, counted: x.counted, skipped: x.skipped, warnings: x.warnings,
    steps: events.map((e) => ({ type: e.type, on: e.on, due: e.due, remaining: e.remaining, days: e.days })),
  };
}

export const REMINDER_DAYS = 3;

/**
 * Reminders, exactly once per rule and date (notifyOnce): due within 3 working days and overdue, to
 * the handling unit's staff and the office; 待确认 for more than one working day, to the office.
 * Also writes the automatic resumption of a consultation that nobody answered within 15 working days.
 */
export async function runReminders(ctx: Ctx, today = todayCst()): Promise<{ dueSoon: number; overdue: number; pending: number; resumed: number }> {
  const out = { dueSoon: 0, overdue: 0, pending: 0, resumed: 0 };
  const areas = await ctx.db.selectFrom('info_requests').select('area_id').distinct().where('state', '<>', 'closed').execute();
  for (const { area_id: areaId } of areas) {
    const calendar = await getCalendar(ctx.db, areaId);
    const soon = calendar.addWorkingDays(today, REMINDER_DAYS);
    // Consultations past their 15th working day resume by themselves (an event, so the clock stays event-driven).
    const lapsed = await ctx.db.selectFrom('info_requests').selectAll().where('area_id', '=', areaId).where('state', '=', 'paused').where('consultation_until', '<', today).execute();
    for (const row of lapsed) {
      await ctx.db.transaction().execute(async (tx) => {
        const stored = await loadEventsForWrite(tx, ctx.dialect, row.id);
        const ev = { type: 'consultation_ended', on: row.consultation_until! };
        let r: ClockReplay;
        try { r = replayClock(calendar, [...stored.map(toStored), ev]); } catch (err) { throw refusalToAppError(err) ?? err; }
        const at = nowIso();
        await tx.insertInto('info_request_events').values({
          request_id: row.id, seq: (stored.at(-1)?.seq ?? 0) + 1, type: ev.type, on_date: ev.on, days: null, outcome: null,
          note: `征求意见期满（${CONSULTATION_DAYS}个工作日）未收到意见，自动恢复计时`, data_json: JSON.stringify({ automatic: true }), actor_label: '系统', created_at: at,
        }).execute();
        await tx.updateTable('info_requests').set({ ...cacheColumns(calendar, r), updated_at: at }).where('id', '=', row.id).execute();
        await writeAudit(tx, ctx, { action: 'request.event.consultation_ended', entity: 'info_request', entityId: row.id, areaId, after: { automatic: true, due: r.due } });
      });
      out.resumed++;
    }
    const admins = await areaAdmins(ctx.db, areaId);
    const open = await ctx.db.selectFrom('info_requests').select(['id', 'number', 'unit_id', 'handling_unit_id', 'due_on', 'state', 'submitted_on'])
      .where('area_id', '=', areaId).where((eb) => eb.or([
        eb.and([eb('state', '=', 'running'), eb('due_on', '<=', soon)]),
        eb('state', '=', 'pending_confirmation'),
      ])).execute();
    for (const r of open) {
      const label = r.number ?? `#${r.id}`;
      await ctx.db.transaction().execute(async (tx) => {
        if (r.state === 'pending_confirmation') {
          if (calendar.workingDaysBetween(r.submitted_on, today) < 1) return;
          if (await notifyOnce(tx, `requests.pending:${r.id}`, admins, { kind: 'request.pending', title: `网上申请待确认：#${r.id}`, body: `${r.submitted_on} 提交，请核实后确认收到`, link: `/console/requests/${r.id}`, areaId })) out.pending++;
          return;
        }
        const handlers = await unitUsers(tx, r.handling_unit_id ?? r.unit_id, ['unit_operator', 'unit_reviewer']);
        const users = [...new Set([...handlers, ...admins])];
        if (r.due_on! < today) {
          if (await notifyOnce(tx, `requests.overdue:${r.id}:${r.due_on}`, users, { kind: 'request.overdue', title: `申请已逾期：${label}`, body: `答复期限 ${r.due_on} 已过`, link: `/console/requests/${r.id}`, areaId })) out.overdue++;
        } else if (await notifyOnce(tx, `requests.due-soon:${r.id}:${r.due_on}`, users, { kind: 'request.due_soon', title: `申请即将到期：${label}`, body: `答复期限 ${r.due_on}`, link: `/console/requests/${r.id}`, areaId })) out.dueSoon++;
      });
    }
  }
  return out;
}

/** Inbox entries of 工作台: requests due this week and overdue for the user's unit (or the district for the office). */
export async function inboxEntries(ctx: Ctx): Promise<{ label: string; count: number; href: string; urgent?: boolean }[]> {
  if (ctx.actor.kind !== 'user') return [];
  const d = await dashboard(ctx);
  const out: { label: string; count: number; href: string; urgent?: boolean }[] = [];
  if (d.total.overdue) out.push({ label: '已逾期的政府信息公开申请', count: d.total.overdue, href: '/console/requests?due=overdue', urgent: true });
  if (d.total.dueWeek) out.push({ label: '本周到期的政府信息公开申请', count: d.total.dueWeek, href: '/console/requests?due=week', urgent: d.total.dueToday > 0 });
  if (d.total.pending && isOffice(ctx.actor)) out.push({ label: '待确认的网上申请', count: d.total.pending, href: '/console/requests?state=pending_confirmation' });
  const groups = await proactiveGroupsWithoutDraft(ctx.db, await scopeOf(ctx));
  if (groups.length) out.push({ label: '可转为主动公开的相似申请（条例第四十四条，尚无草稿）', count: groups.length, href: `/console/requests/${groups[0]!.requestId}` });
  return out;
}
