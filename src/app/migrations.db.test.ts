// The migration trap: a migration that sorts before one already applied (written on a branch merged
// later, or by a module added later) must still be applied to an existing database, on both engines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestDb } from '../db/test-db.js';
import { runMigrations } from '../db/migrate.js';
import type { MigrationDef } from '../db/migrations/helpers.js';
import { allMigrations } from './migrations.js';

test('a migration added to an already-migrated database runs, even when its name sorts before applied ones', async () => {
  const t = await createTestDb();
  try {
    const applied = allMigrations();
    const last = applied[applied.length - 1]!.name;
    // Sorts between two applied migrations: Kysely's default refuses this as "corrupted migrations".
    const late: MigrationDef = {
      name: '20261128_0150_late_branch_table', reason: 'test',
      up: async (db) => { await db.schema.createTable('late_branch_probe').addColumn('id', 'integer', (c) => c.primaryKey()).execute(); },
    };
    assert.ok(late.name < last);
    const ran = await runMigrations(t.db, t.dialect, [...applied, late].sort((a, b) => (a.name < b.name ? -1 : 1)));
    assert.deepEqual(ran, [late.name]);
    await sql`insert into late_branch_probe (id) values (1)`.execute(t.db);
    const n = await sql<{ n: number }>`select count(*) as n from late_branch_probe`.execute(t.db);
    assert.equal(Number(n.rows[0]!.n), 1);
    // Running again applies nothing.
    assert.deepEqual(await runMigrations(t.db, t.dialect, [...applied, late]), []);
  } finally {
    await t.destroy();
  }
});
