// 网上获取 on both engines: after the online delivery, the files released with the reply are listed on
// /requests/status (after the 查询码 check) and downloaded with the code only; no-store; files added after the
// delivery (so after its privacy review) are not offered; nothing is reachable without the code.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiToken } from '../auth/auth.service.js';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import { hashCode } from './intake.service.js';

describe('released files on the status page', () => {
  let h: Harness;
  let bearer: Record<string, string>;
  before(async () => {
    h = await createHarness();
    bearer = { authorization: `Bearer ${await createApiToken(h.ctx, USERS.admin.username, 'test')}` };
  });
  after(async () => { await h.close(); });
  const post = (url: string, json: unknown) => h.app.inject({ method: 'POST', url, headers: bearer, payload: json as object });

  test('listed and downloadable with the 查询码 only, after the online delivery', async () => {
    const r = await post('/api/v1/requests', { unit: '区财政局', channel: 'in_person', receivedOn: '2022-09-28', applicant: { type: 'natural', name: '卫十六', phone: '13511113333' }, description: '2022年某专项资金分配表' });
    const id = r.json().id as number;
    const code = 'KMNPQ-RSTVW';
    await h.tdb.db.updateTable('info_requests').set({ query_code_hash: hashCode(code) }).where('id', '=', id).execute();
    await post(`/api/v1/requests/${id}/events`, { type: 'replied', on: '2022-10-20', outcome: 'disclosed' });
    assert.equal((await post(`/api/v1/requests/${id}/letter`, {})).statusCode, 201);
    const op = await h.login(USERS.operator.username);
    await op.get(`/console/requests/${id}/reply`);
    const send = (fileName: string, data: string) => {
      const boundary = '----gkstatus';
      const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${op.csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/plain\r\n\r\n`), Buffer.from(data), Buffer.from(`\r\n--${boundary}--\r\n`)]);
      return op.request('POST', `/console/requests/${id}/reply-files`, { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    };
    assert.equal((await send('分配表.txt', '专项资金分配表 lkqreleasedmark')).statusCode, 303);
    const [file] = await h.tdb.db.selectFrom('info_request_files').select(['id']).where('request_id', '=', id).where('role', '=', 'reply').execute();
    const visitor = h.agent();
    await visitor.get('/requests/status');
    const download = (form: Record<string, string>) => visitor.request('POST', '/requests/status/file', { form });
    // Before the online delivery nothing is offered, even with the right code.
    const early = await visitor.request('POST', '/requests/status', { form: { code } });
    assert.equal(early.statusCode, 200);
    assert.doesNotMatch(early.body, /分配表\.txt/);
    assert.equal((await download({ code, file: String(file!.id) })).statusCode, 404);
    assert.equal((await post(`/api/v1/requests/${id}/delivery`, { method: 'online', deliveredOn: '2022-10-21' })).statusCode, 201);
    // Uploaded after the delivery (its privacy review): not released through this page.
    assert.equal((await send('后补.txt', '后补材料 lkqlatemark')).statusCode, 303);
    const late = (await h.tdb.db.selectFrom('info_request_files').select('id').where('request_id', '=', id).where('role', '=', 'reply').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    await h.tdb.db.updateTable('info_request_files').set({ created_at: '2999-01-01T00:00:00.000Z' }).where('id', '=', late).execute();

    const page = await visitor.request('POST', '/requests/status', { form: { code } });
    assert.match(String(page.headers['cache-control']), /no-store/);
    assert.match(page.body, /答复文件/);
    assert.match(page.body, /下载 分配表\.txt/);
    assert.doesNotMatch(page.body, /后补\.txt/);
    assert.doesNotMatch(page.body, /卫十六|13511113333/);
    const ok = await download({ code: code.toLowerCase().replace('-', ''), file: String(file!.id) });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.body, '专项资金分配表 lkqreleasedmark');
    assert.match(String(ok.headers['cache-control']), /no-store/);
    assert.match(String(ok.headers['content-disposition']), /^attachment;/);
    assert.equal(ok.headers['x-content-type-options'], 'nosniff');
    for (const form of [{ code: 'ZZZZZ-ZZZZZ', file: String(file!.id) }, { code: '', file: String(file!.id) }, { code, file: String(late) }, { code, file: '0x1' }, { code, file: '' }]) {
      const bad = await download(form);
      assert.ok(bad.statusCode === 400 || bad.statusCode === 404, `${JSON.stringify(form)}: ${bad.statusCode}`);
      assert.doesNotMatch(bad.body, /lkqreleasedmark|lkqlatemark|卫十六/);
    }
    // Another request's code does not open this request's file.
    const other = await post('/api/v1/requests', { unit: '区财政局', channel: 'in_person', receivedOn: '2022-09-28', applicant: { type: 'natural', name: '卫十七' }, description: '其他信息' });
    await h.tdb.db.updateTable('info_requests').set({ query_code_hash: hashCode('ABCDE-ABCDE') }).where('id', '=', other.json().id as number).execute();
    assert.equal((await download({ code: 'ABCDE-ABCDE', file: String(file!.id) })).statusCode, 404);
    // No GET URL serves a released file.
    for (const url of [`/requests/status/file?code=${code}&file=${file!.id}`, `/requests/status/file/${file!.id}`, `/requests/files/${file!.id}`]) {
      const g = await h.agent().get(url);
      assert.equal(g.statusCode, 404, url);
      assert.doesNotMatch(g.body, /lkqreleasedmark/);
    }
  });
  test('e-mail delivery: the mail links the released files behind its token; later files, other requests\' files and expired links give 404', async () => {
    const r = await post('/api/v1/requests', { unit: '区财政局', channel: 'in_person', receivedOn: '2022-09-28', applicant: { type: 'natural', name: '卫十八', email: 'wei18@example.com' }, description: '2022年某项目验收报告' });
    const id = r.json().id as number;
    await post(`/api/v1/requests/${id}/events`, { type: 'replied', on: '2022-10-20', outcome: 'disclosed' });
    assert.equal((await post(`/api/v1/requests/${id}/letter`, {})).statusCode, 201);
    const op = await h.login(USERS.operator.username);
    await op.get(`/console/requests/${id}/reply`);
    const send = (fileName: string, data: string) => {
      const boundary = '----gkmail';
      const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${op.csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/plain\r\n\r\n`), Buffer.from(data), Buffer.from(`\r\n--${boundary}--\r\n`)]);
      return op.request('POST', `/console/requests/${id}/reply-files`, { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    };
    assert.equal((await send('验收报告.txt', '验收报告 lkqmailedmark')).statusCode, 303);
    const [file] = await h.tdb.db.selectFrom('info_request_files').select(['id']).where('request_id', '=', id).where('role', '=', 'reply').execute();
    assert.equal((await post(`/api/v1/requests/${id}/delivery`, { method: 'email', deliveredOn: '2022-10-21' })).statusCode, 201);
    assert.equal((await send('后补2.txt', '后补 lkqmaillatemark')).statusCode, 303);
    const late = (await h.tdb.db.selectFrom('info_request_files').select('id').where('request_id', '=', id).where('role', '=', 'reply').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    await h.tdb.db.updateTable('info_request_files').set({ created_at: '2999-01-01T00:00:00.000Z' }).where('id', '=', late).execute();
    const mail = await h.tdb.db.selectFrom('outbox').selectAll().where('to_addr', '=', 'wei18@example.com').executeTakeFirstOrThrow();
    assert.match(mail.body, /验收报告\.txt：\/requests\/download\/[A-Za-z0-9_-]+\/files\/\d+/);
    assert.doesNotMatch(mail.body, /后补2/);
    const token = /\/requests\/download\/([A-Za-z0-9_-]+)\/files\//.exec(mail.body)![1]!;
    const fileLink = `/requests/download/${token}/files/${file!.id}`;
    assert.ok(mail.body.includes(fileLink));
    const ok = await h.agent().get(fileLink);
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.body, '验收报告 lkqmailedmark');
    assert.match(String(ok.headers['cache-control']), /no-store/);
    assert.match(String(ok.headers['content-disposition']), /^attachment;/);
    assert.equal(ok.headers['x-content-type-options'], 'nosniff');
    assert.equal(ok.headers['x-robots-tag'], 'noindex');
    assert.equal((await h.agent().get(`/requests/download/${token}`)).rawPayload.subarray(0, 2).toString(), 'PK', 'the letter link still gives the letter');
    // The earlier test's request has a released file too: this token does not open it.
    const foreign = (await h.tdb.db.selectFrom('info_request_files').select('id').where('request_id', '<>', id).where('role', '=', 'reply').executeTakeFirstOrThrow()).id;
    for (const url of [`/requests/download/${token}/files/${late}`, `/requests/download/${token}/files/${foreign}`, `/requests/download/${token}/files/0x1`, `/requests/download/not-a-real-token-at-all-xx/files/${file!.id}`, `/requests/download/${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}/files/${file!.id}`]) {
      const bad = await h.agent().get(url);
      assert.equal(bad.statusCode, 404, url);
      assert.doesNotMatch(bad.body, /lkqmailedmark|lkqmaillatemark|lkqreleasedmark|卫十八/);
    }
    await h.tdb.db.updateTable('info_request_downloads').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('request_id', '=', id).execute();
    const expired = await h.agent().get(fileLink);
    assert.equal(expired.statusCode, 404);
    assert.match(expired.body, /已过期/);
  });
});
