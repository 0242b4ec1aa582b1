// Start-up on a data dir the service user may not write: a message in Chinese and English naming
// the directory, exit code 78 (configuration), no stack trace. Runs the CLI as an unprivileged user
// (root may write anywhere): the postgres user when the tests run as root.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const asRoot = process.getuid?.() === 0;
const run = (dataDir: string, args: string[], secret: boolean) => {
  const env = [`GONGKAI_DATA_DIR=${dataDir}`, ...(secret ? [`SESSION_SECRET=${'s'.repeat(40)}`] : []), 'PORT=0'];
  const cmd = `cd ${process.cwd()} && env -u DATABASE_URL -u SESSION_SECRET ${env.join(' ')} ${process.execPath} bin/gongkai.js ${args.join(' ')}`;
  const r = asRoot
    ? spawnSync('su', ['postgres', '-s', '/bin/bash', '-c', cmd], { encoding: 'utf8', timeout: 60_000 })
    : spawnSync('bash', ['-c', cmd], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const expectClearMessage = (r: { code: number | null; out: string; err: string }, dir: string) => {
  assert.equal(r.code, 78, r.out + r.err);
  assert.match(r.err, new RegExp(`数据目录不可写：${dir}`));
  assert.match(r.err, new RegExp(`The data directory is not writable: ${dir}`));
  assert.doesNotMatch(r.err + r.out, /\n\s+at .+:\d+:\d+/, 'no stack trace');
  assert.doesNotMatch(r.err + r.out, /SqliteError|unable to open database file/);
};

test('read-only data dir: empty (first start), and holding an existing database; with and without SESSION_SECRET', () => {
  const made: string[] = [];
  try {
    const empty = mkdtempSync(join(tmpdir(), 'gongkai-ro-'));
    made.push(empty);
    chmodSync(empty, 0o555);
    expectClearMessage(run(empty, ['serve', '--no-demo'], true), empty);
    expectClearMessage(run(empty, ['db', 'migrate'], false), empty);

    // A database created by another user (e.g. root ran the first start): the service user cannot write it.
    const existing = mkdtempSync(join(tmpdir(), 'gongkai-ro-'));
    made.push(existing);
    const env: NodeJS.ProcessEnv = { ...process.env, GONGKAI_DATA_DIR: existing, SESSION_SECRET: 's'.repeat(40) };
    delete env.DATABASE_URL;
    const setup = spawnSync(process.execPath, ['bin/gongkai.js', 'db', 'migrate'], { env, encoding: 'utf8', timeout: 60_000 });
    assert.equal(setup.status, 0, setup.stderr);
    chmodSync(existing, 0o555);
    expectClearMessage(run(existing, ['serve', '--no-demo'], true), existing);
  } finally {
    for (const d of made) { chmodSync(d, 0o755); rmSync(d, { recursive: true, force: true }); }
  }
});
