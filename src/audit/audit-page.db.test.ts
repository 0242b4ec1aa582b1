// Issue 19 (audit part): the audit log page reads in Chinese, shows field-by-field changes and Beijing
// time, and its date filters are Beijing calendar days.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import { setNowForTests } from '../lib/time.js';
import { writeAudit } from './audit.repo.js';

describe('the audit log page', () => {
  let h: Harness;
  before(async () => { h = await createHarness(); });
  after(async () => { setNowForTests(null); await h.close(); });

  test('Chinese action names, before → after per field, Beijing time, filters by local day', async () => {
    setNowForTests(new Date('2026-11-30T17:30:00Z')); // 2026-12-01 01:30 in Beijing
    await writeAudit(h.tdb.db, h.ctx, { action: 'user.update', entity: 'user', entityId: 42, before: { displayName: '张三', role: 'auditor' }, after: { displayName: '张三', role: 'admin' }, areaId: h.areaId });
    setNowForTests(null);
    const a = await h.login(USERS.auditor.username);
    const page = await a.get('/console/audit?action=user.update');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /2026-12-01 01:30:00/);
    assert.match(page.body, /修改用户/);
    assert.match(page.body, /<dt>角色<\/dt><dd><del>auditor<\/del> → <ins>admin<\/ins><\/dd>/);
    assert.doesNotMatch(page.body, /<dt>姓名<\/dt>/, 'unchanged fields are not listed');
    assert.match(page.body, /<option value="user.update" selected>修改用户<\/option>/);
    assert.match((await a.get('/console/audit?action=user.update&from=2026-12-01&to=2026-12-01')).body, /01:30:00/);
    assert.doesNotMatch((await a.get('/console/audit?action=user.update&to=2026-11-30')).body, /01:30:00/, 'the UTC date would have matched; the Beijing date does not');
    const api = await a.get('/api/v1/audit?action=user.update&from=2026-12-01');
    assert.equal(api.json().data[0].actionLabel, '修改用户');
    assert.equal(api.json().data[0].atLocal, '2026-12-01 01:30:00');
  });

  test('bad filters re-render the page with 400, the field named and the input kept', async () => {
    const a = await h.login(USERS.admin.username);
    const r = await a.get('/console/audit?from=2022-02-30&actor=%E5%BC%A0');
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /开始日期：开始日期不是有效日期/);
    assert.match(r.body, /id="f-from" name="from" type="date" value="2022-02-30"/);
    assert.match(r.body, /id="f-actor" name="actor" type="text" maxlength="60" value="张"/);
    const order = await a.get('/console/audit?from=2022-03-02&to=2022-03-01');
    assert.equal(order.statusCode, 400);
    assert.match(order.body, /结束日期不能早于开始日期/);
  });
});
