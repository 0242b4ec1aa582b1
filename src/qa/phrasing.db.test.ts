// The learning loop of the insights page, on both engines: a question citizens asked that the engine did not answer
// becomes another phrasing of an existing entry, and the next one asking it that way gets the entry first. Bad input
// re-renders with Chinese field messages and changes nothing; only those who may publish the entry add phrasings.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';
import { insertItem } from '../search/search.fixtures.js';
import { answerQuestion } from './engine.js';
import { createEntry } from './entries.service.js';

const POLICY = ['第一条 为做好义务兵家庭优待工作，制定本办法。', '第二条 义务兵家庭优待金按照上年度城镇居民人均可支配收入的50%确定。', '第三条 优待金每年12月底前一次性发放。'].join('\n');
const ASKED = '娃去部队了家里有啥待遇';

describe('政策问答：把提问加为条目的问法', () => {
  let h: Harness;
  let admin: Agent;
  let entryId: number;
  before(async () => {
    h = await createHarness();
    admin = await h.login(USERS.admin.username);
    const item = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: await h.unitId('区财政局'), title: '临淄区义务兵家庭优待金发放办法', body_text: POLICY, item_type: 'normative', validity: 'valid', doc_number: '临退役发〔2024〕9号' });
    entryId = await createEntry(h.ctx, { question: '义务兵家庭优待金标准', answer: '按上年度城镇居民人均可支配收入的50%确定。', sources: [{ itemId: item, article: 2 }], status: 'published', ownerUnitId: await h.unitId('区财政局') });
  });
  after(async () => { await h.close(); });
  const ask = (q: string) => answerQuestion(h.tdb.db, h.tdb.dialect, h.areaId, q);
  const alts = async () => (await h.tdb.db.selectFrom('qa_entries').select('alt_questions').where('id', '=', entryId).executeTakeFirstOrThrow()).alt_questions;

  test('an unanswered question, added as a phrasing from the insights page, is answered by the entry next time', async () => {
    const before = await ask(ASKED);
    assert.ok(before.abstained || before.answers[0]?.entryId !== entryId, JSON.stringify(before.answers[0]));
    await h.agent().get(`/ask?q=${encodeURIComponent(ASKED)}`); // logged as asked
    const page = await admin.get('/console/qa/insights');
    const link = /href="(\/console\/qa\/insights\?phrase=[^"#]+)#phrasing"/.exec(page.body)?.[1];
    assert.ok(link, 'the question offers 加为已有条目的问法');
    const form = await admin.get(link.replace(/&amp;/g, '&'));
    assert.match(form.body, new RegExp(`name="question"[^>]*value="${ASKED}"`), 'the form is pre-filled with the question');
    assert.match(form.body, new RegExp(`<option value="${entryId}"`));
    const r = await admin.request('POST', '/console/qa/insights/phrasing', { form: { question: ASKED, entryId: String(entryId) } });
    assert.equal(r.statusCode, 303);
    assert.match(String(r.headers.location), new RegExp(`added=${entryId}`));
    assert.equal(await alts(), ASKED);
    const after = await ask(ASKED);
    assert.deepEqual([after.abstained, after.answers[0]?.kind, after.answers[0]?.entryId], [false, 'entry', entryId]);
    const audit = await h.tdb.db.selectFrom('audit_log').select(['action']).where('entity', '=', 'qa_entry').where('entity_id', '=', String(entryId)).execute();
    assert.ok(audit.some((a) => a.action === 'qa.entry.phrasing'), JSON.stringify(audit));
    const entry = await h.tdb.db.selectFrom('qa_entries').select('status').where('id', '=', entryId).executeTakeFirstOrThrow();
    assert.equal(entry.status, 'published', 'the answer did not change: still published');
  });

  test('bad input re-renders with 400 and a Chinese message; nothing changes', async () => {
    const was = await alts();
    await admin.get('/console/qa/insights');
    for (const [form, message] of [
      [{ question: '', entryId: String(entryId) }, /问法/],
      [{ question: '优待金什么时候发', entryId: '999999' }, /没有这个问答条目/],
      [{ question: '优待金什么时候发', entryId: 'abc' }, /问答条目/],
      [{ question: '义务兵家庭优待金标准？', entryId: String(entryId) }, /已经是该条目的问题或其他问法/],
      [{ question: 'x'.repeat(201), entryId: String(entryId) }, /问法/],
    ] as const) {
      const r = await admin.request('POST', '/console/qa/insights/phrasing', { form });
      assert.equal(r.statusCode, 400, JSON.stringify(form));
      assert.match(r.body, message);
      assert.match(r.body, /gk-field-error/);
      assert.doesNotMatch(r.body, /at [\w.]+ \(/, 'no stack trace');
    }
    assert.equal(await alts(), was);
  });

  test('the auditor and another unit\'s staff cannot add phrasings (403); the unit operator cannot to a published entry', async () => {
    const was = await alts();
    for (const u of [USERS.auditor, USERS.otherReviewer, USERS.operator]) {
      const a = await h.login(u.username);
      await a.get('/console/qa/insights');
      const r = await a.request('POST', '/console/qa/insights/phrasing', { form: { question: '优待金多久发一次', entryId: String(entryId) } });
      assert.equal(r.statusCode, 403, u.username);
    }
    const reviewer = await h.login(USERS.reviewer.username);
    await reviewer.get('/console/qa/insights');
    assert.equal((await reviewer.request('POST', '/console/qa/insights/phrasing', { form: { question: '优待金多久发一次', entryId: String(entryId) } })).statusCode, 303, 'the owner unit\'s reviewer may');
    assert.equal(await alts(), `${was}\n优待金多久发一次`);
  });
});
