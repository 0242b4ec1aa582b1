import { readFileSync } from 'node:fs';
import { parseCalendarFile } from './calendar-file.js';
import type { CalendarData, LocalOverride } from './calendar-types.js';
import { applyLocalOverrides } from './local-overrides.js';
import { WorkingCalendar } from './working-calendar.js';

/** The national schedule shipped with the code; admins add later years through imports. */
export const DEFAULT_CALENDAR_FILE = new URL('../../data/calendar/cn-holidays.json', import.meta.url);

/**
 * The only function in the calendar module that does I/O: reads and validates the shipped
 * holiday file (throws CalendarFileError if someone broke it) and builds the calendar.
 */
export function loadDefaultCalendarData(file: URL | string = DEFAULT_CALENDAR_FILE): CalendarData {
  return parseCalendarFile(readFileSync(file, 'utf8'));
}

export function loadDefaultCalendar(options: { file?: URL | string; overrides?: readonly LocalOverride[] } = {}): WorkingCalendar {
  const data = loadDefaultCalendarData(options.file);
  return WorkingCalendar.fromData(options.overrides ? applyLocalOverrides(data, options.overrides) : data);
}
