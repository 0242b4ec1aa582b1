// 公开答复库: only closed requests, a summary free of personal data, never applicant fields on the portal.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import { publishReply } from './public-replies.js';
import { addEvent, createRequest } from './requests.service.js';

describe('public reply library', () => {
  let h: Harness;
  before(async () => { h = await createHarness(); });
  after(async () => { await h.close(); });

  test('staff publish a closed request with a clean summary; the portal lists it without applicant data', async () => {
    const r = await createRequest(h.ctx, { unit: '区住建局', channel: 'in_person', receivedOn: '2022-03-01', applicant: { type: 'natural', name: '褚十四', phone: '13611112222', address: '临淄区某路9号' }, description: '褚十四家所在小区的加装电梯审批文件' });
    const open = await createRequest(h.ctx, { unit: '区住建局', channel: 'in_person', receivedOn: '2022-03-01', applicant: { type: 'natural', name: '某' }, description: '某' });
    await assert.rejects(publishReply(h.ctx, open.id, { summary: '某小区加装电梯审批文件' }), (e: { code?: string }) => e.code === 'wrong_status');
    await addEvent(h.ctx, r.id, { type: 'replied', on: '2022-03-10', outcome: 'disclosed' });
    const op = await h.login(USERS.otherOperator.username);
    await op.get(`/console/requests/${r.id}/reply`);
    const withName = await op.request('POST', `/console/requests/${r.id}/public-reply`, { form: { summary: '褚十四家所在小区的加装电梯审批文件' } });
    assert.equal(withName.statusCode, 400);
    assert.match(withName.body, /含有申请人的个人信息/);
    const withPhone = await op.request('POST', `/console/requests/${r.id}/public-reply`, { form: { summary: '某小区加装电梯审批文件，联系电话 13912345678' } });
    assert.equal(withPhone.statusCode, 400);
    assert.match(withPhone.body, /含有个人信息/);
    assert.equal((await h.tdb.db.selectFrom('info_request_public_replies').select('request_id').execute()).length, 0);
    const ok = await op.request('POST', `/console/requests/${r.id}/public-reply`, { form: { summary: '某小区既有住宅加装电梯的审批文件' } });
    assert.equal(ok.statusCode, 303);
    const visitor = h.agent();
    const list = await visitor.get('/requests/replies');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /某小区既有住宅加装电梯的审批文件/);
    assert.match(list.body, /区住建局，予以公开，2022-03-10答复/);
    const page = await visitor.get(`/requests/replies/${r.id}`);
    assert.equal(page.statusCode, 200);
    for (const secret of ['褚十四', '13611112222', '某路9号']) { assert.ok(!list.body.includes(secret)); assert.ok(!page.body.includes(secret)); }
    assert.equal((await visitor.get(`/requests/replies/${open.id}`)).statusCode, 404);
    assert.equal((await visitor.get('/requests/replies/abc')).statusCode, 404);
    assert.equal((await visitor.get('/requests/replies?page=x')).statusCode, 400);
  });
});
