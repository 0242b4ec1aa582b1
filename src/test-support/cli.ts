// Runs the gongkai CLI as an operator would: a real process against the test database.
import { spawnSync } from 'node:child_process';
import type { TestDb } from '../db/test-db.js';

export function runCli(tdb: TestDb, args: string[], input?: string) {
  const env = { ...process.env, GONGKAI_DATA_DIR: tdb.dataDir, SESSION_SECRET: 'y'.repeat(40) } as NodeJS.ProcessEnv;
  if (tdb.databaseUrl) env.DATABASE_URL = tdb.databaseUrl;
  else delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, ['bin/gongkai.js', ...args], { env, input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
