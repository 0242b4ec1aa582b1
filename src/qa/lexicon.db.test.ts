// The area's lexicon on both engines: add, edit and delete a synonym in the console (admin only, field
// errors in Chinese with the input kept, a confirmation before deleting, audited), and the answers follow
// each change at once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import { insertItem } from '../search/search.fixtures.js';

describe('政策问答词典与同义词：修改与删除', () => {
  let h: Harness;
  let doc: number;
  before(async () => {
    h = await createHarness();
    doc = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: await h.unitId('区民政局'), title: '关于困难群众冬季取暖补助的通知', item_type: 'policy',
      body_text: '一、补助对象\n最低生活保障家庭和特困人员。\n二、补助标准\n每户一次性发放取暖补助300元。' });
  });
  after(async () => { await h.close(); });

  const Q = '烤火费给多少';
  const answersDoc = async () => {
    const r = JSON.parse((await h.agent().get(`/api/v1/public/answers?q=${encodeURIComponent(Q)}`)).body) as { abstained: boolean; answers: { itemId: number; article: number }[] };
    return !r.abstained && r.answers[0]?.itemId === doc && r.answers[0]?.article === 2;
  };
  const rows = () => h.tdb.db.selectFrom('qa_lexicon').selectAll().where('area_id', '=', h.areaId).orderBy('id').execute();
  const audits = (action: string) => h.tdb.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  test('edit: a wrong expansion is corrected and the next question uses it; delete (after confirming) takes it away again', async () => {
    const admin = await h.login(USERS.admin.username);
    await admin.get('/console/qa/lexicon');
    assert.equal((await admin.request('POST', '/console/qa/lexicon', { form: { term: '烤火费', expansions: '燃气费' } })).statusCode, 303);
    const [row] = await rows();
    assert.ok(row);
    assert.equal(await answersDoc(), false, 'the wrong expansion does not find the heating notice');

    const page = await admin.get(`/console/qa/lexicon/${row.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /value="烤火费"/);
    const edit = await admin.request('POST', `/console/qa/lexicon/${row.id}`, { form: { term: '烤火费', expansions: '取暖补助 | 取暖费' } });
    assert.equal(edit.statusCode, 303, edit.body);
    assert.equal((await rows())[0]!.expansions, '取暖补助|取暖费');
    assert.equal(await answersDoc(), true, 'the corrected synonym answers at once');
    const upd = await audits('qa.lexicon.update');
    assert.equal(upd.length, 1);
    assert.match(upd[0]!.before_json ?? '', /燃气费/);

    // Deleting asks first: the list links to a confirmation page; a POST without the confirmation deletes nothing.
    const list = await admin.get('/console/qa/lexicon');
    assert.match(list.body, new RegExp(`/console/qa/lexicon/${row.id}/delete`));
    const confirmPage = await admin.get(`/console/qa/lexicon/${row.id}/delete`);
    assert.match(confirmPage.body, /确定删除同义词“<strong>烤火费<\/strong>”/);
    const unconfirmed = await admin.request('POST', `/console/qa/lexicon/${row.id}/delete`, { form: {} });
    assert.equal(unconfirmed.statusCode, 400);
    assert.equal((await rows()).length, 1);
    assert.equal(await answersDoc(), true);
    const del = await admin.request('POST', `/console/qa/lexicon/${row.id}/delete`, { form: { confirm: '1' } });
    assert.equal(del.statusCode, 303);
    assert.equal((await rows()).length, 0);
    assert.equal(await answersDoc(), false, 'the deleted synonym no longer expands the question');
    const dels = await audits('qa.lexicon.delete');
    assert.equal(dels.length, 1);
    assert.equal(String(dels[0]!.entity_id), String(row.id));
    assert.equal((await admin.get(`/console/qa/lexicon/${row.id}`)).statusCode, 404);
  });

  test('bad edits re-render with 400, Chinese field messages and the input kept; nothing changes', async () => {
    const admin = await h.login(USERS.admin.username);
    await admin.get('/console/qa/lexicon');
    await admin.request('POST', '/console/qa/lexicon', { form: { term: '低保户', expansions: '最低生活保障家庭' } });
    await admin.request('POST', '/console/qa/lexicon', { form: { term: '取暖季', expansions: '' } });
    const [a, b] = await rows();
    assert.equal(b!.kind, 'word');
    await admin.get(`/console/qa/lexicon/${a!.id}`);
    const cases: [Record<string, string>, RegExp][] = [
      [{ term: '', expansions: 'x' }, /请填写词/],
      [{ term: '低 保', expansions: '' }, /词不能包含空格/],
      [{ term: '取暖季', expansions: '' }, /“取暖季”已在本区词条中/],
      [{ term: '低保户', expansions: '低保户' }, /不能与词本身相同/],
      [{ term: '低保户', expansions: 'a=b' }, /不含 = # ~/],
      [{ term: '低保户', expansions: Array.from({ length: 11 }, (_, i) => `词${i}`).join('|') }, /最多10个/],
    ];
    for (const [form, msg] of cases) {
      const r = await admin.request('POST', `/console/qa/lexicon/${a!.id}`, { form });
      assert.equal(r.statusCode, 400, JSON.stringify(form));
      assert.match(r.body, msg);
      if (form.term) assert.match(r.body, new RegExp(`value="${form.term}"`));
    }
    assert.deepEqual((await rows()).map((r) => [r.term, r.expansions]), [['低保户', '最低生活保障家庭'], ['取暖季', '']]);
    assert.equal((await audits('qa.lexicon.update')).length, 1, 'only the first test\'s edit');
  });

  test('only the admin edits or deletes: unit staff and the auditor get 403, nothing changes', async () => {
    const [row] = await rows();
    for (const who of [USERS.reviewer.username, USERS.auditor.username]) {
      const a = await h.login(who);
      const list = await a.get('/console/qa/lexicon');
      assert.equal(list.statusCode, 200);
      assert.doesNotMatch(list.body, /\/delete"/, 'no delete link for non-admins');
      assert.equal((await a.get(`/console/qa/lexicon/${row!.id}`)).statusCode, 403);
      assert.equal((await a.request('POST', `/console/qa/lexicon/${row!.id}`, { form: { term: '改掉', expansions: '' } })).statusCode, 403);
      assert.equal((await a.request('POST', `/console/qa/lexicon/${row!.id}/delete`, { form: { confirm: '1' } })).statusCode, 403);
    }
    assert.equal((await rows())[0]!.term, row!.term);
    assert.equal((await rows()).length, 2);
    assert.equal((await h.agent().get(`/console/qa/lexicon/${row!.id}`)).statusCode, 303, 'anonymous: to the login page');
  });
});
