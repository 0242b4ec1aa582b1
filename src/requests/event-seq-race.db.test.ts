// Concurrent writers of the SAME request (events, 征求意见函, answers) queue up on the request row: every event lands
// with its own sequence number, nothing is lost, and each writer sees the events committed before it. On PostgreSQL
// the transactions run on separate pooled connections at the same instant; SQLite serialises writers anyway.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setNowForTests } from '../lib/time.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { answerConsultation, sendConsultation } from './consultation-letters.js';
import { assignRequest } from './console.service.js';
import { addEvent, createRequest } from './requests.service.js';

const N = 8;

describe('per-request event sequence under concurrent writers', () => {
  let h: Harness;
  let fin: number;
  before(async () => {
    h = await createHarness();
    fin = await h.unitId('区财政局');
  });
  afterEach(() => setNowForTests(null));
  after(async () => { await h.close(); });
  const events = (id: number) => h.tdb.db.selectFrom('info_request_events').select(['seq', 'type']).where('request_id', '=', id).orderBy('seq').execute();
  const party = (n: number) => ({ partyKind: 'third_party', partyName: `并发第三方${n}`, matter: '可能涉及商业秘密' });

  test(`${N} events written at the same instant all land, with distinct consecutive sequence numbers`, async () => {
    setNowForTests(new Date('2022-10-10T02:00:00Z'));
    const { id } = await createRequest(h.ctx, { unit: fin, channel: 'in_person', receivedOn: '2022-09-28', applicant: { type: 'natural', name: '并发' }, description: '并发写事件' });
    const before = (await events(id)).length;
    const results = await Promise.allSettled(Array.from({ length: N }, () => assignRequest(h.ctx, id, { unitId: fin })));
    assert.deepEqual(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason)), []);
    const after = await events(id);
    assert.equal(after.length, before + N, 'nothing lost');
    assert.deepEqual(after.map((e) => e.seq), after.map((_, i) => i + 1), 'distinct, consecutive');
  });

  test(`${N} 征求意见函 sent at the same instant: one pause, every letter joins it, distinct 文号`, async () => {
    setNowForTests(new Date('2022-11-10T02:00:00Z'));
    const { id } = await createRequest(h.ctx, { unit: fin, channel: 'in_person', receivedOn: '2022-11-01', applicant: { type: 'natural', name: '并发函' }, description: '并发征求意见' });
    const results = await Promise.allSettled(Array.from({ length: N }, (_, n) => sendConsultation(h.ctx, id, { ...party(n), sentOn: '2022-11-03' })));
    assert.deepEqual(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason)), []);
    const ev = await events(id);
    const started = ev.filter((e) => e.type === 'consultation_started');
    assert.equal(started.length, 1, 'one pause for all letters');
    const letters = await h.tdb.db.selectFrom('info_request_consultations').select(['id', 'event_seq', 'doc_number']).where('request_id', '=', id).execute();
    assert.equal(letters.length, N);
    assert.deepEqual([...new Set(letters.map((l) => l.event_seq))], [started[0]!.seq]);
    assert.equal(new Set(letters.map((l) => l.doc_number)).size, N);
    // The last answers arriving at the same instant: the clock resumes exactly once.
    for (const l of letters.slice(0, -2)) await answerConsultation(h.ctx, id, l.id, { answeredOn: '2022-11-07', answer: 'consent' });
    const last = await Promise.allSettled(letters.slice(-2).map((l) => answerConsultation(h.ctx, id, l.id, { answeredOn: '2022-11-08', answer: 'consent' })));
    assert.deepEqual(last.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason)), []);
    const ended = (await events(id)).filter((e) => e.type === 'consultation_ended');
    assert.equal(ended.length, 1, 'resumed once, not never');
    const row = await h.tdb.db.selectFrom('info_requests').select('state').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.state, 'running');
  });

  test('two extensions at the same instant: the clock accepts one and refuses the other (nothing else written)', async () => {
    setNowForTests(new Date('2022-10-20T02:00:00Z'));
    const { id } = await createRequest(h.ctx, { unit: fin, channel: 'in_person', receivedOn: '2022-09-28', applicant: { type: 'natural', name: '并发延期' }, description: '并发延期' });
    const before = (await events(id)).length;
    const r = await Promise.allSettled([1, 2].map(() => addEvent(h.ctx, id, { type: 'extended', on: '2022-10-20', days: 10, approver: '王主任' })));
    assert.equal(r.filter((x) => x.status === 'fulfilled').length, 1);
    const refused = r.find((x) => x.status === 'rejected') as PromiseRejectedResult;
    assert.match(String((refused.reason as { code?: string }).code), /request_/);
    assert.equal((await events(id)).length, before + 1);
  });
});
