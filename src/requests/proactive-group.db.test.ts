// Art. 44 on both engines: the draft created from one request links EVERY request of its group received before the
// draft existed — the other applicants' released ones that made the count, the same applicant's repeat, other
// applicants' requests still open, and similar requests submitted after the one the staff started from.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';
import { addEvent, createRequest } from './requests.service.js';

describe('art. 44 draft links the whole group', () => {
  let h: Harness;
  let office: Agent;
  let hc: number;
  before(async () => {
    h = await createHarness();
    office = await h.login(USERS.admin.username);
    hc = await h.unitId('区住建局');
  });
  after(async () => { await h.close(); });
  const text = '临淄区2022年农村公路养护工程资金分配方案';
  const mk = async (name: string, receivedOn: string, outcome?: string, description = text) => {
    const r = await createRequest(h.ctx, { unit: hc, channel: 'in_person', receivedOn, applicant: { type: 'natural', name, phone: `138${String([...name].reduce((n, ch) => n + ch.charCodeAt(0), 0)).padStart(8, '0')}` }, description });
    if (outcome) await addEvent(h.ctx, r.id, { type: 'replied', on: '2022-03-20', outcome });
    return r.id;
  };

  test('every similar request received before the draft is linked to it, unrelated ones are not', async () => {
    const a = await mk('孙一', '2022-03-01', 'disclosed');
    const aRepeat = await mk('孙一', '2022-03-02', undefined, `再次申请：${text}`);
    const open = await mk('王二', '2022-03-03');
    const b = await mk('李三', '2022-03-04', 'partial');
    const c = await mk('周四', '2022-03-07');
    const later = await mk('吴五', '2022-03-09');
    const unrelated = await mk('郑六', '2022-03-08', 'disclosed', '某街道2022年垃圾分类宣传经费');
    // Staff start from c: a and b (other applicants, released) and c itself reach the threshold of 3.
    const page = await office.get(`/console/requests/${c}`);
    assert.match(page.body, /生成主动公开草稿/);
    const ok = await office.request('POST', `/console/requests/${c}/proactive`, { form: { title: '农村公路养护工程资金分配方案', body: `${text}。` } });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    const links = await h.tdb.db.selectFrom('info_request_proactive_items').select(['request_id', 'item_id']).orderBy('request_id').execute();
    assert.deepEqual(links.map((l) => l.request_id), [a, aRepeat, open, b, c, later].sort((x, y) => x - y));
    assert.equal(new Set(links.map((l) => l.item_id)).size, 1);
    assert.ok(!links.some((l) => l.request_id === unrelated));
    const audited = await h.tdb.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'request.proactive_draft').execute();
    assert.deepEqual(audited.map((x) => Number(x.entity_id)).sort((x, y) => x - y), links.map((l) => l.request_id));
    // Each of them shows the draft and offers no second one.
    for (const id of [aRepeat, open, later]) {
      const body = (await office.get(`/console/requests/${id}`)).body;
      assert.match(body, new RegExp(`href="/console/items/${links[0]!.item_id}"`), `request ${id}`);
      assert.doesNotMatch(body, /生成主动公开草稿/);
    }
  });
});
