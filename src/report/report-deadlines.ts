// Deadlines of the annual report (《条例》第四十九、五十条): each department and 镇/街道 publishes last year's
// report by 31 January, the district government by 31 March; the office may set earlier internal dates.
// The dashboard of every unit's status, reminders (exactly once per unit, year and stage), timeliness for
// the assessment, the roll-up of the district 汇总 against the units' reports.
import { z } from 'zod';
import { writeAudit } from '../audit/public.js';
import { requireAdmin, requireAreaReader } from '../auth/policy.js';
import type { Db } from '../db/schema.js';
import type { Ctx } from '../lib/context.js';
import { invalid } from '../lib/errors.js';
import { nowIso, todayCst } from '../lib/time.js';
import { parseInput } from '../lib/validate.js';
import { areaAdmins, notifyOnce, unitUsers } from '../notify/public.js';
import { actorArea, listUnitsInArea, listAreas } from '../org/public.js';
import { diffTables, type ReportScope } from './report-format.js';
import { AREA_KINDS, compose, defaultScope, STATUS_LABELS, type ReportRow, type Snapshot, type Unit } from './report.service.js';

const KEY = 'report.deadlines';
export type Deadlines = { unitInternal: string | null; districtInternal: string | null };
export const STATUTORY = { unit: '01-31', district: '03-31' } as const;

export async function getDeadlines(db: Db): Promise<Deadlines> {
  const r = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  try {
    const v = r ? (JSON.parse(r.value) as Deadlines) : null;
    return { unitInternal: v?.unitInternal ?? null, districtInternal: v?.districtInternal ?? null };
  } catch {
    return { unitInternal: null, districtInternal: null };
  }
}

const mmdd = (label: string, max: string) => z.preprocess((v) => (v === '' || v === null || v === undefined ? null : v),
  z.string({ error: `${label}格式应为 MM-DD` }).regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, `${label}格式应为 MM-DD，如 01-20`)
    .refine((s) => s <= max, `${label}不能晚于法定期限（${max}）`).nullable());
const deadlinesInput = z.object({ unitInternal: mmdd('部门、镇街内部期限', STATUTORY.unit), districtInternal: mmdd('区政府报告内部期限', STATUTORY.district) });

export async function saveDeadlines(ctx: Ctx, raw: unknown): Promise<Deadlines> {
  requireAdmin(ctx.actor);
  const v = parseInput(deadlinesInput, raw);
  const before = await getDeadlines(ctx.db);
  await ctx.db.transaction().execute(async (tx) => {
    const value = JSON.stringify(v);
    const has = await tx.selectFrom('settings').select('key').where('key', '=', KEY).executeTakeFirst();
    if (has) await tx.updateTable('settings').set({ value }).where('key', '=', KEY).execute();
    else await tx.insertInto('settings').values({ key: KEY, value }).execute();
    await writeAudit(tx, ctx, { action: 'report.deadlines', entity: 'setting', entityId: KEY, before, after: v });
  });
  return v;
}

export const isAreaBody = (u: { kind: string }) => AREA_KINDS.has(u.kind);
export const dueDate = (u: { kind: string }, year: number) => `${year + 1}-${isAreaBody(u) ? STATUTORY.district : STATUTORY.unit}`;
export const internalDate = (u: { kind: string }, year: number, d: Deadlines) => {
  const x = isAreaBody(u) ? d.districtInternal : d.unitInternal;
  return x ? `${year + 1}-${x}` : null;
};

export type DeadlineState = 'on_time' | 'published_late' | 'overdue' | 'past_internal' | 'open';
export const STATE_LABELS: Record<DeadlineState, string> = {
  on_time: '按时公开', published_late: '逾期公开', overdue: '逾期未公开', past_internal: '已过内部期限', open: '未到期',
};

export type DashboardRow = {
  unitId: number; unitName: string; kind: string; scope: ReportScope; report: ReportRow | null;
  due: string; internal: string | null; publishedOn: string | null; state: DeadlineState; late: boolean;
};

function stateOf(publishedOn: string | null, due: string, internal: string | null, today: string): DeadlineState {
  if (publishedOn) return publishedOn <= due ? 'on_time' : 'published_late';
  if (today > due) return 'overdue';
  if (internal && today > internal) return 'past_internal';
  return 'open';
}

/** Every body of the area (the district government 汇总, each department, 镇 and 街道) for report year `year`. */
export async function deadlineRows(db: Db, areaId: number, year: number, today = todayCst()): Promise<DashboardRow[]> {
  const units = (await listUnitsInArea(db, areaId)).filter((u) => u.kind !== '市');
  const reports = await db.selectFrom('report_annual').selectAll().where('area_id', '=', areaId).where('year', '=', year).execute();
  const d = await getDeadlines(db);
  return units.map((u) => {
    const scope = defaultScope(u);
    const report = reports.find((r) => r.unit_id === u.id && r.scope === scope) ?? null;
    const due = dueDate(u, year);
    const internal = internalDate(u, year, d);
    const publishedOn = report?.first_published_on ?? null;
    const state = stateOf(publishedOn, due, internal, today);
    return { unitId: u.id, unitName: u.name, kind: u.kind, scope, report, due, internal, publishedOn, state, late: state === 'published_late' || state === 'overdue' };
  });
}

export async function dashboard(ctx: Ctx, year: number) {
  requireAreaReader(ctx.actor);
  const areaId = await actorArea(ctx);
  return { rows: await deadlineRows(ctx.db, areaId, year), deadlines: await getDeadlines(ctx.db) };
}

/** For the assessment (考核): per unit, whether the report of `year` was (or is being) published late. */
export async function reportTimeliness(db: Db, areaId: number, year: number, today = todayCst()) {
  return (await deadlineRows(db, areaId, year, today)).map((r) => ({ unitId: r.unitId, unitName: r.unitName, due: r.due, publishedOn: r.publishedOn, state: r.state, late: r.late }));
}

const LATE_NOTICE_DAYS = 31;
const plusDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Reminders: at the internal date, a week before the statutory date, and once late (the office too). */
/** Reminders for a user's own area, or — for the scheduler and the CLI — for every area the deployment serves. */
export async function runReportReminders(ctx: Ctx, today = todayCst()): Promise<number> {
  const areas = ctx.actor.kind === 'user' ? [await actorArea(ctx)] : (await listAreas(ctx.db)).map((a) => a.id);
  let sent = 0;
  for (const areaId of areas) sent += await remindArea(ctx, today, areaId);
  return sent;
}

async function remindArea(ctx: Ctx, today: string, areaId: number): Promise<number> {
  const year = Number(today.slice(0, 4)) - 1;
  const rows = await deadlineRows(ctx.db, areaId, year, today);
  const admins = await areaAdmins(ctx.db, areaId);
  const weekBefore = (due: string) => new Date(Date.parse(`${due}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
  let sent = 0;
  await ctx.db.transaction().execute(async (tx) => {
    for (const r of rows) {
      if (r.publishedOn) continue;
      const who = isAreaBody({ kind: r.kind }) ? admins : await unitUsers(tx, r.unitId, ['unit_operator', 'unit_reviewer']);
      const link = `/console/reports/annual?year=${year}&unit=${r.unitId}`;
      const status = r.report ? STATUS_LABELS[r.report.status] : '未创建';
      const notice = (title: string, body: string) => ({ kind: 'report.deadline', title, body, link, areaId });
      if (today > r.due) {
        // Late notices go out in the month after the deadline, not for years long past (e.g. before the platform).
        if (today > plusDays(r.due, LATE_NOTICE_DAYS)) continue;
        sent += await notifyOnce(tx, `report.late:${r.unitId}:${year}`, [...new Set([...who, ...admins])],
          notice(`${r.unitName}${year}年政府信息公开工作年度报告已逾期`, `法定期限${r.due}已过，报告仍未公开（当前：${status}）。`));
      } else if (today >= weekBefore(r.due)) {
        sent += await notifyOnce(tx, `report.due_soon:${r.unitId}:${year}`, who,
          notice(`${year}年政府信息公开工作年度报告将于${r.due}到期`, `请在${r.due}前完成审签、备案并公开（当前：${status}）。`));
      } else if (r.internal && today >= r.internal) {
        sent += await notifyOnce(tx, `report.internal:${r.unitId}:${year}`, who,
          notice(`${year}年政府信息公开工作年度报告内部期限${r.internal}`, `政务公开办要求在${r.internal}前报送年度报告（法定期限${r.due}，当前：${status}）。`));
      }
    }
  });
  return sent;
}

// ── roll-up ──

export type RollupUnit = { unitId: number; unitName: string; status: string; source: string; differences: { cell: string; a: number | null; b: number | null }[] };

/**
 * The district 汇总 against the sum of the units' reports (published version where published, else the live
 * figures). A unit whose published figures differ from today's data is listed with the cells.
 */
export async function rollup(ctx: Ctx, year: number) {
  requireAreaReader(ctx.actor);
  const areaId = await actorArea(ctx);
  const units = (await listUnitsInArea(ctx.db, areaId)).filter((u) => u.kind !== '市') as Unit[];
  const district = units.find((u) => u.id === areaId)!;
  const total = await compose(ctx.db, areaId, district, year, '汇总');
  const sum3: Record<string, Record<string, number>> = {};
  const sum4: Record<string, Record<string, number>> = {};
  const per: RollupUnit[] = [];
  const add = (into: Record<string, Record<string, number>>, t: Record<string, Record<string, number | null>>) => {
    for (const [r, cols] of Object.entries(t)) for (const [c, v] of Object.entries(cols)) (into[r] ??= {})[c] = (into[r]![c] ?? 0) + (v ?? 0);
  };
  const reports = await ctx.db.selectFrom('report_annual').selectAll().where('area_id', '=', areaId).where('year', '=', year).where('scope', '=', '本级').execute();
  for (const u of units) {
    const r = reports.find((x) => x.unit_id === u.id) ?? null;
    const v = r?.first_published_on ? await ctx.db.selectFrom('report_versions').selectAll().where('report_id', '=', r.id).orderBy('version', 'desc').limit(1).executeTakeFirst() : undefined;
    let live;
    try {
      live = await compose(ctx.db, areaId, u, year, '本级', r);
    } catch {
      live = null; // a unit without any data that year
    }
    if (!live && !v) continue;
    const snap = v ? (JSON.parse(v.snapshot_json) as Snapshot).doc : live!.doc;
    add(sum3, snap.table3);
    add(sum4, snap.table4);
    const differences = v && live ? [...diffTables(snap.table3, live.doc.table3), ...diffTables(snap.table4, live.doc.table4)] : [];
    per.push({ unitId: u.id, unitName: u.name, status: r ? STATUS_LABELS[r.status] : '未创建', source: v ? `已公开第${v.version}版` : '实时数据', differences });
  }
  const differences = [...diffTables(sum3, total.doc.table3), ...diffTables(sum4, total.doc.table4)];
  return { year, district: total, sumTable3: sum3, sumTable4: sum4, differences, units: per };
}

export function requireYear(raw: unknown): number {
  const y = Number(raw);
  const max = Number(todayCst().slice(0, 4));
  if (!Number.isInteger(y) || y < 2021 || y > max) throw invalid({ year: `请填写2021至${max}之间的年份` });
  return y;
}

export const lastReportYear = () => Number(todayCst().slice(0, 4)) - 1;
export { nowIso };
