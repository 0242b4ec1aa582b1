// Strict numbers (issue 17) in the deadline calculator: `[1]`, "0x10", "1e1" and " 5" are not a number of working
// days — a 400 with the field named on the page and in the API, and nothing is written.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';

describe('calculator input is parsed strictly', () => {
  let h: Harness;
  let operator: Agent;
  let admin: Agent;
  const audits = async () => Number((await h.tdb.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  before(async () => {
    h = await createHarness();
    operator = await h.login(USERS.operator.username);
    admin = await h.login(USERS.admin.username);
  });
  after(async () => { await h.close(); });

  test('"[1]", "0x10", "1e1" and " 5" working days → 400 on the page and in the API; "5" still counts', async () => {
    const n = await audits();
    for (const days of ['[1]', '0x10', '1e1', ' 5']) {
      const q = `start=2022-01-28&days=${encodeURIComponent(days)}`;
      const page = await operator.get(`/console/calendar?${q}`);
      assert.equal(page.statusCode, 400, days);
      assert.match(page.body, /工作日数必须是数字/);
      assert.doesNotMatch(page.body, /到期日：/);
      const api = await operator.get(`/api/v1/calendar/add-working-days?${q}`);
      assert.equal(api.statusCode, 400, days);
      assert.equal(api.json().error.fields.days, '工作日数必须是数字');
    }
    // A repeated parameter arrives as an array: refused too.
    const twice = await operator.get('/api/v1/calendar/add-working-days?start=2022-01-28&days=1&days=1');
    assert.equal(twice.statusCode, 400);
    assert.equal(await audits(), n);
    const ok = await operator.get('/api/v1/calendar/add-working-days?start=2022-01-28&days=3');
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().data.due, '2022-02-07');
  });

  test('the holiday notice form refuses a year written as "0x7ea" or "[2026]" and writes nothing', async () => {
    const n = await audits();
    const days = async () => (await h.tdb.db.selectFrom('calendar_days').select('date').execute()).length;
    const before = await days();
    for (const year of ['0x7ea', '[2026]', '2026.0']) {
      await admin.get('/console/calendar/notice');
      const r = await admin.request('POST', '/console/calendar/notice', { form: { text: '国务院办公厅关于2026年部分节假日安排的通知', year, source: 'https://www.gov.cn/x' } });
      assert.equal(r.statusCode, 400, year);
      assert.match(r.body, /年度应为2000至2100之间的整数/);
    }
    assert.equal(await days(), before);
    assert.equal(await audits(), n);
  });
});
