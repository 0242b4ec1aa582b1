// Attachment upload over HTTP: type and size limits, nothing written on refusal, text extracted,
// downloads public only while the item is published and proactive.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';
import type { Ctx } from '../lib/context.js';
import { uploadsDir } from './attachments.service.js';
import { actorCtx, closeHarness, docxBuffer, draftAs, multipart, submitAndPublish } from './items.fixtures.js';
import { unpublishItem } from './workflow.service.js';

describe('attachments', () => {
  let h: Harness;
  let op: Ctx;
  let rev: Ctx;
  let agent: Agent;
  const files = () => (existsSync(uploadsDir(h.tdb.dataDir)) ? readdirSync(uploadsDir(h.tdb.dataDir)).sort() : []);
  const rows = (itemId: number) => h.tdb.db.selectFrom('item_attachments').selectAll().where('item_id', '=', itemId).orderBy('id').execute();
  const upload = async (url: string, name: string, data: Buffer) => {
    const m = multipart(name, data);
    return agent.request('POST', url, { payload: m.payload, headers: { 'content-type': m.contentType, 'x-csrf-token': agent.csrf } });
  };
  before(async () => {
    h = await createHarness();
    [op, rev] = await Promise.all([actorCtx(h, USERS.operator.username), actorCtx(h, USERS.reviewer.username)]);
    agent = await h.login(USERS.operator.username);
    await agent.get('/console/items');
  });
  after(async () => { await closeHarness(h); });

  test('a docx and a txt are stored under uploads/ with random keys and their text extracted', async () => {
    const id = await draftAs(op);
    const r1 = await upload(`/console/items/${id}/attachments`, '实施方案.docx', await docxBuffer(['临淄区政务公开实施方案', '一、工作目标']));
    assert.equal(r1.statusCode, 303, r1.body.slice(0, 500));
    const r2 = await upload(`/api/v1/items/${id}/attachments`, 'readme.txt', Buffer.from('附件说明文字'));
    assert.equal(r2.statusCode, 201, r2.body);
    const att = await rows(id);
    assert.deepEqual(att.map((a) => a.file_name), ['实施方案.docx', 'readme.txt']);
    assert.match(att[0]!.text, /临淄区政务公开实施方案\s+一、工作目标/);
    assert.equal(att[1]!.text, '附件说明文字');
    for (const a of att) {
      assert.match(a.storage_key, /^[0-9a-f]{32}$/);
      assert.ok(existsSync(join(uploadsDir(h.tdb.dataDir), a.storage_key)));
      assert.match(a.sha256, /^[0-9a-f]{64}$/);
    }
    const dl = await agent.get(`/attachments/${att[1]!.id}`);
    assert.equal(dl.statusCode, 200);
    assert.equal(dl.body, '附件说明文字');
    assert.match(String(dl.headers['content-disposition']), /filename\*=UTF-8''readme\.txt/);
  });

  test('a 25 MB file, an .exe renamed .pdf, a disallowed type and an empty form are refused; nothing is written', async () => {
    const id = await draftAs(op);
    const before = files();
    const big = Buffer.alloc(25 * 1024 * 1024, 0x20);
    big.write('%PDF-1.7\n');
    const r1 = await upload(`/console/items/${id}/attachments`, '大文件.pdf', big);
    assert.equal(r1.statusCode, 413);
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(512)]);
    const r2 = await upload(`/console/items/${id}/attachments`, '通知.pdf', exe);
    assert.equal(r2.statusCode, 415);
    assert.match(r2.body, /文件内容与扩展名不符/);
    const r3 = await upload(`/api/v1/items/${id}/attachments`, 'tool.exe', exe);
    assert.equal(r3.statusCode, 415);
    assert.equal(r3.json().error.code, 'unsupported_attachment');
    const r4 = await upload(`/console/items/${id}/attachments`, '', Buffer.alloc(0));
    assert.equal(r4.statusCode, 400);
    const r5 = await agent.request('POST', `/api/v1/items/${id}/attachments`, { json: { file: 'x' } });
    assert.equal(r5.statusCode, 415);
    assert.deepEqual(await rows(id), []);
    assert.deepEqual(files(), before);
  });

  test('published attachments are public; unpublished ones answer 404 to anonymous users and other units', async () => {
    const id = await draftAs(op);
    assert.equal((await upload(`/console/items/${id}/attachments`, '公开.txt', Buffer.from('公开附件'))).statusCode, 303);
    const [att] = await rows(id);
    const anonymous = h.agent();
    const other = await h.login(USERS.otherOperator.username);
    assert.equal((await anonymous.get(`/attachments/${att!.id}`)).statusCode, 404);
    assert.equal((await other.get(`/attachments/${att!.id}`)).statusCode, 404);
    await submitAndPublish(op, rev, id);
    const pub = await anonymous.get(`/attachments/${att!.id}`);
    assert.equal(pub.statusCode, 200);
    assert.equal(pub.body, '公开附件');
    assert.equal((await upload(`/console/items/${id}/attachments`, '再传.txt', Buffer.from('x'))).statusCode, 409);
    await unpublishItem(rev, id, { reason: '撤回' });
    assert.equal((await anonymous.get(`/attachments/${att!.id}`)).statusCode, 404);
  });

  test('deleting an attachment removes the row and the file; the history names it', async () => {
    const id = await draftAs(op);
    await upload(`/console/items/${id}/attachments`, '删除我.txt', Buffer.from('临时'));
    const [att] = await rows(id);
    await agent.get(`/console/items/${id}`);
    const r = await agent.request('POST', `/console/items/${id}/attachments/${att!.id}/delete`, { form: {} });
    assert.equal(r.statusCode, 303);
    assert.deepEqual(await rows(id), []);
    assert.ok(!existsSync(join(uploadsDir(h.tdb.dataDir), att!.storage_key)));
    const hist = await h.tdb.db.selectFrom('item_history').select(['action', 'note']).where('item_id', '=', id).orderBy('id').execute();
    assert.deepEqual(hist.map((x) => [x.action, x.note]).slice(1), [['attachment.add', '删除我.txt'], ['attachment.remove', '删除我.txt']]);
  });
});
