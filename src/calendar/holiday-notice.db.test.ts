// Console: paste the notice → preview (parsed days beside a calendar, nothing written) → confirm imports.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';

const NOTICE_2026 = readFileSync(new URL('./fixtures/holiday-notices.txt', import.meta.url), 'utf8').split(/^=== /m).find((b) => b.startsWith('2026'))!.slice(5);
const SOURCE = 'https://www.gov.cn/zhengce/content/202511/content_7047090.htm';

describe('holiday notice import from its text', () => {
  let h: Harness;
  let admin: Agent;
  before(async () => {
    h = await createHarness();
    admin = await h.login(USERS.admin.username);
    // Start from a calendar without 2026, as a district would before the notice is out.
    await h.tdb.db.deleteFrom('calendar_days').where('year', '=', 2026).execute();
    await h.tdb.db.deleteFrom('calendar_years').where('year', '=', 2026).execute();
  });
  after(async () => { await h.close(); });

  test('preview shows the days off and make-up days with a calendar and writes nothing; confirm imports', async () => {
    await admin.get('/console/calendar/notice');
    const bad = await admin.request('POST', '/console/calendar/notice', { form: { text: '', source: 'gov.cn' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /请粘贴通知原文/);
    assert.match(bad.body, /来源网址/);
    const preview = await admin.request('POST', '/console/calendar/notice', { form: { text: NOTICE_2026, source: SOURCE } });
    assert.equal(preview.statusCode, 200, preview.body.slice(0, 300));
    assert.match(preview.body, /<td>春节<\/td><td>2026-02-15 至 2026-02-23<\/td><td>9天<\/td><td>2026-02-14、2026-02-28<\/td>/);
    assert.match(preview.body, /<caption>2026年2月<\/caption>/);
    assert.match(preview.body, /class="gk-day--work">14<span class="gk-day-mark">班<\/span>/);
    assert.equal((await h.tdb.db.selectFrom('calendar_days').select('date').where('year', '=', 2026).execute()).length, 0, 'preview writes nothing');
    const file = /name="file" value="([^"]+)"/.exec(preview.body)![1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    const confirm = await admin.request('POST', '/console/calendar/import', { form: { file } });
    assert.equal(confirm.statusCode, 303);
    assert.match((await admin.get(String(confirm.headers.location))).body, /已导入 2026 年，共 39 个日期/);
    const due = await admin.get('/api/v1/calendar/add-working-days?start=2026-02-13&days=1');
    assert.equal(due.json().data.due, '2026-02-14', 'the make-up Saturday counts as a working day');
    const operator = await h.login(USERS.operator.username);
    assert.equal((await operator.get('/console/calendar/notice')).statusCode, 403);
  });
});
