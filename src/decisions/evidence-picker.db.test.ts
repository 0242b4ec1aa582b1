// The 证明材料 of a stage is chosen with the item picker, not a typed number (issue 19): without JavaScript a GET
// search lists published items as radios of the advance form (POST field evidenceItemId as before); a failed
// POST keeps the choice; items the staff member may not choose are not offered. Both engines.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setNowForTests } from '../lib/time.js';
import { insertItem } from '../search/search.fixtures.js';
import { actorCtx } from '../disclosure/items.fixtures.js';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import * as cat from './catalog.service.js';

describe('decisions console: 证明材料 picker without JavaScript', () => {
  let h: Harness;
  before(async () => {
    setNowForTests(new Date('2026-11-10T04:00:00Z'));
    h = await createHarness();
  });
  after(async () => {
    setNowForTests(null);
    await h.close();
  });

  test('search, choose a radio, complete the stage; a bad date keeps the choice; drafts are not offered', async () => {
    const admin = await actorCtx(h, USERS.admin.username);
    const unit = await h.unitId('区住建局');
    const draft = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: unit, title: '城区停车管理办法（草案）起草说明', published_on: '2026-11-01' });
    const unpublished = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: unit, title: '城区停车管理办法（内部稿）', status: 'draft', published_on: null });
    const d = await cat.createDecision(admin, { year: 2026, name: '城区停车管理办法', category: '1', decisionBody: '区人民政府', leadUnit: '区住建局', plannedOn: '2026-12-31', hearing: false, steps: 'public,legality,collective' });
    const a = await h.login(USERS.admin.username);
    const page = await a.get(`/console/decisions/${d.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<form method="get" action="\/console\/decisions\/\d+#h-advance"[^>]*role="search"/);
    assert.doesNotMatch(page.body, /name="evidenceItemId" type="text"|信息编号）/, 'no typed number any more');

    const found = await a.get(`/console/decisions/${d.id}?eq=${encodeURIComponent('停车管理办法')}`);
    assert.equal(found.statusCode, 200);
    const form = /<form method="post" action="\/console\/decisions\/\d+\/advance"[\s\S]*?<\/form>/.exec(found.body)![0];
    assert.match(form, new RegExp(`type="radio" name="evidenceItemId" value="${draft}"`), 'the published item is a radio of the advance form');
    assert.match(form, /城区停车管理办法（草案）起草说明（/);
    assert.doesNotMatch(form, new RegExp(`value="${unpublished}"`), 'a draft item is not offered');

    const bad = await a.request('POST', `/console/decisions/${d.id}/advance`, { form: { evidenceItemId: String(draft), completedOn: 'x' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, new RegExp(`type="radio" name="evidenceItemId" value="${draft}"[^>]*checked`), 'the choice is kept');

    const none = await a.request('POST', `/console/decisions/${d.id}/advance`, { form: { completedOn: '2026-11-10' } });
    assert.equal(none.statusCode, 409);
    assert.match(none.body, /须附证明材料/);

    const ok = await a.request('POST', `/console/decisions/${d.id}/advance`, { form: { evidenceItemId: String(draft), completedOn: '2026-11-10' } });
    assert.ok(ok.statusCode < 400, ok.body.slice(0, 300));
    const row = await h.tdb.db.selectFrom('decision_events').select(['evidence_item_id']).where('decision_id', '=', d.id).where('kind', '=', 'stage').executeTakeFirstOrThrow();
    assert.equal(row.evidence_item_id, draft);
  });

  test('登记征求意见: 草案全文 and 起草说明 found by two GET searches (each keeps the other) and chosen as radios', async () => {
    const unit = await h.unitId('区住建局');
    const text = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: unit, title: '物业管理条例实施办法（征求意见稿）', published_on: '2026-11-01' });
    const expl = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: unit, title: '关于物业管理条例实施办法的起草说明', published_on: '2026-11-01' });
    const a = await h.login(USERS.admin.username);
    const page = await a.get(`/console/decisions?dq=${encodeURIComponent('征求意见稿')}&xq=${encodeURIComponent('起草说明')}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /信息编号/, 'no typed numbers any more');
    assert.match(page.body, /<input type="hidden" name="xq" value="起草说明"/, 'the draft search keeps the explanation search');
    const form = /<form method="post" action="\/console\/consultations"[\s\S]*?<\/form>/.exec(page.body)![0];
    assert.match(form, new RegExp(`name="draftItemId" value="${text}"`));
    assert.match(form, new RegExp(`name="explanationItemId" value="${expl}"`));
    const bad = await a.request('POST', '/console/consultations', { form: { title: '', kind: 'other', unit: '区住建局', opensOn: '2026-11-10', closesOn: '2026-12-20', draftItemId: String(text), explanationItemId: '' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, new RegExp(`name="draftItemId" value="${text}"[^>]*checked`), 'a failed POST keeps the choice');
    const ok = await a.request('POST', '/console/consultations', { form: { title: '物业管理条例实施办法征求意见', kind: 'other', unit: '区住建局', opensOn: '2026-11-10', closesOn: '2026-12-20', draftItemId: String(text), explanationItemId: String(expl) } });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    const c = await h.tdb.db.selectFrom('consultations').select(['draft_item_id', 'explanation_item_id']).where('title', '=', '物业管理条例实施办法征求意见').executeTakeFirstOrThrow();
    assert.deepEqual(c, { draft_item_id: text, explanation_item_id: expl });
  });
});
