// 公开答复库 with released files, on both engines: staff choose reply files to show; a file with personal data
// (the applicant's own or anyone's) or one that cannot be scanned is refused; the portal offers only chosen files.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import { addEvent, createRequest } from './requests.service.js';

describe('public reply library: released files', () => {
  let h: Harness;
  before(async () => { h = await createHarness(); });
  after(async () => { await h.close(); });

  test('only chosen files without personal data are public; the applicant\'s attachments and other files never', async () => {
    const r = await createRequest(h.ctx, { unit: '区住建局', channel: 'in_person', receivedOn: '2022-03-01', applicant: { type: 'natural', name: '褚十五', phone: '13611113333' }, description: '某小区加装电梯审批文件' });
    await addEvent(h.ctx, r.id, { type: 'replied', on: '2022-03-10', outcome: 'disclosed' });
    const op = await h.login(USERS.otherOperator.username);
    await op.get(`/console/requests/${r.id}/reply`);
    const send = async (fileName: string, data: string) => {
      const boundary = '----gkpub';
      const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${op.csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/plain\r\n\r\n`), Buffer.from(data), Buffer.from(`\r\n--${boundary}--\r\n`)]);
      assert.equal((await op.request('POST', `/console/requests/${r.id}/reply-files`, { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } })).statusCode, 303);
      return (await h.tdb.db.selectFrom('info_request_files').select('id').where('request_id', '=', r.id).orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    };
    const clean = await send('审批决定.txt', '某小区加装电梯项目审批决定 lkqpubfilemark');
    const own = await send('申请人回执.txt', '申请人 褚十五 电话 13611113333');
    const third = await send('业主名单.txt', '业主 联系电话 13912345678');
    const page = await op.get(`/console/requests/${r.id}/reply`);
    assert.match(page.body, new RegExp(`name="publicFile_${clean}"`));
    const tryFiles = (ids: number[]) => op.request('POST', `/console/requests/${r.id}/public-reply`, { form: { summary: '某小区加装电梯审批文件', ...Object.fromEntries(ids.map((i) => [`publicFile_${i}`, 'on'])) } });
    const withOwn = await tryFiles([clean, own]);
    assert.equal(withOwn.statusCode, 400);
    assert.match(withOwn.body, /含有申请人的个人信息，不能向社会公开/);
    const withThird = await tryFiles([third]);
    assert.equal(withThird.statusCode, 400);
    assert.match(withThird.body, /含有个人信息，不能向社会公开/);
    assert.equal((await h.tdb.db.selectFrom('info_request_public_replies').select('request_id').execute()).length, 0, 'nothing written');
    assert.equal((await tryFiles([clean])).statusCode, 303);

    const visitor = h.agent();
    const pub = await visitor.get(`/requests/replies/${r.id}`);
    assert.equal(pub.statusCode, 200);
    assert.match(pub.body, new RegExp(`href="/requests/replies/${r.id}/files/${clean}"`));
    assert.doesNotMatch(pub.body, /申请人回执|业主名单|褚十五/);
    const dl = await visitor.get(`/requests/replies/${r.id}/files/${clean}`);
    assert.equal(dl.statusCode, 200);
    assert.match(dl.body, /lkqpubfilemark/);
    assert.match(String(dl.headers['content-disposition']), /^attachment;/);
    for (const url of [`/requests/replies/${r.id}/files/${own}`, `/requests/replies/${r.id}/files/${third}`, `/requests/replies/${r.id}/files/0x1`, `/requests/replies/${r.id + 1}/files/${clean}`]) {
      const res = await visitor.get(url);
      assert.equal(res.statusCode, 404, url);
      assert.doesNotMatch(res.body, /褚十五|13912345678/);
    }
    // Updating the entry without the file takes it off the portal; the API takes ids.
    assert.equal((await tryFiles([])).statusCode, 303);
    assert.equal((await visitor.get(`/requests/replies/${r.id}/files/${clean}`)).statusCode, 404);
    const { publishReply } = await import('./public-replies.js');
    await assert.rejects(publishReply(h.ctx, r.id, { summary: '某小区加装电梯审批文件', files: ['1'] }), (e: { code?: string }) => e.code === 'validation_failed');
    await publishReply(h.ctx, r.id, { summary: '某小区加装电梯审批文件', files: [clean] });
    assert.equal((await visitor.get(`/requests/replies/${r.id}/files/${clean}`)).statusCode, 200);
  });
});
