// Test helper: a fresh, migrated database on the engine named by GONGKAI_TEST_DB.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type DbHandle } from './connect.js';
import { migrateToLatest } from '../app/migrations.js';

export type TestDb = DbHandle & { dataDir: string; databaseUrl: string | null; destroy: () => Promise<void> };

/** `migrate: false` leaves the schema empty (upgrade tests run the history themselves). */
export async function createTestDb(opts: { migrate?: boolean } = {}): Promise<TestDb> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-db-'));
  const engine = process.env.GONGKAI_TEST_DB ?? 'sqlite';
  if (engine === 'postgres') {
    const adminUrl = process.env.GONGKAI_TEST_PG_URL;
    if (!adminUrl) throw new Error('GONGKAI_TEST_PG_URL is required for the PostgreSQL test run');
    const name = `gk_test_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    const databaseUrl = u.toString();
    const handle = openDatabase({ databaseUrl, dataDir });
    if (opts.migrate !== false) await migrateToLatest(handle.db, handle.dialect);
    return {
      ...handle, dataDir, databaseUrl,
      destroy: async () => {
        await handle.close();
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const handle = openDatabase({ databaseUrl: null, dataDir });
  if (opts.migrate !== false) await migrateToLatest(handle.db, handle.dialect);
  return {
    ...handle, dataDir, databaseUrl: null,
    destroy: async () => {
      await handle.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
