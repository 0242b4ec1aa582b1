// Strict numbers (issue 17) in the site settings: a column's owner unit and update frequency, and the self-check's
// timeout and concurrency, written as "0x…" or "[…]", are refused with the field named; nothing is written.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';

describe('site settings read numbers strictly', () => {
  let h: Harness;
  let admin: Agent;
  const audits = async () => Number((await h.tdb.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const stored = async () => ({
    columns: await h.tdb.db.selectFrom('site_columns').selectAll().execute(),
    checks: await h.tdb.db.selectFrom('settings').select('value').where('key', '=', 'site.checks').executeTakeFirst(),
  });
  before(async () => {
    h = await createHarness();
    admin = await h.login(USERS.admin.username);
  });
  after(async () => { await h.close(); });

  test('columns: owner "0x…" of a real unit and frequency "0x1e" / "[30]" → 400, no column saved', async () => {
    const unit = await h.unitId('区住建局');
    const n = await audits();
    const before = await stored();
    for (const [form, message] of [
      [{ type_rsxx: 'notice', owner_rsxx: `0x${unit.toString(16)}` }, /责任单位不存在/],
      [{ type_rsxx: 'notice', freq_rsxx: '0x1e' }, /更新频率应为1至3650之间的整数/],
      [{ type_rsxx: 'notice', freq_rsxx: '[30]' }, /更新频率应为1至3650之间的整数/],
    ] as const) {
      await admin.get('/console/site/columns');
      const r = await admin.request('POST', '/console/site/columns', { form });
      assert.equal(r.statusCode, 400, JSON.stringify(form));
      assert.match(r.body, message);
    }
    assert.deepEqual(await stored(), before);
    assert.equal(await audits(), n);
    await admin.get('/console/site/columns');
    assert.equal((await admin.request('POST', '/console/site/columns', { form: { type_rsxx: 'notice', owner_rsxx: String(unit), freq_rsxx: '30' } })).statusCode, 303);
    assert.equal((await stored()).columns.find((c) => c.category_code === 'rsxx')?.frequency_days, 30);
  });

  test('self-check settings: timeout "0xa" and concurrency "[4]" → 400, settings unchanged', async () => {
    const n = await audits();
    const before = await stored();
    for (const [form, message] of [
      [{ timeoutSeconds: '0xa', concurrency: '4' }, /超时应为1至60秒/],
      [{ timeoutSeconds: '10', concurrency: '[4]' }, /并发数应为1至16/],
      [{ timeoutSeconds: '1e1', concurrency: '4' }, /超时应为1至60秒/],
    ] as const) {
      await admin.get('/console/site-check');
      const r = await admin.request('POST', '/console/site-check/settings', { form });
      assert.equal(r.statusCode, 400, JSON.stringify(form));
      assert.match(r.body, message);
    }
    assert.deepEqual(await stored(), before);
    assert.equal(await audits(), n);
  });
});
