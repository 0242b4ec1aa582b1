// Reply letters, 检索记录 and delivery on both engines (API and console).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiToken } from '../auth/auth.service.js';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';

describe('reply letters', () => {
  let h: Harness;
  let a: Agent;
  let admin: Record<string, string>;
  before(async () => {
    h = await createHarness();
    a = h.agent();
    admin = { authorization: `Bearer ${await createApiToken(h.ctx, USERS.admin.username, 'test')}` };
  });
  after(async () => { await h.close(); });
  const post = (url: string, json: unknown) => a.request('POST', url, { json, headers: admin, withCsrf: false });
  const closed = async (outcome: string) => {
    const r = await post('/api/v1/requests', { unit: '区财政局', channel: 'in_person', receivedOn: '2022-09-28', applicant: { type: 'natural', name: '郭十二' }, description: '某路段改造工程的招标文件' });
    const id = r.json().id as number;
    const e = await post(`/api/v1/requests/${id}/events`, { type: 'replied', on: '2022-10-20', outcome });
    assert.equal(e.statusCode, 200, e.body);
    return id;
  };

  test('not held: the letter needs a 检索记录 first; then numbered in the 文号 series, printable, .docx, one per request', async () => {
    const open = await post('/api/v1/requests', { unit: '区财政局', channel: 'in_person', receivedOn: '2022-09-28', applicant: { type: 'natural', name: '某' }, description: '某' });
    assert.equal((await post(`/api/v1/requests/${open.json().id}/letter`, {})).json().error.code, 'wrong_status');
    const id = await closed('unable_not_held');
    const office = await h.login(USERS.admin.username);
    assert.match((await office.get(`/console/requests/${id}`)).body, /答复书（告知书）尚未制作[\s\S]*须附检索记录/);
    const noSearch = await post(`/api/v1/requests/${id}/letter`, { referral: '淄博市交通运输局' });
    assert.equal(noSearch.statusCode, 400);
    assert.match(noSearch.json().error.fields.searchRecord, /检索记录/);
    const badSearch = await post(`/api/v1/requests/${id}/search-record`, { systems: '', keywords: '招标文件', searchedOn: '2022-09-01', staff: '' });
    assert.equal(badSearch.statusCode, 400);
    assert.deepEqual(Object.keys(badSearch.json().error.fields).sort(), ['staff', 'systems']);
    assert.equal((await post(`/api/v1/requests/${id}/search-record`, { systems: '公文管理系统；档案室', keywords: '招标文件、某路段', unitsConsulted: '区住建局', searchedOn: '2022-10-10', staff: '李科员' })).statusCode, 201);
    const l = await post(`/api/v1/requests/${id}/letter`, { referral: '淄博市交通运输局' });
    assert.equal(l.statusCode, 201, l.body);
    assert.equal(l.json().data.docNumber, '临淄依申答〔2022〕1号');
    assert.equal((await post(`/api/v1/requests/${id}/letter`, {})).statusCode, 409);
    const letter = await h.tdb.db.selectFrom('info_request_letters').selectAll().where('request_id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual([letter.template, letter.template_version, letter.decision], ['reply.unable_not_held', 1, 'unable_not_held']);
    const page = await office.get(`/console/requests/${id}/letters/${letter.id}`);
    assert.equal(page.statusCode, 200);
    for (const s of ['政府信息公开申请答复书', '临淄依申答〔2022〕1号', '郭十二：', '第三十六条第（四）项', '淄博市交通运输局', '六十日内向临淄区人民政府申请行政复议', '六个月内', '政府信息检索记录', '李科员']) assert.ok(page.body.includes(s), s);
    const docx = await office.get(`/console/requests/${id}/letters/${letter.id}/docx`);
    assert.equal(docx.statusCode, 200);
    assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');
    assert.doesNotMatch((await office.get(`/console/requests/${id}`)).body, /尚未制作/);
    const other = await h.login(USERS.otherOperator.username);
    assert.equal((await other.get(`/console/requests/${id}/letters/${letter.id}`)).statusCode, 404);
    // Delivery: post needs a tracking number; not before the letter; the date is stored.
    assert.equal((await post(`/api/v1/requests/${id}/delivery`, { method: 'post', deliveredOn: '2022-10-22' })).statusCode, 400);
    assert.equal((await post(`/api/v1/requests/${id}/delivery`, { method: 'pickup', deliveredOn: '2022-10-19' })).statusCode, 400);
    const dl = await post(`/api/v1/requests/${id}/delivery`, { method: 'post', deliveredOn: '2022-10-22', trackingNumber: 'EMS1234567890' });
    assert.equal(dl.statusCode, 201);
    const stored = await h.tdb.db.selectFrom('info_request_deliveries').selectAll().where('request_id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual([stored.method, stored.delivered_on, stored.tracking_number], ['post', '2022-10-22', 'EMS1234567890']);
    // 网上获取: the applicant downloads the letter from the status page with the 查询码.
    const code = 'ABCDE-FGHJK';
    const { hashCode } = await import('./intake.service.js');
    await h.tdb.db.updateTable('info_requests').set({ query_code_hash: hashCode(code) }).where('id', '=', id).execute();
    const visitor = h.agent();
    await visitor.get('/requests/status');
    assert.doesNotMatch((await visitor.request('POST', '/requests/status', { form: { code } })).body, /下载答复书/);
    assert.equal((await post(`/api/v1/requests/${id}/delivery`, { method: 'online', deliveredOn: '2022-10-21' })).statusCode, 201);
    assert.match((await visitor.request('POST', '/requests/status', { form: { code } })).body, /下载答复书/);
    const dlLetter = await visitor.request('POST', '/requests/status/letter', { form: { code } });
    assert.equal(dlLetter.statusCode, 200);
    assert.equal(dlLetter.rawPayload.subarray(0, 2).toString(), 'PK');
    assert.equal((await visitor.request('POST', '/requests/status/letter', { form: { code: 'ZZZZZ-ZZZZZ' } })).statusCode, 400);
    const second = await closed('disclosed');
    assert.equal((await post(`/api/v1/requests/${second}/letter`, {})).json().data.docNumber, '临淄依申答〔2022〕2号');
  });

  test('refusals need reasons; partial needs the released and withheld parts with a valid basis each; console re-renders with Chinese messages', async () => {
    const w = await closed('withheld_art15_third_party');
    const noReason = await post(`/api/v1/requests/${w}/letter`, {});
    assert.equal(noReason.statusCode, 400);
    assert.ok(noReason.json().error.fields.reasons);
    const p = await closed('partial');
    const bad = await post(`/api/v1/requests/${p}/letter`, { released: '预算总表', withheld: '供应商报价|secret' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.fields.withheld, /依据代码/);
    assert.equal(await h.tdb.db.selectFrom('info_request_letters').select('id').where('request_id', 'in', [w, p]).execute().then((r) => r.length), 0);
    const op = await h.login(USERS.operator.username);
    await op.get(`/console/requests/${p}/reply`);
    const form = await op.request('POST', `/console/requests/${p}/letter`, { form: { released: '', withheld: '' } });
    assert.equal(form.statusCode, 400);
    assert.match(form.body, /部分公开须列明予以公开的部分/);
    const ok = await op.request('POST', `/console/requests/${p}/letter`, { form: { released: '预算总表\n收支总表', withheld: '供应商报价|art15_third_party|涉及商业秘密' } });
    assert.equal(ok.statusCode, 303, /gk-error-summary[\s\S]*?<\/ul>/.exec(ok.body)?.[0]);
    const page = await op.get(`/console/requests/${p}/reply`);
    assert.match(page.body, /政府信息公开申请答复书 临淄依申答/);
    const letterId = Number(/letters\/(\d+)/.exec(page.body)![1]);
    const letter = await op.get(`/console/requests/${p}/letters/${letterId}`);
    assert.match(letter.body, /不予公开的部分1：供应商报价。[^<]*第十五条/);
    assert.match(letter.body, /予以公开的部分2：收支总表/);
  });

  test('released files: uploaded with the reply, personal data listed (own expected, third party flagged), delivery needs the check', async () => {
    const r = await post('/api/v1/requests', { unit: '区财政局', channel: 'in_person', receivedOn: '2022-09-28', applicant: { type: 'natural', name: '卫十五', phone: '13511112222' }, description: '本人补贴发放记录' });
    const id = r.json().id as number;
    await post(`/api/v1/requests/${id}/events`, { type: 'replied', on: '2022-10-20', outcome: 'disclosed' });
    await post(`/api/v1/requests/${id}/letter`, {});
    const op = await h.login(USERS.operator.username);
    await op.get(`/console/requests/${id}/reply`);
    const send = (fileName: string, data: Buffer) => {
      const boundary = '----gkreply';
      const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${op.csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`), data, Buffer.from(`\r\n--${boundary}--\r\n`)]);
      return op.request('POST', `/console/requests/${id}/reply-files`, { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    };
    const exe = await send('记录.txt', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]));
    assert.equal(exe.statusCode, 415);
    const ok = await send('发放记录.txt', Buffer.from('领取人 卫十五 电话 13511112222；同批领取人 身份证 11010519491231002X'));
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    const page = await op.get(`/console/requests/${id}/reply`);
    assert.match(page.body, /13511112222<\/td><td>申请人本人的信息/);
    assert.match(page.body, /11010519491231002X<\/td><td><strong>第三方个人信息，请核对/);
    const blocked = await post(`/api/v1/requests/${id}/delivery`, { method: 'pickup', deliveredOn: '2022-10-21' });
    assert.equal(blocked.statusCode, 409);
    assert.equal(blocked.json().error.code, 'privacy_blocked');
    assert.equal((await h.tdb.db.selectFrom('info_request_deliveries').select('id').where('request_id', '=', id).execute()).length, 0);
    const form = await op.request('POST', `/console/requests/${id}/delivery`, { form: { method: 'pickup', deliveredOn: '2022-10-21', privacyChecked: 'on' } });
    assert.equal(form.statusCode, 303);
    assert.equal((await h.tdb.db.selectFrom('info_request_deliveries').select('id').where('request_id', '=', id).execute()).length, 1);
  });

  test('e-mail delivery: a download link with an expiry through the outbox; expired or unknown links give 404', async () => {
    const noMail = await post('/api/v1/requests', { unit: '区财政局', channel: 'in_person', receivedOn: '2022-09-28', applicant: { type: 'natural', name: '某' }, description: '某' });
    await post(`/api/v1/requests/${noMail.json().id}/events`, { type: 'replied', on: '2022-10-20', outcome: 'disclosed' });
    await post(`/api/v1/requests/${noMail.json().id}/letter`, {});
    assert.equal((await post(`/api/v1/requests/${noMail.json().id}/delivery`, { method: 'email', deliveredOn: '2022-10-21' })).statusCode, 400);
    const r = await post('/api/v1/requests', { unit: '区财政局', channel: 'in_person', receivedOn: '2022-09-28', applicant: { type: 'natural', name: '蒋十六', email: 'jiang16@example.com' }, description: '某项目验收报告' });
    const id = r.json().id as number;
    await post(`/api/v1/requests/${id}/events`, { type: 'replied', on: '2022-10-20', outcome: 'disclosed' });
    await post(`/api/v1/requests/${id}/letter`, {});
    assert.equal((await post(`/api/v1/requests/${id}/delivery`, { method: 'email', deliveredOn: '2022-10-21' })).statusCode, 201);
    const mail = await h.tdb.db.selectFrom('outbox').selectAll().where('to_addr', '=', 'jiang16@example.com').executeTakeFirstOrThrow();
    assert.equal(mail.status, 'pending');
    const link = /\/requests\/download\/[A-Za-z0-9_-]+/.exec(mail.body)![0];
    const stored = await h.tdb.db.selectFrom('info_request_downloads').selectAll().where('request_id', '=', id).executeTakeFirstOrThrow();
    assert.ok(!mail.body.includes(stored.token_hash) && stored.token_hash.length === 64, 'only the hash is stored');
    const got = await h.agent().get(link);
    assert.equal(got.statusCode, 200);
    assert.equal(got.rawPayload.subarray(0, 2).toString(), 'PK');
    assert.equal((await h.agent().get('/requests/download/not-a-real-token-at-all-xx')).statusCode, 404);
    await h.tdb.db.updateTable('info_request_downloads').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('request_id', '=', id).execute();
    const expired = await h.agent().get(link);
    assert.equal(expired.statusCode, 404);
    assert.match(expired.body, /已过期/);
  });
});
