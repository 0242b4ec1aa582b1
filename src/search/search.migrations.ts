// Search migrations, names 20261128_03xx_*.
import type { MigrationDef } from '../db/migrations/helpers.js';

export const SEARCH_MIGRATIONS: MigrationDef[] = [];
