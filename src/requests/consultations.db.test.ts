// Written 征求意见函 (arts. 32, 34) on both engines: the letter pauses the clock, a second party joins the pause,
// the answers resume it; bad input writes nothing; the party's details stay in the console.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getCalendar } from '../calendar/public.js';
import { setNowForTests } from '../lib/time.js';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';
import { sendConsultation } from './consultation-letters.js';
import { addEvent, createRequest } from './requests.service.js';

describe('征求意见函', () => {
  let h: Harness;
  let office: Agent;
  let fin: number;
  before(async () => {
    h = await createHarness();
    office = await h.login(USERS.admin.username);
    fin = await h.unitId('区财政局');
  });
  afterEach(() => setNowForTests(null));
  after(async () => { await h.close(); });
  const db = () => h.tdb.db;
  const row = (id: number) => db().selectFrom('info_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const letters = (id: number) => db().selectFrom('info_request_consultations').selectAll().where('request_id', '=', id).orderBy('id').execute();
  const party = { partyKind: 'third_party', partyName: '某环保科技有限公司 lkqpartymark', partyAddress: '临淄区某路 lkqpartyaddr', partyContact: '0533-7000001', matter: '环评报告含有企业的工艺参数，可能涉及商业秘密' };

  test('the first letter pauses the clock, a second party joins the pause, the last answer resumes it; letter printable and .docx', async () => {
    setNowForTests(new Date('2022-11-30T02:00:00Z'));
    const { id, due } = await createRequest(h.ctx, { unit: fin, channel: 'in_person', receivedOn: '2022-09-28', applicant: { type: 'natural', name: '陈一' }, description: '某公司建设项目环评报告' });
    assert.equal(due, '2022-10-31');
    const page = await office.get(`/console/requests/${id}`);
    assert.match(page.body, /生成征求意见函并登记发函/);
    const r = await office.request('POST', `/console/requests/${id}/consultations`, { form: { sentOn: '2022-09-30', ...party } });
    assert.equal(r.statusCode, 303, r.body.slice(0, 400));
    const cal = await getCalendar(db(), h.areaId);
    const [first] = await letters(id);
    assert.ok(first);
    assert.equal(first.answer_due, cal.addWorkingDays('2022-09-30', 15));
    assert.equal(first.doc_number, '临淄依申征〔2022〕1号');
    assert.equal(first.party_address, party.partyAddress);
    const paused = await row(id);
    assert.equal(paused.state, 'paused');
    assert.equal(paused.due_on, null);
    assert.equal(paused.consultation_until, first.answer_due, 'the clock resumes by itself on the letter\'s answer day');
    const letterPage = await office.get(`/console/requests/${id}/consultations/${first.id}`);
    assert.equal(letterPage.statusCode, 200);
    assert.match(letterPage.body, /政府信息公开征求意见函/);
    assert.match(letterPage.body, /第三十二条/);
    assert.match(letterPage.body, new RegExp(`${first.answer_due}前`));
    assert.doesNotMatch(letterPage.body.split('gk-letter')[1] ?? '', /陈一/, 'the letter does not name the applicant');
    const docx = await office.get(`/console/requests/${id}/consultations/${first.id}/docx`);
    assert.equal(docx.statusCode, 200);
    assert.match(String(docx.headers['content-type']), /wordprocessingml/);
    assert.match(String(docx.headers['cache-control']), /no-store/);
    // A co-producing agency in the same consultation: no second pause.
    const second = await office.request('POST', `/console/requests/${id}/consultations`, { form: { sentOn: '2022-10-10', partyKind: 'agency', partyName: '区生态环境分局', matter: '报告由两机关共同制作' } });
    assert.equal(second.statusCode, 303);
    const both = await letters(id);
    assert.equal(both.length, 2);
    assert.equal(both[1]!.event_seq, both[0]!.event_seq);
    assert.equal(both[1]!.doc_number, '临淄依申征〔2022〕2号');
    assert.match((await office.get(`/console/requests/${id}/consultations/${both[1]!.id}`)).body, /第三十四条[\s\S]*视为同意公开/);
    const starts = await db().selectFrom('info_request_events').select('id').where('request_id', '=', id).where('type', '=', 'consultation_started').execute();
    assert.equal(starts.length, 1);
    // The events and the audit record do not carry the party's details.
    const events = await db().selectFrom('info_request_events').select(['note', 'data_json']).where('request_id', '=', id).execute();
    for (const e of events) assert.doesNotMatch(`${e.note ?? ''}${e.data_json ?? ''}`, /lkqparty/);
    const audit = await db().selectFrom('audit_log').select('after_json').where('action', '=', 'request.consultation_letter').where('entity_id', '=', String(id)).execute();
    assert.equal(audit.length, 2);
    for (const a of audit) assert.doesNotMatch(a.after_json ?? '', /lkqparty/);

    // Answers: an objection needs its reasons; the first answer leaves the clock paused, the last resumes it.
    const noReason = await office.request('POST', `/console/requests/${id}/consultations/answer`, { form: { consultation: String(both[0]!.id), answeredOn: '2022-10-12', answer: 'objection' } });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /不同意公开的，请登记/);
    assert.equal((await letters(id))[0]!.answered_on, null, 'nothing written');
    const early = await office.request('POST', `/console/requests/${id}/consultations/answer`, { form: { consultation: String(both[0]!.id), answeredOn: '2022-09-29', answer: 'consent' } });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /不能早于发函日期/);
    assert.equal((await office.request('POST', `/console/requests/${id}/consultations/answer`, { form: { consultation: String(both[0]!.id), answeredOn: '2022-10-12', answer: 'objection', answerNote: '涉及商业秘密' } })).statusCode, 303);
    assert.equal((await row(id)).state, 'paused');
    assert.equal((await office.request('POST', `/console/requests/${id}/consultations/answer`, { form: { consultation: String(both[1]!.id), answeredOn: '2022-10-14', answer: 'consent' } })).statusCode, 303);
    const resumed = await row(id);
    assert.equal(resumed.state, 'running');
    // Paused from 2022-09-30 to 2022-10-14: the 20 working days continue with what was left.
    const ended = await db().selectFrom('info_request_events').selectAll().where('request_id', '=', id).where('type', '=', 'consultation_ended').executeTakeFirstOrThrow();
    assert.equal(ended.on_date, '2022-10-14');
    assert.ok(resumed.due_on! > '2022-10-31', `due moved on: ${resumed.due_on}`);
    assert.equal((await office.request('POST', `/console/requests/${id}/consultations/answer`, { form: { consultation: String(both[1]!.id), answeredOn: '2022-10-14', answer: 'consent' } })).statusCode, 409, 'answered once');
    const shown = await office.get(`/console/requests/${id}`);
    assert.match(shown.body, /不同意公开（2022-10-12）：涉及商业秘密/);
  });

  test('bad input and wrong states write nothing; other units cannot see the letters; the API sends letters too', async () => {
    setNowForTests(new Date('2022-11-30T02:00:00Z'));
    const { id } = await createRequest(h.ctx, { unit: fin, channel: 'in_person', receivedOn: '2022-09-28', applicant: { type: 'natural', name: '陈二' }, description: '某项目资金拨付' });
    const bad = await office.request('POST', `/console/requests/${id}/consultations`, { form: { sentOn: '2022-09-30', partyKind: 'third_party', matter: '' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /请填写征求意见对象/);
    const future = await office.request('POST', `/console/requests/${id}/consultations`, { form: { ...party, sentOn: '2023-01-05' } });
    assert.equal(future.statusCode, 400);
    const beforeReceipt = await office.request('POST', `/console/requests/${id}/consultations`, { form: { ...party, sentOn: '2022-09-20' } });
    assert.equal(beforeReceipt.statusCode, 409, 'the clock refuses a date before the receipt');
    assert.equal((await letters(id)).length, 0);
    assert.equal((await row(id)).state, 'running');
    const other = await h.login(USERS.otherOperator.username);
    const api = await office.request('POST', `/api/v1/requests/${id}/consultations`, { json: { ...party, sentOn: '2022-09-29' } });
    assert.equal(api.statusCode, 201, api.body);
    const { consultationId } = (JSON.parse(api.body) as { data: { consultationId: number } }).data;
    assert.equal((await other.get(`/console/requests/${id}/consultations/${consultationId}`)).statusCode, 404);
    assert.equal((await other.get(`/console/requests/${id}/consultations/${consultationId}/docx`)).statusCode, 404);
    const answer = await office.request('POST', `/api/v1/requests/${id}/consultations/${consultationId}/answer`, { json: { answeredOn: '2022-10-10', answer: 'consent' } });
    assert.equal(answer.statusCode, 200);
    assert.deepEqual(JSON.parse(answer.body), { data: { resumed: true } });
    await addEvent(h.ctx, id, { type: 'replied', on: '2022-10-20', outcome: 'disclosed' });
    const closed = await office.request('POST', `/api/v1/requests/${id}/consultations`, { json: { ...party, sentOn: '2022-10-21' } });
    assert.equal(closed.statusCode, 409);
    assert.equal((await letters(id)).length, 1);
  });
  test('letters sent at the same moment in one area get consecutive numbers (no unique-index failure)', async () => {
    setNowForTests(new Date('2022-11-30T02:00:00Z'));
    const ids: number[] = [];
    for (const n of [1, 2, 3, 4]) ids.push((await createRequest(h.ctx, { unit: fin, channel: 'in_person', receivedOn: '2022-11-01', applicant: { type: 'natural', name: `并发${n}` }, description: `并发征求意见 ${n}` })).id);
    const sent = await Promise.all(ids.map((id) => sendConsultation(h.ctx, id, { ...party, sentOn: '2022-11-03' })));
    const seqs = sent.map((s) => Number(/〔2022〕(\d+)号/.exec(s.docNumber)![1])).sort((a, b) => a - b);
    assert.equal(new Set(seqs).size, 4, `distinct numbers: ${seqs.join(',')}`);
    assert.equal(seqs[3]! - seqs[0]!, 3, `consecutive numbers: ${seqs.join(',')}`);
    const all = await db().selectFrom('info_request_consultations').select('doc_number').where('area_id', '=', h.areaId).where('sent_on', '>=', '2022-01-01').execute();
    assert.equal(Math.max(...all.map((a) => Number(/〔2022〕(\d+)号/.exec(a.doc_number)![1]))), all.length, 'the series has no gaps');
    for (const id of ids) assert.equal((await row(id)).state, 'paused');
  });
});
