// Calendar administration (import notices, local overrides) and deadline computation for the console, API and CLI.
import { writeAudit } from '../audit/public.js';
import { requireAdmin, requireUser } from '../auth/policy.js';
import type { Ctx } from '../lib/context.js';
import { AppError, invalid, type ErrorCode } from '../lib/errors.js';
import { nowIso, todayCst } from '../lib/time.js';
import { actorArea } from '../org/public.js';
import { CalendarError, CalendarFileError, LocalOverrideError } from './calendar-error.js';
import { parseCalendarFile } from './calendar-file.js';
import type { LocalOverride } from './calendar-types.js';
import { applyLocalOverrides } from './local-overrides.js';
import * as repo from './calendar.repo.js';
import type { WorkingCalendar } from './working-calendar.js';

/** Calendar problems are the user's input problems: 400 with the engine's Chinese message and code. */
export function calendarToAppError(err: unknown): unknown {
  if (err instanceof CalendarFileError) {
    return new AppError('invalid', 'invalid_calendar_file', err.message, Object.fromEntries(err.problems.map((p, i) => [`line${p.line}_${i}`, `第${p.line}行：${p.message}`])));
  }
  if (err instanceof LocalOverrideError) return new AppError('invalid', 'invalid_local_override', err.message);
  if (err instanceof CalendarError) return new AppError('invalid', err.code.toLowerCase() as ErrorCode, err.message);
  return err;
}

export async function calendarFor(ctx: Ctx): Promise<WorkingCalendar> {
  return repo.getCalendar(ctx.db, await actorArea(ctx));
}

/** Imports a year's notice file (project format or holiday-cn JSON). All or nothing. */
export async function importCalendar(ctx: Ctx, text: string): Promise<{ years: number[]; days: number }> {
  requireAdmin(ctx.actor);
  if (!text.trim()) throw invalid({ file: '请提供节假日文件内容' });
  let data;
  try {
    data = parseCalendarFile(text);
  } catch (err) {
    throw calendarToAppError(err);
  }
  await ctx.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('calendar_days').select(['date', 'kind', 'name']).where('scope', '=', repo.NATIONAL).where('year', 'in', data.years.map((y) => y.year)).execute();
    await repo.writeNationalYears(tx, data, nowIso());
    await writeAudit(tx, ctx, {
      action: 'calendar.import', entity: 'calendar_year', entityId: data.years.map((y) => y.year).join(','),
      before: before.length ? before : undefined,
      after: { years: data.years, days: data.entries.map((e) => ({ date: e.date, kind: e.kind, name: e.name })) },
    });
  });
  return { years: data.years.map((y) => y.year), days: data.entries.length };
}

/** Adds a district's own day off or working day on top of the national schedule. */
export async function addLocalOverride(ctx: Ctx, o: LocalOverride): Promise<number> {
  requireAdmin(ctx.actor);
  const areaId = await actorArea(ctx);
  const existing = await repo.listLocalDays(ctx.db, areaId);
  const national = await repo.loadCalendarData(ctx.db, null);
  const keep: LocalOverride[] = existing.map((d) => ({ from: d.date, kind: d.kind, name: d.name, source: d.source }));
  let merged;
  try {
    merged = applyLocalOverrides(national, [...keep, { ...o, region: repo.areaScope(areaId) }]);
  } catch (err) {
    throw calendarToAppError(err);
  }
  const added = merged.entries.filter((e) => e.region === repo.areaScope(areaId) && !existing.some((x) => x.date === e.date));
  await ctx.db.transaction().execute(async (tx) => {
    for (const e of added) {
      await tx.insertInto('calendar_days').values({ scope: repo.areaScope(areaId), date: e.date, kind: e.kind, name: e.name, year: e.year, source: e.source }).execute();
    }
    await repo.bumpCalendarVersion(tx);
    await writeAudit(tx, ctx, { action: 'calendar.override.add', entity: 'calendar_override', entityId: `${areaId}:${o.from}`, after: added, areaId });
  });
  return added.length;
}

export async function removeLocalOverride(ctx: Ctx, date: string): Promise<void> {
  requireAdmin(ctx.actor);
  const areaId = await actorArea(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('calendar_days').selectAll().where('scope', '=', repo.areaScope(areaId)).where('date', '=', date).executeTakeFirst();
    if (!row) throw new AppError('not_found', 'not_found', '该日期没有本地调整');
    await tx.deleteFrom('calendar_days').where('scope', '=', repo.areaScope(areaId)).where('date', '=', date).execute();
    await repo.bumpCalendarVersion(tx);
    await writeAudit(tx, ctx, { action: 'calendar.override.remove', entity: 'calendar_override', entityId: `${areaId}:${date}`, before: row, areaId });
  });
}

/** Years from 2020 to next year that have no notice entered. */
export async function missingYears(ctx: Ctx): Promise<number[]> {
  const cal = await calendarFor(ctx);
  const last = Number(todayCst().slice(0, 4)) + 1;
  const out: number[] = [];
  for (let y = 2020; y <= last; y++) if (!cal.hasDataFor(y)) out.push(y);
  return out;
}

export async function calendarOverview(ctx: Ctx, year: number) {
  requireUser(ctx.actor);
  const areaId = await actorArea(ctx);
  const notice = await ctx.db.selectFrom('calendar_years').selectAll().where('year', '=', year).executeTakeFirst();
  const days = await ctx.db.selectFrom('calendar_days').selectAll()
    .where('scope', 'in', [repo.NATIONAL, repo.areaScope(areaId)])
    .where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).orderBy('date').execute();
  return { notice, days, missing: await missingYears(ctx) };
}
