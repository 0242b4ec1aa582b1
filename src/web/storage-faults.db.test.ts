// Faults of the storage under the app: a full disk is reported as such (log + 503 page), not as a
// secondary "cannot rollback" error or a bare 500.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import { itemFields } from '../disclosure/items.fixtures.js';

describe('disk full', () => {
  let h: Harness;
  before(async () => { h = await createHarness(); });
  after(async () => { await h.close(); });

  test('SQLITE_FULL inside a transaction: the log names the disk-full error, the page is a clear 503 and nothing is written', async (t) => {
    if (h.tdb.dialect !== 'sqlite') return t.skip('SQLite: the database file cannot grow (PostgreSQL reports ENOSPC as 53100 disk_full, mapped the same way)');
    const op = await h.login(USERS.operator.username);
    await op.get('/console/items/new');
    const before = Number((h.tdb.sqlite!.prepare('SELECT count(*) AS n FROM info_items').get() as { n: number }).n);
    // The file may not grow any more: the next write that needs a page fails as on a full disk.
    const pages = Number(h.tdb.sqlite!.pragma('page_count', { simple: true }));
    h.tdb.sqlite!.pragma(`max_page_count = ${pages}`);
    const logged: string[] = [];
    const orig = console.error;
    console.error = (...a: unknown[]) => { logged.push(a.map((x) => (x instanceof Error ? `${(x as Error & { code?: string }).code} ${x.message}` : String(x))).join(' ')); };
    try {
      const big = `<p>${'预算执行情况说明。'.repeat(20_000)}</p>`;
      const api = await op.request('POST', '/api/v1/items', { json: itemFields({ body: big }) });
      assert.equal(api.statusCode, 503, api.body);
      assert.equal(api.json().error.code, 'storage_full');
      assert.match(api.json().error.message, /存储空间已满/);
      const page = await op.request('POST', '/console/items', { form: { ...(itemFields({ body: big.slice(0, 40_000) }) as Record<string, string>) } });
      assert.equal(page.statusCode, 503, page.body.slice(0, 300));
      assert.match(page.body, /存储空间已满/);
      assert.doesNotMatch(page.body, /SQLITE_|at .*\.ts:\d+/);
    } finally {
      console.error = orig;
      h.tdb.sqlite!.pragma('max_page_count = 4294967294');
    }
    assert.ok(logged.some((l) => /SQLITE_FULL/.test(l)), logged.join('\n'));
    assert.ok(!logged.some((l) => /cannot rollback/.test(l)), logged.join('\n'));
    const after = Number((h.tdb.sqlite!.prepare('SELECT count(*) AS n FROM info_items').get() as { n: number }).n);
    assert.equal(after, before);
    // Once space is back, the same request works.
    const ok = await op.request('POST', '/api/v1/items', { json: itemFields() });
    assert.equal(ok.statusCode, 201, ok.body);
  });
});
