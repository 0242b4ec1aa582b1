// Issue 17 finding 7: the small ones — bad characters in evidence labels and file names, HTML/PDF
// polyglots, attachment downloads, malformed and over-long URLs, parser messages, strict numbers and
// dates, and the login guard on the decoded route.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { USERS, type Agent } from '../test-support/harness.js';
import { multipartBody } from '../test-support/multipart.js';
import type { Ctx } from '../lib/context.js';
import { actorCtx, draftAs, submitAndPublish } from '../disclosure/items.fixtures.js';
import * as ledgers from '../ledger/ledger.service.js';
import { createLedgerHarness, rowsOf, type LedgerHarness } from '../ledger/ledger-test-setup.js';
import { buildZip } from '../test-support/zip-build.js';

const SECURITY_HEADERS = ['content-security-policy', 'x-content-type-options', 'x-frame-options'];

describe('finding 7: small input and output holes', () => {
  let h: LedgerHarness;
  let op: Ctx; let rev: Ctx;
  let opAgent: Agent; let admin: Agent;
  let ledgerId = 0; let measureId = 0;
  const post = (agent: Agent, url: string, name: string, content: Buffer, fields: Record<string, string> = {}) => {
    const { payload, contentType } = multipartBody(fields, { field: 'file', filename: name, content });
    return agent.request('POST', url, { payload, headers: { 'content-type': contentType, 'x-csrf-token': agent.csrf } });
  };
  before(async () => {
    h = await createLedgerHarness();
    [op, rev] = await Promise.all([actorCtx(h, USERS.operator.username), actorCtx(h, USERS.reviewer.username)]);
    ledgerId = await ledgers.createLedger(h.sys, { planId: h.planId, unitId: await h.unitId('区财政局') });
    const [r1] = await rowsOf(h, ledgerId);
    measureId = await ledgers.addMeasure(h.sys, ledgerId, r1!.id, { content: '举措' });
    opAgent = await h.login(USERS.operator.username);
    await opAgent.get(`/console/ledgers/${ledgerId}/measures/${measureId}`);
    admin = await h.login(USERS.admin.username);
    await admin.get('/console/audit');
  });
  after(async () => { await h.close(); });

  const evidenceUrl = () => `/api/v1/ledgers/${ledgerId}/measures/${measureId}/evidence`;
  const evidenceCount = async () => (await h.tdb.db.selectFrom('ledger_evidence').select('id').where('ledger_id', '=', ledgerId).execute()).length;

  test('evidence labels and file names with control characters, RTL overrides or broken UTF-8 are refused', async () => {
    const before = await evidenceCount();
    for (const label of ['说明\u202e fdp.exe', '说明\u0007', '说明\u2066x\u2069']) {
      const r = await opAgent.request('POST', evidenceUrl(), { json: { kind: 'url', url: 'https://www.linzi.gov.cn/', label } });
      assert.equal(r.statusCode, 400, JSON.stringify(label));
      const f = await post(opAgent, evidenceUrl(), 'ok.pdf', Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'), { label });
      assert.equal(f.statusCode, 400, `file label ${JSON.stringify(label)}`);
    }
    for (const name of ['report\u202efdp.exe.pdf', 'a\u0001b.pdf', 'bad-\ufffd.pdf']) {
      const f = await post(opAgent, evidenceUrl(), name, Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'));
      assert.equal(f.statusCode, 400, `file name ${JSON.stringify(name)}`);
    }
    const id = await draftAs(op);
    const a = await post(opAgent, `/api/v1/items/${id}/attachments`, '通知\u202etxt.exe.txt', Buffer.from('附件正文'));
    assert.equal(a.statusCode, 400, a.body);
    assert.equal(await evidenceCount(), before);
  });

  test('an HTML/PDF polyglot is refused as .pdf (attachments and evidence)', async () => {
    const polyglot = Buffer.from('<html><body><script>alert(document.cookie)</script>%PDF-1.4\n%%EOF\n</body></html>');
    const id = await draftAs(op);
    const a = await post(opAgent, `/api/v1/items/${id}/attachments`, '通知.pdf', polyglot);
    assert.equal(a.statusCode, 415, a.body);
    const e = await post(opAgent, evidenceUrl(), '证明.pdf', polyglot);
    assert.equal(e.statusCode, 400, e.body);
    const noEof = await post(opAgent, evidenceUrl(), '证明.pdf', Buffer.from('%PDF-1.4\n<html><script>x</script>'));
    assert.equal(noEof.statusCode, 400, noEof.body);
  });

  test('downloads are served as attachments (PDF and images too)', async () => {
    const id = await draftAs(op);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
    assert.equal((await post(opAgent, `/api/v1/items/${id}/attachments`, '通知.pdf', pdf)).statusCode, 201);
    await submitAndPublish(op, rev, id);
    const att = await h.tdb.db.selectFrom('item_attachments').select('id').where('item_id', '=', id).executeTakeFirstOrThrow();
    const dl = await h.agent().get(`/attachments/${att.id}`);
    assert.equal(dl.statusCode, 200);
    assert.match(String(dl.headers['content-disposition']), /^attachment;/);
  });

  test('malformed and over-long URLs get the central error page with security headers', async () => {
    for (const url of ['/items/%E0%A4%A', '/console/items/%', `/items/${'9'.repeat(300)}`, `/catalog?category=${'x'.repeat(300)}`, `/${'a'.repeat(5000)}`]) {
      const r = await h.app.inject({ method: 'GET', url });
      assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${url.slice(0, 40)} → ${r.statusCode}`);
      assert.match(String(r.headers['content-type']), /text\/html/, url.slice(0, 40));
      assert.doesNotMatch(r.body, /"message"|Bad Request|URI Too Long|FST_/, url.slice(0, 40));
      for (const hd of SECURITY_HEADERS) assert.ok(r.headers[hd], `${hd} on ${url.slice(0, 40)}`);
    }
    const api = await h.app.inject({ method: 'GET', url: '/api/v1/items/%E0%A4%A' });
    assert.equal(api.statusCode, 400);
    assert.equal(api.json().error.code, 'bad_url');
    for (const hd of SECURITY_HEADERS) assert.ok(api.headers[hd], `${hd} on the API`);
  });

  test('parser messages such as [xmldom error] never reach users', async () => {
    // A .docx whose document.xml is not XML: mammoth/xmldom would explain in English.
    const docx = buildZip([
      { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
      { name: 'word/document.xml', data: '<w:document><w:body><<<>>>&&&</w:bodyx>' },
    ]);
    const id = await draftAs(op);
    const a = await post(opAgent, `/api/v1/items/${id}/attachments`, '损坏.docx', docx);
    assert.ok(a.statusCode >= 400 && a.statusCode < 500);
    assert.doesNotMatch(a.json().error.message, /xmldom|error|line|col/i);
    const p = await post(admin, (await admin.get('/console/plans'), '/console/plans/preview'), '方案.docx', docx);
    assert.ok(p.statusCode >= 400 && p.statusCode < 500);
    assert.doesNotMatch(p.body, /xmldom|\[.*error\]|Error:/i);
  });

  test('numbers are parsed strictly: [1], "0x10", "1e1" and " 1" are not ids', async () => {
    for (const itemId of [[1], '0x10', '1e1', ' 1', true]) {
      const r = await opAgent.request('POST', evidenceUrl(), { json: { kind: 'item', itemId } });
      assert.equal(r.statusCode, 400, JSON.stringify(itemId));
      assert.equal(r.json().error.fields.itemId, '政府信息编号无效', JSON.stringify(itemId));
    }
    for (const page of ['0x10', '1e1', '[1]']) {
      const r = await admin.get(`/api/v1/audit?page=${encodeURIComponent(page)}`);
      assert.equal(r.statusCode, 400, page);
    }
  });

  test('audit date filters refuse impossible dates like 2022-02-30', async () => {
    for (const q of ['from=2022-02-30', 'to=2022-13-01', 'from=2022-2-1']) {
      const r = await admin.get(`/api/v1/audit?${q}`);
      assert.equal(r.statusCode, 400, q);
      assert.equal(r.json().error.code, 'validation_failed');
    }
    assert.equal((await admin.get('/api/v1/audit?from=2022-02-28&to=2024-02-29')).statusCode, 200);
  });

  test('the login guard checks the decoded route (/%61pi/…, /%63onsole/…)', async () => {
    const anon = h.agent();
    const api = await anon.get('/%61pi/v1/users');
    assert.equal(api.statusCode, 401, api.body.slice(0, 200));
    const page = await anon.get('/%63onsole/users');
    assert.ok(page.statusCode === 303 || page.statusCode === 401, `${page.statusCode}`);
    assert.doesNotMatch(page.body, /t_admin/);
  });
});

describe('finding 7: strict numbers on the public pages', () => {
  let h: LedgerHarness;
  before(async () => { h = await createLedgerHarness(); });
  after(async () => { await h.close(); });

  test('?page=0x10 / 1e1 / [1] on the catalog, search and public API are refused like any bad number', async () => {
    for (const url of ['/catalog?page=0x10', '/catalog?page=1e1', '/search?q=%E5%85%AC%E5%BC%80&page=0x10', '/search?q=x&year=0x7E6']) {
      const r = await h.agent().get(url);
      assert.equal(r.statusCode, 400, url);
    }
    assert.equal((await h.agent().get('/catalog?page=2')).statusCode, 200);
  });
});
