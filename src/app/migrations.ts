// The whole migration history: the core migrations plus every module's, in name order.
import { runMigrations, runMigrationsTo } from '../db/migrate.js';
import { CORE_MIGRATIONS } from '../db/migrations/index.js';
import type { MigrationDef } from '../db/migrations/helpers.js';
import type { Db, Dialect } from '../db/schema.js';
import { MODULES } from './modules.js';

/** `YYYYMMDD_HHMM_<name>` with a real date and time (UTC); names are unique. */
export const MIGRATION_NAME = /^(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])_([01]\d|2[0-3])[0-5]\d_[a-z0-9_]+$/;
/** The four written before the rule took its final form (`_0001_`… numbers instead of a time). */
const LEGACY = /^20261128_0[0-3]\d\d_[a-z0-9_]+$/;

export function checkMigrationNames(list: readonly MigrationDef[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const m of list) {
    if (seen.has(m.name)) problems.push(`duplicate migration name ${m.name}`);
    seen.add(m.name);
    if (!MIGRATION_NAME.test(m.name) && !LEGACY.test(m.name)) problems.push(`migration name ${m.name} does not follow YYYYMMDD_HHMM_<module>_<what>`);
  }
  return problems;
}

export function allMigrations(): MigrationDef[] {
  const list = [...CORE_MIGRATIONS, ...MODULES.flatMap((m) => m.migrations ?? [])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const problems = checkMigrationNames(list);
  if (problems.length) throw new Error(problems.join('; '));
  return list;
}

export const migrateToLatest = (db: Db, dialect: Dialect): Promise<string[]> => runMigrations(db, dialect, allMigrations());
export const migrateTo = (db: Db, dialect: Dialect, name: string): Promise<void> => runMigrationsTo(db, dialect, allMigrations(), name);
