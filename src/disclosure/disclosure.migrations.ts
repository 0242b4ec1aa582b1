// Migrations of the disclosure module (new ones; the first tables are in src/db/migrations).
import type { MigrationDef } from '../db/migrations/helpers.js';

const historicImport: MigrationDef = {
  name: '20261201_1648_disclosure_historic_import',
  reason: '历史信息导入: items loaded from a previous site keep their original 发布日期 and say where they came from',
  up: async (db) => {
    await db.schema.alterTable('info_items').addColumn('imported_from', 'text').execute();
  },
};

export const DISCLOSURE_MIGRATIONS: MigrationDef[] = [historicImport];
