// Issue 17 finding 3: every path that opens an uploaded .xlsx/.docx applies the shared limits
// (src/lib/office-file-limits.ts), and upload routes authorise before they read the body.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { USERS, type Agent } from '../test-support/harness.js';
import { multipartBody } from '../test-support/multipart.js';
import { bigDocx, bigSheetXlsx } from '../test-support/zip-build.js';
import type { Ctx } from './context.js';
import { actorCtx, draftAs } from '../disclosure/items.fixtures.js';
import * as ledgers from '../ledger/ledger.service.js';
import { createLedgerHarness, rowsOf, type LedgerHarness } from '../ledger/ledger-test-setup.js';

describe('office upload limits on every path (finding 3)', () => {
  let h: LedgerHarness;
  let op: Ctx;
  let opAgent: Agent; let otherAgent: Agent; let admin: Agent;
  let ledgerA = 0; let measureA = 0;
  const post = (agent: Agent, url: string, name: string, content: Buffer, fields: Record<string, string> = {}) => {
    const { payload, contentType } = multipartBody(fields, { field: 'file', filename: name, content });
    return agent.request('POST', url, { payload, headers: { 'content-type': contentType, 'x-csrf-token': agent.csrf } });
  };
  before(async () => {
    h = await createLedgerHarness();
    op = await actorCtx(h, USERS.operator.username);
    ledgerA = await ledgers.createLedger(h.sys, { planId: h.planId, unitId: await h.unitId('区财政局') });
    const [r1] = await rowsOf(h, ledgerA);
    measureA = await ledgers.addMeasure(h.sys, ledgerA, r1!.id, { content: '举措' });
    opAgent = await h.login(USERS.operator.username);
    await opAgent.get('/console/items');
    otherAgent = await h.login(USERS.otherOperator.username);
    await otherAgent.get('/console/ledgers');
    admin = await h.login(USERS.admin.username);
    await admin.get('/console/plans');
  });
  after(async () => { await h.close(); });

  test('an attachment .xlsx with 60,000 rows (small file) is refused before exceljs builds it; nothing stored', async () => {
    const id = await draftAs(op);
    const r = await post(opAgent, `/api/v1/items/${id}/attachments`, '名单.xlsx', bigSheetXlsx(60_000));
    assert.equal(r.statusCode, 400, r.body.slice(0, 300));
    assert.match(r.json().error.message, /超过 50000 行/);
    assert.equal((await h.tdb.db.selectFrom('item_attachments').select('id').where('item_id', '=', id).execute()).length, 0);
  });

  test('plan import: a .docx with far more paragraphs than any plan is refused by the shared check', async () => {
    const r = await post(admin, '/console/plans/preview', '方案.docx', bigDocx(30_000));
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /超过 20000 个段落/);
  });

  test('ledger import: a workbook whose directory under-declares its size is refused, nothing written', async () => {
    await opAgent.get(`/console/ledgers/${ledgerA}/import`);
    const r = await post(opAgent, `/api/v1/ledgers/${ledgerA}/import`, '台账.xlsx', bigSheetXlsx(3000, 10, { declaredSize: 4096 }));
    assert.equal(r.statusCode, 400);
    assert.match(JSON.stringify(r.json().error.issues), /压缩目录与内容不符/);
  });

  test("uploads to another unit's ledger are refused before the body is read (404, not 413 for a 21 MB body)", async () => {
    const big = Buffer.alloc(21 * 1024 * 1024, 0x41);
    const imp = await post(otherAgent, `/api/v1/ledgers/${ledgerA}/import`, '台账.xlsx', big);
    assert.equal(imp.statusCode, 404, imp.body.slice(0, 200));
    const ev = await post(otherAgent, `/api/v1/ledgers/${ledgerA}/measures/${measureA}/evidence`, '证明.pdf', big);
    assert.ok(ev.statusCode === 403 || ev.statusCode === 404, `${ev.statusCode}`);
    const evForm = await post(otherAgent, `/console/ledgers/${ledgerA}/measures/${measureA}/evidence-file`, '证明.pdf', big);
    assert.ok(evForm.statusCode === 403 || evForm.statusCode === 404, `${evForm.statusCode}`);
  });
});
