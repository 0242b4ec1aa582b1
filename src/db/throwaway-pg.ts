// Test helper: a private, throwaway PostgreSQL 15 cluster on loopback that a test may stop and
// restart (never the shared test server). PostgreSQL refuses to run as root, so it runs as the
// postgres user then (as scripts/test-all.sh does).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PGBIN = process.env.GONGKAI_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export type Cluster = { url: string; port: number; stop: () => void; start: () => void; destroy: () => void };

const freePort = () => new Promise<number>((resolve, reject) => {
  const s = createServer();
  s.once('error', reject);
  s.listen(0, '127.0.0.1', () => {
    const a = s.address();
    const port = typeof a === 'object' && a ? a.port : 0;
    s.close(() => resolve(port));
  });
});

export async function startThrowawayCluster(): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-pgc-'));
  chmodSync(dir, 0o777);
  const port = await freePort();
  const asPg = (cmd: string) => {
    if (process.getuid?.() === 0) execFileSync('su', ['postgres', '-s', '/bin/bash', '-c', cmd], { stdio: 'pipe', timeout: 120_000 });
    else execFileSync('bash', ['-c', cmd], { stdio: 'pipe', timeout: 120_000 });
  };
  const data = join(dir, 'data');
  asPg(`${PGBIN}/initdb -D ${data} -A trust -U postgres -E UTF8 --locale=C.UTF-8 >${dir}/initdb.log 2>&1`);
  const start = () => asPg(`${PGBIN}/pg_ctl -D ${data} -l ${dir}/server.log -w -o "-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null`);
  const stop = () => asPg(`${PGBIN}/pg_ctl -D ${data} -m fast -w stop >/dev/null`);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, start, stop,
    destroy: () => {
      try { asPg(`${PGBIN}/pg_ctl -D ${data} -m immediate stop >/dev/null 2>&1`); } catch { /* not running */ }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
