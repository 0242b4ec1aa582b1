// 等保2.0 三级: reads of personal data are audited — who opened a request's applicant data, through the console or
// the API, and when. Anonymous and system reads (jobs, the CLI) are not "reads by a person" and are not recorded.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiToken } from '../auth/public.js';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';

describe('reads of personal data are audited', () => {
  let h: Harness;
  before(async () => { h = await createHarness(); });
  after(async () => { await h.close(); });

  test('opening a request (console page and API) writes a personal_data.read record naming the request and the reader', async () => {
    const auth = { authorization: `Bearer ${await createApiToken(h.ctx, USERS.admin.username, 'pd-test')}` };
    const created = await h.app.inject({ method: 'POST', url: '/api/v1/requests', headers: auth, payload: {
      unit: '区财政局', channel: 'in_person', receivedOn: '2026-11-02', applicant: { type: 'natural', name: '王五' }, description: '2026年区级预算执行情况',
    } });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id as number;
    const reads = () => h.tdb.db.selectFrom('audit_log').select(['actor_label', 'entity', 'entity_id']).where('action', '=', 'personal_data.read').execute();
    assert.equal((await reads()).length, 0, 'creating is not a read');

    const admin = await h.login(USERS.admin.username);
    assert.equal((await admin.get(`/console/requests/${id}`)).statusCode, 200);
    let r = await reads();
    assert.equal(r.length, 1);
    assert.equal(r[0]!.entity, 'info_request');
    assert.equal(String(r[0]!.entity_id), String(id));
    assert.match(r[0]!.actor_label, new RegExp(USERS.admin.username));

    assert.equal((await h.app.inject({ method: 'GET', url: `/api/v1/requests/${id}`, headers: auth })).statusCode, 200);
    r = await reads();
    assert.equal(r.length, 2, 'the API read is recorded too');
    // A refused read (another unit's staff get 404) records nothing.
    const other = await h.login(USERS.otherOperator.username);
    assert.equal((await other.get(`/console/requests/${id}`)).statusCode, 404);
    assert.equal((await reads()).length, 2);
  });
});
