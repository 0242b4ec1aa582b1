// The register's count stops at COUNT_CAP (a LIMIT subquery) on both engines: exact below, “10000余件” above,
// with a next-page link while the page is full; the API says meta.totalCapped.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiToken } from '../auth/auth.service.js';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';
import { COUNT_CAP, listRequests, PAGE_SIZE } from './console.service.js';
import { createRequest } from './requests.service.js';

describe('register count cap', () => {
  let h: Harness;
  let office: Agent;
  before(async () => {
    h = await createHarness();
    office = await h.login(USERS.admin.username);
  });
  after(async () => { await h.close(); });

  test('exact up to the cap; past it the page says 10000余件 and pages on', async () => {
    const { id } = await createRequest(h.ctx, { unit: await h.unitId('区财政局'), channel: 'in_person', receivedOn: '2022-09-28', applicant: { type: 'natural', name: '计数' }, description: '计数用的申请' });
    const { id: _id, number: _n, ...template } = await h.tdb.db.selectFrom('info_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const add = async (n: number) => {
      for (let i = 0; i < n; i += 1000) {
        await h.tdb.db.insertInto('info_requests').values(Array.from({ length: Math.min(1000, n - i) }, () => ({ ...template, number: null }))).execute();
      }
    };
    await add(COUNT_CAP - 1);
    const exact = await listRequests(h.ctx, {});
    assert.deepEqual({ total: exact.total, capped: exact.totalCapped }, { total: COUNT_CAP, capped: false });
    const page = await office.get('/console/requests');
    assert.match(page.body, new RegExp(`共 ${COUNT_CAP} 件（第 1/${Math.ceil(COUNT_CAP / PAGE_SIZE)} 页）`));
    await add(2);
    const capped = await listRequests(h.ctx, {});
    assert.deepEqual({ total: capped.total, capped: capped.totalCapped, rows: capped.rows.length }, { total: COUNT_CAP, capped: true, rows: PAGE_SIZE });
    const shown = await office.get('/console/requests');
    assert.match(shown.body, /共 10000余件（第 1 页）/);
    assert.match(shown.body, /rel="next"/);
    const far = await office.get(`/console/requests?page=${Math.ceil(COUNT_CAP / PAGE_SIZE) + 1}`);
    assert.match(far.body, /rel="prev"/);
    assert.equal((await listRequests(h.ctx, { q: '不存在的内容' })).total, 0, 'filters still count exactly');
    const api = await h.app.inject({ method: 'GET', url: '/api/v1/requests', headers: { authorization: `Bearer ${await createApiToken(h.ctx, USERS.admin.username, 'test')}` } });
    assert.deepEqual((JSON.parse(api.body) as { meta: unknown }).meta, { total: COUNT_CAP, totalCapped: true, page: 1, pageSize: PAGE_SIZE });
  });
});
