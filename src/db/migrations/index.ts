// The migration history. Kysely runs migrations in name order; each module owns a name range:
// 0001–0099 core, 0100–0199 disclosure, 0200–0299 ledger, 0300–0399 search/portal.
// Append only: never edit or reorder a released migration.
import { foundation } from './20261128_0001_foundation.js';
import { calendarAndPlans } from './20261128_0002_calendar_plans.js';
import { disclosure } from './20261128_0100_disclosure.js';
import type { MigrationDef } from './helpers.js';
import { LEDGER_MIGRATIONS } from '../../ledger/ledger.migrations.js';
import { SEARCH_MIGRATIONS } from '../../search/search.migrations.js';
import { PLAN_MIGRATIONS } from '../../plan/plan.migrations.js';

export const MIGRATIONS: MigrationDef[] = [foundation, calendarAndPlans, disclosure, ...LEDGER_MIGRATIONS, ...SEARCH_MIGRATIONS, ...PLAN_MIGRATIONS];
