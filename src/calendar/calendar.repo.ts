// SQL for the holiday calendar, and a per-process cache that every node revalidates
// against a version number in the database (so two server nodes never disagree for long).
import type { Db } from '../db/schema.js';
import type { CalendarData, DayEntry, YearNotice } from './calendar-types.js';
import { loadDefaultCalendarData } from './default-calendar.js';
import { WorkingCalendar } from './working-calendar.js';

export const NATIONAL = 'national';
export const areaScope = (areaId: number) => `area:${areaId}`;
const VERSION_KEY = 'calendar_version';

export async function calendarVersion(db: Db): Promise<string> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', VERSION_KEY).executeTakeFirst();
  return row?.value ?? '0';
}

export async function bumpCalendarVersion(tx: Db): Promise<void> {
  const next = String(Date.now()) + Math.random().toString(36).slice(2, 6);
  const updated = await tx.updateTable('settings').set({ value: next }).where('key', '=', VERSION_KEY).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await tx.insertInto('settings').values({ key: VERSION_KEY, value: next }).execute();
}

/** Loads the shipped 2020–2026 notices into an empty calendar. */
export async function ensureCalendarSeeded(db: Db): Promise<void> {
  const any = await db.selectFrom('calendar_years').select('year').limit(1).executeTakeFirst();
  if (any) return;
  const data = loadDefaultCalendarData();
  await db.transaction().execute(async (tx) => {
    await writeNationalYears(tx, data, new Date().toISOString());
  });
}

export async function writeNationalYears(tx: Db, data: CalendarData, at: string): Promise<void> {
  for (const y of data.years) {
    await tx.deleteFrom('calendar_days').where('scope', '=', NATIONAL).where('year', '=', y.year).execute();
    await tx.deleteFrom('calendar_years').where('year', '=', y.year).execute();
    await tx.insertInto('calendar_years').values({ year: y.year, notice: y.notice, source: y.source, note: y.note ?? null, entered_at: at }).execute();
  }
  const rows = data.entries.map((e) => ({ scope: NATIONAL, date: e.date, kind: e.kind, name: e.name, year: e.year, source: e.source }));
  for (let i = 0; i < rows.length; i += 200) await tx.insertInto('calendar_days').values(rows.slice(i, i + 200)).execute();
  await bumpCalendarVersion(tx);
}

export async function loadCalendarData(db: Db, areaId: number | null): Promise<CalendarData> {
  const years = await db.selectFrom('calendar_years').selectAll().orderBy('year').execute();
  const scopes = areaId ? [NATIONAL, areaScope(areaId)] : [NATIONAL];
  const days = await db.selectFrom('calendar_days').selectAll().where('scope', 'in', scopes).orderBy('date').execute();
  // National entries first, then local overrides, so the overrides win (later entries win).
  const entries: DayEntry[] = [
    ...days.filter((d) => d.scope === NATIONAL).map((d) => ({ date: d.date, kind: d.kind, name: d.name, year: d.year, source: d.source })),
    ...days.filter((d) => d.scope !== NATIONAL).map((d) => ({ date: d.date, kind: d.kind, name: d.name, year: d.year, source: d.source, region: d.scope })),
  ];
  const notices: YearNotice[] = years.map((y) => ({ year: y.year, notice: y.notice, source: y.source, note: y.note ?? undefined, amendments: [] }));
  return { years: notices, entries };
}

const cache = new Map<string, { version: string; calendar: WorkingCalendar }>();

/** The working calendar for an area (national schedule plus the area's local overrides). */
export async function getCalendar(db: Db, areaId: number | null): Promise<WorkingCalendar> {
  const version = await calendarVersion(db);
  const key = String(areaId ?? 0);
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.calendar;
  await ensureCalendarSeeded(db);
  const calendar = WorkingCalendar.fromData(await loadCalendarData(db, areaId));
  cache.set(key, { version: await calendarVersion(db), calendar });
  return calendar;
}

export const listLocalDays = (db: Db, areaId: number) =>
  db.selectFrom('calendar_days').selectAll().where('scope', '=', areaScope(areaId)).orderBy('date').execute();
