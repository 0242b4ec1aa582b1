// Issue 14: ledger measures of plan tasks 32–35 cite decision catalog items, consultations, 列席 meetings
// and 开放日 of the decisions module as evidence (kind participation): only records of the ledger's area
// with a public page, one identical refusal otherwise, audited; shown as a link with a one-line status.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { USERS, type Agent } from '../test-support/harness.js';
import { setNowForTests } from '../lib/time.js';
import * as svc from './ledger.service.js';
import { exportLedger } from './ledger-excel.js';
import { createLedgerHarness, followRedirect, rowsOf, type LedgerHarness } from './ledger-test-setup.js';

describe('ledger evidence citing decisions, consultations, meetings and open days', () => {
  let h: LedgerHarness;
  let op: Agent;
  let ledgerId = 0;
  let measureId = 0;
  const ids: Record<string, number> = {};
  const at = '2022-01-01T00:00:00Z';
  before(async () => {
    setNowForTests(new Date('2022-06-20T02:00:00Z'));
    h = await createLedgerHarness();
    op = await h.login(USERS.operator.username);
    const unit = await h.unitId('区财政局');
    ledgerId = await svc.createLedger(h.sys, { planId: h.planId, unitId: unit });
    const [r1] = await rowsOf(h, ledgerId);
    measureId = await svc.addMeasure(h.sys, ledgerId, r1!.id, { content: '组织重大行政决策公众参与' });
    const db = h.tdb.db;
    // Another area: the city (淄博市) is an area of its own.
    const other = (await db.selectFrom('units').select('id').where('id', '<>', h.areaId).whereRef('area_id', '=', 'id').executeTakeFirstOrThrow()).id;
    const decision = (area: number, name: string) => ({
      area_id: area, year: 2022, name, category: '1', decision_body: '区政府', lead_unit_id: unit, supporting_units: '', legal_basis: '《重大行政决策程序暂行条例》',
      planned_on: '2022-09-30', hearing: 0, steps: 'public,legality,collective', status: 'consultation', status_since: '2022-05-01T00:00:00Z', created_at: at, updated_at: at,
    });
    ids.decision = (await db.insertInto('decisions').values(decision(h.areaId, '临淄区养老服务设施布局规划')).returning('id').executeTakeFirstOrThrow()).id;
    ids.otherDecision = (await db.insertInto('decisions').values(decision(other, '市级养老服务设施规划（外区）')).returning('id').executeTakeFirstOrThrow()).id;
    const consultation = (area: number, title: string) => ({
      area_id: area, unit_id: unit, decision_id: null, title, kind: 'major_decision' as const, opens_on: '2022-05-01', closes_on: '2022-05-31', shortening_reason: null,
      channels: '网站', draft_item_id: null, explanation_item_id: null, report_json: JSON.stringify({
        consultationId: 0, title, opensOn: '2022-05-01', closesOn: '2022-05-31', generatedAt: '2022-06-10T00:00:00Z',
        totals: { received: 12, published: 10, withheld: 2, pending: 0, groups: 0, concentrated: 0, concentratedMinSize: 10 },
        byTopic: [], byDisposition: { adopted: 0, partly: 0, not_adopted: 0, out_of_scope: 0 }, entries: [],
      }), report_published_at: '2022-06-10T00:00:00Z', created_by: null, created_at: at, updated_at: at,
      n_published: 10, n_withheld: 2, n_pending: 0,
    });
    ids.consultation = (await db.insertInto('consultations').values(consultation(h.areaId, '养老服务设施布局规划（征求意见稿）')).returning('id').executeTakeFirstOrThrow()).id;
    ids.otherConsultation = (await db.insertInto('consultations').values(consultation(other, '养老服务设施外区征求意见')).returning('id').executeTakeFirstOrThrow()).id;
    ids.meeting = (await db.insertInto('meetings').values({
      area_id: h.areaId, decision_id: ids.decision, title: '区政府常务会议养老服务议题（列席）', meeting_on: '2022-06-15', signup_opens_on: '2022-06-01', signup_closes_on: '2022-06-10',
      seats: 2, rules: '公开随机抽取', method: 'draw', seed: 's', draw_list_json: '[]', manual_reason: null, selected_at: at, created_at: at, place: null, bring: null,
    }).returning('id').executeTakeFirstOrThrow()).id;
    await db.insertInto('meeting_signups').values([1, 2, 3].map((i) => ({
      meeting_id: ids.meeting!, name: `报名人${i}`, contact: `1390000000${i}`, category: 'public', reason: '关心养老', consent_publish: 0, selected: i < 3 ? 1 : 0, opinion: null, disposition: null, disposition_reason: null, created_at: at,
    }))).execute();
    ids.openDay = (await db.insertInto('open_days').values({
      area_id: h.areaId, unit_id: unit, title: '养老服务中心政府开放日', held_on: '2022-06-18', place: '区养老服务中心', capacity: 30, signup_closes_on: '2022-06-15', created_at: at, bring: null,
    }).returning('id').executeTakeFirstOrThrow()).id;
    await db.insertInto('open_day_signups').values([
      { open_day_id: ids.openDay!, name: '甲', contact: 'a@example.cn', status: 'confirmed', attended: 1, suggestion: '增加助餐点', disposition: 'adopted', disposition_reason: '已采纳', created_at: at },
      { open_day_id: ids.openDay!, name: '乙', contact: 'b@example.cn', status: 'confirmed', attended: 1, suggestion: null, disposition: null, disposition_reason: null, created_at: at },
    ]).execute();
    await op.get(`/console/ledgers/${ledgerId}/measures/${measureId}`);
  });
  after(async () => {
    setNowForTests(null);
    await h.close();
  });

  const cite = (target: string, targetId: unknown) =>
    op.request('POST', `/api/v1/ledgers/${ledgerId}/measures/${measureId}/evidence`, { json: { kind: 'participation', target, targetId } });
  const evidenceRows = () => h.tdb.db.selectFrom('ledger_evidence').selectAll().where('ledger_id', '=', ledgerId).orderBy('id').execute();

  test("another area's record, a missing one and a wrong kind for an id get one identical refusal; nothing written", async () => {
    const answers: string[] = [];
    for (const [target, id] of [['consultation', ids.otherConsultation], ['decision', ids.otherDecision], ['consultation', 999_999], ['open_day', ids.meeting! + 1000], ['meeting', ids.openDay! + 1000]] as const) {
      const r = await cite(target, id);
      assert.equal(r.statusCode, 400, `${target} ${id}`);
      answers.push(JSON.stringify(r.json().error));
    }
    assert.equal(new Set(answers).size, 1, `identical errors, got ${answers.join(' | ')}`);
    assert.match(answers[0]!, /"targetId":"未找到该编号的公开记录"/);
    const bad = await cite('item', ids.decision);
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().error.fields.target, 'an unknown target is a field error');
    assert.equal((await cite('decision', '0x1')).statusCode, 400, 'strict numbers');
    assert.equal((await evidenceRows()).length, 0);
    assert.equal((await h.tdb.db.selectFrom('audit_log').select('id').where('action', '=', 'ledger.evidence.add').execute()).length, 0);
  });

  test('the API cites each of the four kinds (201), stored with target and public link, audited', async () => {
    for (const [target, key] of [['decision', 'decision'], ['consultation', 'consultation'], ['meeting', 'meeting'], ['open_day', 'openDay']] as const) {
      const r = await cite(target, ids[key]);
      assert.equal(r.statusCode, 201, r.body);
      assert.ok(r.json().data.id > 0);
    }
    const rows = await evidenceRows();
    assert.deepEqual(rows.map((e) => [e.kind, e.target, e.target_id, e.url]), [
      ['participation', 'decision', ids.decision, `/decisions/${ids.decision}`],
      ['participation', 'consultation', ids.consultation, `/consultations/${ids.consultation}/feedback`],
      ['participation', 'meeting', ids.meeting, `/meetings/${ids.meeting}`],
      ['participation', 'open_day', ids.openDay, `/open-days/${ids.openDay}`],
    ]);
    assert.equal(rows[1]!.label, '征求意见：养老服务设施布局规划（征求意见稿）');
    const audits = await h.tdb.db.selectFrom('audit_log').select(['after_json', 'entity_id']).where('action', '=', 'ledger.evidence.add').orderBy('id').execute();
    assert.equal(audits.length, 4);
    assert.deepEqual(audits.map((a) => JSON.parse(a.after_json!).target), ['decision', 'consultation', 'meeting', 'open_day']);
    assert.equal(audits[0]!.entity_id, String(measureId));
    const view = (await op.get(`/api/v1/ledgers/${ledgerId}`)).json().data;
    const ev = view.rows[0].measures[0].evidence;
    assert.equal(ev.length, 4);
    assert.equal(ev[1].part_status, '征求意见 2022-05-01 至 2022-05-31，收到意见12条，已公布采纳情况');
  });

  test('the measure and ledger pages show each citation as a link to its public page with a one-line status', async () => {
    for (const url of [`/console/ledgers/${ledgerId}/measures/${measureId}`, `/console/ledgers/${ledgerId}`]) {
      const body = (await op.get(url)).body;
      assert.match(body, new RegExp(`<a href="/consultations/${ids.consultation}/feedback">征求意见：养老服务设施布局规划（征求意见稿）</a><span class="gk-hint">（征求意见 2022-05-01 至 2022-05-31，收到意见12条，已公布采纳情况）`));
      assert.match(body, new RegExp(`<a href="/decisions/${ids.decision}">重大行政决策事项：临淄区养老服务设施布局规划</a><span class="gk-hint">（2022年度重大行政决策事项目录，当前环节：征求意见（2022-05-01起）`));
      assert.match(body, /列席会议 2022-06-15，报名3人，列席2人（公开抽取）/);
      assert.match(body, /政府开放日 2022-06-18，名额30人，参加2人，收到建议1条，已答复1条/);
      assert.doesNotMatch(body, /1390000000|a@example\.cn/, 'no participant contacts');
    }
    // The links lead to the public pages.
    for (const href of [`/decisions/${ids.decision}`, `/consultations/${ids.consultation}/feedback`, `/meetings/${ids.meeting}`, `/open-days/${ids.openDay}`]) {
      assert.equal((await h.agent().get(href)).statusCode, 200, href);
    }
  });

  test('the picker: a plain GET search lists the area\'s records (title, kind, dates, status), each with a 关联 button that cites it', async () => {
    const url = `/console/ledgers/${ledgerId}/measures/${measureId}`;
    const found = (await op.get(`${url}?partq=${encodeURIComponent('养老服务')}`)).body;
    assert.match(found, /找到4条记录/);
    assert.match(found, /<td data-label="类型">征求意见<\/td><td data-label="日期与状态">征求意见 2022-05-01 至 2022-05-31，收到意见12条，已公布采纳情况<\/td>/);
    assert.match(found, /<td data-label="类型">政府开放日<\/td>/);
    assert.doesNotMatch(found, /外区/, "another area's records are not offered");
    assert.match(found, new RegExp(`name="target" value="meeting"><input type="hidden" name="targetId" value="${ids.meeting}"`));
    assert.match((await op.get(`${url}?partq=${encodeURIComponent('没有这样的标题')}`)).body, /没有找到标题包含“没有这样的标题”的记录/);
    assert.match((await op.get(`${url}?partq=${encodeURIComponent('%')}`)).body, /没有找到标题包含“%”的记录/, 'a wildcard is a character');
    const before = (await evidenceRows()).length;
    const done = await followRedirect(op, await op.request('POST', `${url}/evidence`, { form: { kind: 'participation', target: 'open_day', targetId: String(ids.openDay) } }));
    assert.match(done.body, /已添加佐证材料/);
    assert.equal((await evidenceRows()).length, before + 1);
    const refused = await op.request('POST', `${url}/evidence`, { form: { kind: 'participation', target: 'consultation', targetId: String(ids.otherConsultation) } });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /未找到该编号的公开记录/);
    assert.doesNotMatch(refused.body, /外区/);
    assert.equal((await evidenceRows()).length, before + 1);
  });

  test('the 附件3 export lists the evidence (label and URL) on a 佐证材料 sheet, and the workbook still imports', async () => {
    const { buffer } = await exportLedger(h.sys, ledgerId);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(buffer).buffer);
    const sheet = wb.getWorksheet('佐证材料');
    assert.ok(sheet, `sheets: ${wb.worksheets.map((w) => w.name).join(',')}`);
    const lines: string[] = [];
    sheet.eachRow((r) => lines.push((r.values as unknown[]).slice(1).map((v) => (v && typeof v === 'object' && 'text' in v ? String((v as { text: string }).text) : String(v ?? ''))).join('|')));
    assert.ok(lines.some((l) => l.includes('征求意见：养老服务设施布局规划（征求意见稿）') && l.includes(`/consultations/${ids.consultation}/feedback`) && l.includes('收到意见12条，已公布采纳情况')), lines.join('\n'));
    assert.ok(lines.some((l) => l.includes('重大行政决策事项：临淄区养老服务设施布局规划') && l.includes(`/decisions/${ids.decision}`)));
    const imported = await op.request('POST', `/api/v1/ledgers/${ledgerId}/import`, multipartBody(buffer, op.csrf));
    assert.equal(imported.statusCode, 200, imported.body.slice(0, 500));
    assert.equal((await evidenceRows()).length, 5, 'evidence kept after the round trip');
  });
});

function multipartBody(data: Buffer, csrf: string) {
  const boundary = '----gkparticipation';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ledger.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    data, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'x-csrf-token': csrf } };
}
