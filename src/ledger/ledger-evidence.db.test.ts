// Evidence for a measure: a published information item, a URL, or an uploaded file kept under
// <GONGKAI_DATA_DIR>/uploads and served only to those who may see the ledger row.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { USERS, type Agent } from '../test-support/harness.js';
import { setNowForTests } from '../lib/time.js';
import * as svc from './ledger.service.js';
import { LEAD_USERS, createLedgerHarness, multipart, rowsOf, type LedgerHarness, followRedirect } from './ledger-test-setup.js';

describe('ledger evidence', () => {
  let h: LedgerHarness;
  let op: Agent;
  let ledgerId = 0;
  let measureId = 0;
  let published = 0;
  let draft = 0;
  before(async () => {
    setNowForTests(new Date('2022-06-20T02:00:00Z'));
    h = await createLedgerHarness();
    op = await h.login(USERS.operator.username);
    ledgerId = await svc.createLedger(h.sys, { planId: h.planId, unitId: await h.unitId('区财政局') });
    const [r1] = await rowsOf(h, ledgerId);
    measureId = await svc.addMeasure(h.sys, ledgerId, r1!.id, { content: '公开年度抽查计划' });
    const item = (status: 'published' | 'draft', n: number) => ({
      area_id: h.areaId, unit_id: 0, index_no: `370305005-2022-${n}`, doc_number: '', title: `2022年度“双随机、一公开”抽查计划（${status}）`, item_type: 'general' as const,
      category_code: 'x', topic_code: null, body_html: '<p>x</p>', body_text: 'x', written_on: null, formed_on: '2022-06-01', published_on: status === 'published' ? '2022-06-05' : null,
      published_at: null, attribute: 'proactive' as const, withheld_basis: null, attribute_reason: null, status, disclosure_days: 20, due_date: null, validity: null,
      valid_until: null, replaced_by_id: null, policy_item_id: null, interp_form: null, needs_interpretation: 0, interp_exempt_reason: null, next_review_on: null,
      privacy_json: null, created_by: null, created_at: '2022-06-01T00:00:00Z', updated_at: '2022-06-01T00:00:00Z',
    });
    const unit = await h.unitId('区财政局');
    published = (await h.tdb.db.insertInto('info_items').values({ ...item('published', 1), unit_id: unit }).returning('id').executeTakeFirstOrThrow()).id;
    draft = (await h.tdb.db.insertInto('info_items').values({ ...item('draft', 2), unit_id: unit }).returning('id').executeTakeFirstOrThrow()).id;
  });
  after(async () => {
    setNowForTests(null);
    await h.close();
  });

  const page = `/console/ledgers/`;
  test('a published information item links by number; an unpublished one is refused', async () => {
    await op.get(`${page}${ledgerId}/measures/${measureId}`);
    const bad = await op.request('POST', `${page}${ledgerId}/measures/${measureId}/evidence`, { form: { kind: 'item', itemId: String(draft) } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /未找到该编号的已发布政府信息/);
    const ok = await followRedirect(op, await op.request('POST', `${page}${ledgerId}/measures/${measureId}/evidence`, { form: { kind: 'item', itemId: String(published) } }));
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /抽查计划（published）（370305005-2022-1）/);
  });

  test('the evidence picker: a plain search form finds published items by title or 索引号; each result links with one button', async () => {
    const url = `${page}${ledgerId}/measures/${measureId}`;
    const none = await op.get(`${url}?itemq=${encodeURIComponent('不存在的标题')}`);
    assert.match(none.body, /没有找到标题、文号、索引号或发布机构含“不存在的标题”的可选信息/);
    const found = await op.get(`${url}?itemq=${encodeURIComponent('抽查 计划')}`);
    assert.match(found.body, /2022年度“双随机、一公开”抽查计划（published）/);
    assert.doesNotMatch(found.body, /抽查计划（draft）（370305005/, 'drafts are not offered');
    assert.match((await op.get(`${url}?itemq=370305005-2022-1`)).body, /<input type="hidden" name="itemId" value="\d+"/);
    // A wildcard typed into the box matches nothing special.
    assert.match((await op.get(`${url}?itemq=${encodeURIComponent('%')}`)).body, /f-itemq/);
    const before = (await h.tdb.db.selectFrom('ledger_evidence').select('id').execute()).length;
    const pick = await op.request('POST', `${url}/evidence`, { form: { kind: 'item', itemId: String(published) } });
    assert.equal(pick.statusCode, 303);
    assert.equal((await h.tdb.db.selectFrom('ledger_evidence').select('id').execute()).length, before + 1);
    // Leave the fixture as the next tests expect it (one item link).
    const newest = await h.tdb.db.selectFrom('ledger_evidence').select('id').where('measure_id', '=', measureId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    await h.tdb.db.deleteFrom('ledger_evidence').where('id', '=', newest.id).execute();
  });

  test('the evidence picker never shows another unit\'s 不予公开 or 依申请公开 items, not even their titles', async () => {
    const url = `${page}${ledgerId}/measures/${measureId}`;
    const other = await h.unitId('区住建局');
    const base = { area_id: h.areaId, unit_id: other, doc_number: '', item_type: 'general' as const, category_code: 'x', topic_code: null, body_html: '<p>x</p>', body_text: 'x',
      written_on: null, formed_on: '2022-06-01', published_at: null, withheld_basis: null, attribute_reason: null, status: 'published' as const, disclosure_days: 20, due_date: null,
      validity: null, valid_until: null, replaced_by_id: null, policy_item_id: null, interp_form: null, needs_interpretation: 0, interp_exempt_reason: null, next_review_on: null,
      privacy_json: null, created_by: null, created_at: '2022-06-01T00:00:00Z', updated_at: '2022-06-01T00:00:00Z' };
    await h.tdb.db.insertInto('info_items').values([
      { ...base, index_no: '370305006-2022-1', title: '住建局抽查计划内部审批单', attribute: 'withheld', withheld_basis: 'art16_process_info', attribute_reason: '过程性信息', published_on: null },
      { ...base, index_no: '370305006-2022-2', title: '住建局抽查计划名单明细', attribute: 'on_request', published_on: '2022-06-06' },
      { ...base, index_no: '370305006-2022-3', title: '住建局抽查计划公告', attribute: 'proactive', published_on: '2022-06-07' },
    ]).execute();
    const found = (await op.get(`${url}?itemq=${encodeURIComponent('住建局抽查计划')}`)).body;
    assert.match(found, /住建局抽查计划公告/, 'another unit\'s public item is offered');
    assert.doesNotMatch(found, /内部审批单|名单明细/);
    assert.doesNotMatch((await op.get(`${url}?itemq=370305006-2022-1`)).body, /370305006-2022-1（|内部审批单/);
  });

  test('files are stored under the data dir and served to the unit, the office and the auditor only', async () => {
    await op.get(`${page}${ledgerId}/measures/${measureId}`);
    // The upload form carries its CSRF token in the multipart body, not in the URL.
    assert.doesNotMatch((await op.get(`${page}${ledgerId}/measures/${measureId}`)).body, /evidence-file\?_csrf=/);
    const exe = multipart('setup.exe', Buffer.from('MZ'), { _csrf: op.csrf, fileLabel: '程序' });
    const refused = await op.request('POST', `${page}${ledgerId}/measures/${measureId}/evidence-file`, { payload: exe.payload, headers: exe.headers });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /不支持的文件类型.exe/);
    const forged = multipart('抽查计划.pdf', Buffer.from('%PDF-1.4 test'), { _csrf: 'forged-token', fileLabel: '抽查计划文件' });
    assert.equal((await op.request('POST', `${page}${ledgerId}/measures/${measureId}/evidence-file`, { payload: forged.payload, headers: forged.headers })).statusCode, 403, 'a wrong body token is refused');
    assert.equal((await h.tdb.db.selectFrom('ledger_evidence').select('id').where('kind', '=', 'file').execute()).length, 0, 'and nothing stored');
    const withToken = multipart('抽查计划.pdf', Buffer.from('%PDF-1.4 test'), { _csrf: op.csrf, fileLabel: '抽查计划文件' });
    const up = await followRedirect(op, await op.request('POST', `${page}${ledgerId}/measures/${measureId}/evidence-file`, { payload: withToken.payload, headers: withToken.headers }));
    const pdf = multipart('抽查计划.pdf', Buffer.from('%PDF-1.4 test'), { fileLabel: '抽查计划文件' });
    assert.equal(up.statusCode, 200, up.body.slice(0, 500));
    assert.match(up.body, /已上传佐证材料/);
    const ev = await h.tdb.db.selectFrom('ledger_evidence').selectAll().where('kind', '=', 'file').executeTakeFirstOrThrow();
    assert.equal(ev.file_name, '抽查计划.pdf');
    assert.match(ev.storage_key!, /^uploads[\\/]ledger[\\/]2022[\\/]/);
    assert.ok(existsSync(join(h.tdb.dataDir, ev.storage_key!)));
    assert.equal(ev.sha256?.length, 64);
    const url = `${page}${ledgerId}/evidence/${ev.id}`;
    for (const [who, status] of [[USERS.operator.username, 200], [USERS.admin.username, 200], [USERS.auditor.username, 200], [USERS.otherOperator.username, 404], [LEAD_USERS.justice.username, 404]] as const) {
      const r = await (await h.login(who)).get(url);
      assert.equal(r.statusCode, status, who);
      if (status === 200) {
        assert.equal(r.body, '%PDF-1.4 test');
        assert.match(String(r.headers['content-disposition']), /attachment/);
      }
    }
    // Without the CSRF token the upload is refused.
    const noToken = await op.request('POST', `${page}${ledgerId}/measures/${measureId}/evidence-file`, { payload: pdf.payload, headers: pdf.headers });
    assert.equal(noToken.statusCode, 403);
    // The API takes a multipart upload as well.
    await op.get('/console');
    const api = await op.request('POST', `/api/v1/ledgers/${ledgerId}/measures/${measureId}/evidence`, { payload: pdf.payload, headers: { ...pdf.headers, 'x-csrf-token': op.csrf } });
    assert.equal(api.statusCode, 201);
  });

  test('the ledger shows its evidence; removing it is audited', async () => {
    const view = await op.get(`${page}${ledgerId}`);
    assert.match(view.body, /抽查计划文件（文件）/);
    const ev = await h.tdb.db.selectFrom('ledger_evidence').selectAll().where('kind', '=', 'item').executeTakeFirstOrThrow();
    await op.get(`${page}${ledgerId}/measures/${measureId}`);
    const del = await op.request('POST', `${page}${ledgerId}/evidence/${ev.id}/delete`, { form: {} });
    assert.equal(del.statusCode, 303);
    const auditor = await h.login(USERS.auditor.username);
    await auditor.get('/console');
    assert.equal((await auditor.request('DELETE', `/api/v1/ledgers/${ledgerId}/evidence/${ev.id}`, { json: {} })).statusCode, 403);
    assert.ok(await h.tdb.db.selectFrom('audit_log').select('id').where('action', '=', 'ledger.evidence.remove').executeTakeFirst());
  });
});
