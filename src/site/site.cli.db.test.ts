// `gongkai site check` as a real process: runs every indicator (the crawl included), keeps the day's
// result with trigger cli, exit code 1 on a 单项否决 failure.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDb, type TestDb } from '../db/test-db.js';
import { destroyTestDb } from '../disclosure/items.fixtures.js';
import { runCli } from '../test-support/cli.js';

describe('gongkai site check', () => {
  let tdb: TestDb;
  before(async () => { tdb = await createTestDb(); });
  after(async () => { await destroyTestDb(tdb); });

  test('prints the sheet, saves the result, exits 1 on a veto failure', async () => {
    const r = runCli(tdb, ['site', 'check', '--json']);
    assert.equal(r.code, 1, r.err);
    const run = JSON.parse(r.out) as { vetoes: number; results: { id: string; status: string; figure: string }[] };
    assert.ok(run.vetoes >= 1);
    assert.equal(run.results.find((x) => x.id === 'home-updated')!.status, 'FAIL', 'an empty site is not updated');
    const links = run.results.find((x) => x.id === 'broken-links')!;
    assert.equal(links.status, 'PASS', links.figure);
    assert.match(links.figure, /检查\d+个地址/);
    const row = await tdb.db.selectFrom('site_check_runs').select(['trigger', 'vetoes']).executeTakeFirstOrThrow();
    assert.deepEqual(row, { trigger: 'cli', vetoes: run.vetoes });
    const text = runCli(tdb, ['site', 'check']);
    assert.match(text.out, /不合格\t单项否决\t空白栏目（A05）\t\d+个/);
  });
});
