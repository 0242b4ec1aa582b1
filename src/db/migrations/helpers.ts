// Column helpers so one migration history runs on both engines.
import type { CreateTableBuilder, Kysely } from 'kysely';
import type { Dialect } from '../schema.js';

export type MigrationFn = (db: Kysely<unknown>, dialect: Dialect) => Promise<void>;
export type MigrationDef = { name: string; reason: string; up: MigrationFn };

/** Adds an auto-increment integer primary key named `id`. */
export function withId<T extends string>(t: CreateTableBuilder<T, never>, dialect: Dialect): CreateTableBuilder<T, 'id'> {
  return dialect === 'postgres'
    ? t.addColumn('id', 'serial', (c) => c.primaryKey())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
