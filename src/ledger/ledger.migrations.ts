// Ledger migrations, names 20261128_02xx_*.
import type { MigrationDef } from '../db/migrations/helpers.js';

export const LEDGER_MIGRATIONS: MigrationDef[] = [];
