// Public intake and the 查询码 status page on both engines: checks, honeypot, attachments, no leaks, rate limits.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiToken } from '../auth/auth.service.js';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';
import { setNowForTests } from '../lib/time.js';
import { hashCode, LOOKUP_LIMIT, normaliseCode } from './intake.service.js';

const VALID_ID = '11010519491231002X';
const person = (over: Record<string, string> = {}) => ({
  applicantType: 'natural', name: '孙七', idType: '居民身份证', idNumber: VALID_ID, phone: '13800138000', email: 'sunqi@example.com',
  address: '临淄区某街道某小区1号楼', unit: '', description: '2022年区级部门预算公开表及说明', format: 'electronic', delivery: 'online', homepage: '', ...over,
});

function multipart(fields: Record<string, string>, files: { name: string; fileName: string; data: Buffer }[]) {
  const boundary = `----gk${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(f.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('public request intake and status', () => {
  let h: Harness;
  let fin = '';
  let admin: Record<string, string>;
  const count = async () => (await h.tdb.db.selectFrom('info_requests').select('id').execute()).length;
  const uploads = () => { const d = join(h.tdb.dataDir, 'uploads', 'requests'); return existsSync(d) ? readdirSync(d) : []; };
  before(async () => {
    h = await createHarness();
    fin = String(await h.unitId('区财政局'));
    admin = { authorization: `Bearer ${await createApiToken(h.ctx, USERS.admin.username, 'test')}` };
  });
  after(async () => { await h.close(); });

  const submit = async (a: Agent, form: Record<string, string>) => {
    await a.get('/requests/new');
    return a.request('POST', '/requests/new', { form: { ...form, unit: form.unit || fin } });
  };
  const codeOf = (body: string) => /class="gk-code">([0-9A-Z]{5}-[0-9A-Z]{5})</.exec(body)?.[1];

  test('the form renders without login: applicant types with the five organisation sub-types, bodies, formats, deliveries', async () => {
    const r = await h.agent().get('/requests/new');
    assert.equal(r.statusCode, 200);
    for (const s of ['公民', '法人或者其他组织', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他组织', '临淄区人民政府', '区财政局', '纸质', '电子', '邮寄', '电子邮件', '当面领取', '网上获取', 'enctype="multipart/form-data"']) {
      assert.ok(r.body.includes(s), s);
    }
    assert.doesNotMatch(r.body, /<script(?![^>]*src="\/static\/)/, 'no inline script');
  });

  test('a valid online request waits in 待确认 with a 查询码 (≥ 40 bits) whose hash is stored; confirmation numbers it', async () => {
    const a = h.agent();
    setNowForTests(new Date('2022-09-26T02:00:00Z'));
    const r = await submit(a, person()).finally(() => setNowForTests(null));
    assert.equal(r.statusCode, 200, r.body.slice(0, 2000));
    const code = codeOf(r.body)!;
    assert.ok(code, 'code shown');
    assert.ok(normaliseCode(code).length * 5 >= 40);
    const row = await h.tdb.db.selectFrom('info_requests').selectAll().where('query_code_hash', '=', hashCode(code)).executeTakeFirstOrThrow();
    assert.deepEqual([row.state, row.number, row.channel, row.applicant_id_number, row.received_on], ['pending_confirmation', null, 'online', VALID_ID, null]);
    assert.ok(!JSON.stringify(row).includes(code) && !JSON.stringify(row).includes(normaliseCode(code)), 'the code itself is not stored');
    // Status with the code: progress only, no personal data.
    const st = await a.request('POST', '/requests/status', { form: { code: code.toLowerCase().replace('-', '') } });
    assert.equal(st.statusCode, 200);
    assert.match(st.body, /待确认/);
    for (const secret of ['孙七', VALID_ID, '13800138000', 'sunqi@example.com', '某小区', '部门预算公开表']) assert.ok(!st.body.includes(secret), secret);
    const early = await a.request('POST', '/requests/status/receipt', { form: { code } });
    assert.equal(early.statusCode, 409);
    const c = await a.request('POST', `/api/v1/requests/${row.id}/confirm`, { json: { on: '2022-09-28' }, headers: admin, withCsrf: false });
    assert.equal(c.statusCode, 200, c.body);
    const st2 = await a.request('POST', '/requests/status', { form: { code } });
    assert.ok(st2.body.includes(c.json().number));
    assert.match(st2.body, /2022-10-31/);
    const receipt = await a.request('POST', '/requests/status/receipt', { form: { code } });
    assert.equal(receipt.statusCode, 200);
    assert.match(String(receipt.headers['content-type']), /wordprocessingml/);
    assert.equal(receipt.rawPayload.subarray(0, 2).toString(), 'PK');
    const wrong = await a.request('POST', '/requests/status', { form: { code: 'ZZZZZ-ZZZZZ' } });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /没有找到/);
  });

  const bad: [string, Record<string, string>, string, RegExp][] = [
    ['a 居民身份证 with a wrong check digit', { idNumber: '110105194912310021' }, 'idNumber', /校验位/],
    ['a missing description', { description: '' }, 'description', /请填写/],
    ['e-mail delivery without an address', { delivery: 'email', email: '' }, 'email', /电子邮箱/],
    ['post delivery without an address', { delivery: 'post', address: '' }, 'address', /通信地址/],
    ['an organisation with a bad credit code and no sub-type', { applicantType: 'org', creditCode: '91350100M000100Y44', legalRep: '某某', contact: '某某' }, 'creditCode', /校验位/],
    ['an organisation without a sub-type', { applicantType: 'org', creditCode: '91350100M000100Y43', legalRep: '某某', contact: '某某' }, 'orgType', /组织类型/],
    ['a body outside the list', { unit: '999999' }, 'unit', /受理机关/],
    ['a bad phone number', { phone: 'call me' }, 'phone', /联系电话/],
  ];
  for (const [label, over, field, msg] of bad) {
    test(`bad input: ${label} → 400 with the field message, input kept, nothing written`, async () => {
      const n = await count();
      const r = await submit(h.agent(), person(over));
      assert.equal(r.statusCode, 400);
      assert.match(r.body, msg);
      assert.ok(r.body.includes(`href="#f-${field}"`), `error summary links ${field}`);
      assert.ok(r.body.includes('value="13800138000"') || over.phone, 'input kept');
      assert.equal(await count(), n);
    });
  }

  test('the honeypot: answered like a success, nothing written', async () => {
    const n = await count();
    const r = await submit(h.agent(), person({ homepage: 'http://spam.example' }));
    assert.equal(r.statusCode, 200);
    assert.equal(codeOf(r.body), undefined);
    assert.equal(await count(), n);
  });

  test('attachments: a real file is stored; a renamed executable or an 11 MB file is refused and nothing is written', async () => {
    const a = h.agent();
    await a.get('/requests/new');
    const send = (files: { name: string; fileName: string; data: Buffer }[]) => {
      const m = multipart({ _csrf: a.csrf, ...person(), unit: fin }, files);
      return a.request('POST', '/requests/new', { payload: m.payload, headers: { 'content-type': m.contentType } });
    };
    const ok = await send([{ name: 'file1', fileName: '身份证明.txt', data: Buffer.from('申请人身份证明复印件说明') }, { name: 'file2', fileName: '', data: Buffer.alloc(0) }]);
    assert.equal(ok.statusCode, 200, ok.body.slice(0, 1500));
    const row = await h.tdb.db.selectFrom('info_requests').select('id').where('query_code_hash', '=', hashCode(codeOf(ok.body)!)).executeTakeFirstOrThrow();
    const files = await h.tdb.db.selectFrom('info_request_files').selectAll().where('request_id', '=', row.id).execute();
    assert.deepEqual(files.map((f) => [f.file_name, f.role]), [['身份证明.txt', 'application']]);
    assert.ok(uploads().includes(files[0]!.storage_key));
    const n = await count();
    const before = uploads().length;
    await a.get('/requests/new');
    const exe = await send([{ name: 'file1', fileName: '证明.pdf', data: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]) }]);
    assert.equal(exe.statusCode, 415);
    assert.match(exe.body, /文件内容与扩展名不符/);
    await a.get('/requests/new');
    const big = await send([{ name: 'file1', fileName: '大文件.txt', data: Buffer.alloc(11 * 1024 * 1024, 0x41) }]);
    assert.equal(big.statusCode, 413);
    assert.match(big.body, /10 MB/);
    assert.equal(await count(), n);
    assert.equal(uploads().length, before);
  });

  test('status lookups are rate-limited per address', async () => {
    const a = h.agent();
    await a.get('/requests/status');
    const once = () => h.app.inject({ method: 'POST', url: '/requests/status', remoteAddress: '10.1.2.3', headers: { cookie: a.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: a.csrf, code: 'AAAAA-AAAAA' }).toString() });
    for (let i = 0; i < LOOKUP_LIMIT; i++) assert.equal((await once()).statusCode, 400);
    const limited = await once();
    assert.equal(limited.statusCode, 429);
    assert.match(limited.body, /频繁/);
  });
});

describe('online request submissions are rate-limited per address', () => {
  let h: Harness;
  before(async () => { h = await createHarness({ config: { requestSubmitRateLimit: 2 } }); });
  after(async () => { await h.close(); });
  test('the third submission within the hour gets 429 and writes nothing', async () => {
    const a = h.agent();
    const unit = String(await h.unitId('区财政局'));
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      await a.get('/requests/new');
      statuses.push((await a.request('POST', '/requests/new', { form: person({ unit }) })).statusCode);
    }
    assert.deepEqual(statuses, [200, 200, 429]);
    assert.equal((await h.tdb.db.selectFrom('info_requests').select('id').execute()).length, 2);
  });
});
