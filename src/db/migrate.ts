// Runs an append-only migration history on either engine. The history itself is assembled from
// the modules by src/app/migrations.ts.
//
// Migrations run in name order, and a migration that sorts before one already applied (a branch
// merged later, a module added later) is still applied (`allowUnorderedMigrations`): Kysely's
// default would refuse the whole database as "corrupted migrations".
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { MigrationDef } from './migrations/helpers.js';
import type { Db, Dialect } from './schema.js';

class StaticProvider implements MigrationProvider {
  readonly #dialect: Dialect;
  readonly #list: readonly MigrationDef[];
  constructor(dialect: Dialect, list: readonly MigrationDef[]) {
    this.#dialect = dialect;
    this.#list = list;
  }
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const m of this.#list) out[m.name] = { up: (db: Kysely<unknown>) => m.up(db, this.#dialect) };
    return out;
  }
}

const migrator = (db: Db, dialect: Dialect, list: readonly MigrationDef[]) =>
  new Migrator({ db, provider: new StaticProvider(dialect, list), allowUnorderedMigrations: true });

export async function runMigrations(db: Db, dialect: Dialect, list: readonly MigrationDef[]): Promise<string[]> {
  const { error, results } = await migrator(db, dialect, list).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Runs the history up to and including `name` (tests of upgrades from an older schema). */
export async function runMigrationsTo(db: Db, dialect: Dialect, list: readonly MigrationDef[], name: string): Promise<void> {
  const { error } = await migrator(db, dialect, list).migrateTo(name);
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
