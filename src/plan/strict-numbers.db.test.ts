// Strict numbers (issue 17) when copying a plan: a year written as "0x7e7", "[2023]" or "2023.0" is refused with the
// field named, and no plan is written.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { USERS, type Agent } from '../test-support/harness.js';
import { createLedgerHarness, type LedgerHarness } from '../ledger/ledger-test-setup.js';

describe('copying a plan reads the year strictly', () => {
  let h: LedgerHarness;
  let admin: Agent;
  const plans = async () => (await h.tdb.db.selectFrom('plans').select('id').execute()).length;
  before(async () => {
    h = await createLedgerHarness();
    admin = await h.login(USERS.admin.username);
  });
  after(async () => { await h.close(); });

  test('"0x7e7", "[2023]" and "2023.0" → 400 with the year message, nothing copied; "2023" copies', async () => {
    const n = await plans();
    for (const year of ['0x7e7', '[2023]', '2023.0', ' 2023']) {
      await admin.get('/console/plans');
      const r = await admin.request('POST', '/console/plans/copy', { form: { planId: String(h.planId), year } });
      assert.equal(r.statusCode, 400, year);
      assert.match(r.body, /年度应为2000至2100之间的整数/);
    }
    assert.equal(await plans(), n);
    await admin.get('/console/plans');
    const ok = await admin.request('POST', '/console/plans/copy', { form: { planId: String(h.planId), year: '2023' } });
    assert.equal(ok.statusCode, 303);
    assert.equal(await plans(), n + 1);
  });
});
