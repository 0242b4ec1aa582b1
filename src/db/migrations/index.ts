// The migration history, oldest first. Append only: never edit or reorder a released migration.
import { foundation } from './20261128_0001_foundation.js';
import { calendarAndPlans } from './20261128_0002_calendar_plans.js';
import type { MigrationDef } from './helpers.js';

export const MIGRATIONS: MigrationDef[] = [foundation, calendarAndPlans];
