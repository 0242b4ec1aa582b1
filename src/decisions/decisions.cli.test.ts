// `gongkai decisions draw` re-runs a published draw without a database: same result as the service.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { drawFromSeed } from './pure/draw.js';

const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/gongkai.js', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, SESSION_SECRET: 'y'.repeat(40) } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

test('decisions draw: same selection as the meeting page for the published list and seed; bad input refused', () => {
  const r = cli(['decisions', 'draw', '--list', '7,3,12,5,9', '--seed', '2026-12-11 福彩3D 527', '--seats', '2', '--json']);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(JSON.parse(r.out), drawFromSeed([3, 5, 7, 9, 12], '2026-12-11 福彩3D 527', 2));
  const bad = cli(['decisions', 'draw', '--list', 'a,b', '--seed', 'x', '--seats', '1']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.err, /报名编号应为逗号分隔的正整数/);
});
