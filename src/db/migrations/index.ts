// The core migrations, written before modules owned theirs (foundation, calendar and plan tables,
// disclosure tables). New migrations live in their module (`migrations` in its module.ts) and are
// named `YYYYMMDD_HHMM_<module>_<what>` from the UTC time of writing: see docs/CONVENTIONS.md.
// Append only: never edit, rename or reorder a released migration.
import { foundation } from './20261128_0001_foundation.js';
import { calendarAndPlans } from './20261128_0002_calendar_plans.js';
import { disclosure } from './20261128_0100_disclosure.js';
import type { MigrationDef } from './helpers.js';

export const CORE_MIGRATIONS: MigrationDef[] = [foundation, calendarAndPlans, disclosure];
