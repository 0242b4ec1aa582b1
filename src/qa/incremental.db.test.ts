// Incremental index updates on both engines: once the answer engine is built, publishing, amending or
// withdrawing one document replaces only that document's clauses (stored rows and the in-process index);
// the change is answerable at once, without a whole rebuild.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, type Harness } from '../test-support/harness.js';
import { insertItem, updateItem } from '../search/search.fixtures.js';
import { answerQuestion, engineStats } from './engine.js';

const BODY = [
  '第一条 为规范本区老旧小区加装电梯工作，制定本办法。',
  '第二条 加装电梯应当经本单元房屋专有部分面积占比三分之二以上的业主同意。',
  '第三条 加装电梯的，区财政按照每部电梯20万元给予补助。',
].join('\n');

describe('政策问答：增量更新索引', () => {
  let h: Harness;
  let lift: number;
  let other: number;
  before(async () => {
    h = await createHarness();
    lift = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: h.areaId, title: '临淄区既有住宅加装电梯管理办法', body_text: BODY, item_type: 'normative', validity: 'valid', doc_number: '临住建发〔2024〕21号' });
    other = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: h.areaId, title: '临淄区城市绿化管理办法', body_text: '第一条 为加强城市绿化管理，制定本办法。\n第二条 擅自砍伐城市树木的，由区综合行政执法局责令改正。', item_type: 'normative', validity: 'valid', doc_number: '临政发〔2024〕2号' });
  });
  after(async () => { await h.close(); });
  const ask = (q: string) => answerQuestion(h.tdb.db, h.tdb.dialect, h.areaId, q);

  test('an amended article is answerable at once and a withdrawn document is gone at once, by patching the built engine', async () => {
    const first = await ask('加装电梯每部补助多少钱');
    assert.equal(first.abstained, false);
    assert.deepEqual([first.answers[0]!.itemId, first.answers[0]!.article], [lift, 3]);
    assert.match(first.answers[0]!.text, /20万元/);
    const built = engineStats(h.areaId);
    assert.ok(built.builds >= 1);

    // Amend: the subsidy changes and a new article about 维修基金 appears.
    await updateItem(h.tdb.db, h.tdb.dialect, lift, { body_text: `${BODY.replace('20万元', '25万元')}\n第四条 加装电梯可以按规定申请使用住宅专项维修资金。`, updated_at: new Date(Date.now() + 1000).toISOString() });
    const amended = await ask('加装电梯每部补助多少钱');
    assert.deepEqual([amended.answers[0]!.itemId, amended.answers[0]!.article], [lift, 3]);
    assert.match(amended.answers[0]!.text, /25万元/);
    assert.ok(amended.answers.every((a) => !a.text.includes('20万元')), JSON.stringify(amended.answers));
    const fund = await ask('加装电梯能用专项维修资金吗');
    assert.deepEqual([fund.answers[0]!.itemId, fund.answers[0]!.article], [lift, 4]);
    const patched = engineStats(h.areaId);
    assert.equal(patched.builds, built.builds, 'no whole rebuild for one amended document');
    assert.ok(patched.patches > built.patches);
    assert.ok((await h.tdb.db.selectFrom('qa_clauses').select('text').where('item_id', '=', lift).execute()).some((r) => r.text.includes('25万元')));

    // Withdraw: its clauses leave the stored rows and the engine; the other document still answers.
    await updateItem(h.tdb.db, h.tdb.dialect, lift, { status: 'withdrawn' });
    const gone = await ask('加装电梯每部补助多少钱');
    assert.ok(gone.answers.every((a) => a.itemId !== lift), JSON.stringify(gone.answers));
    assert.equal((await h.tdb.db.selectFrom('qa_clauses').select('id').where('item_id', '=', lift).execute()).length, 0);
    const green = await ask('擅自砍伐城市树木怎么处理');
    assert.deepEqual([green.answers[0]!.itemId, green.answers[0]!.article], [other, 2]);
    // A newly published document is answerable at once, still without a rebuild.
    const fresh = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: h.areaId, title: '临淄区犬只管理规定', body_text: '第一条 为规范养犬行为，制定本规定。\n第二条 养犬人应当为犬只办理养犬登记并每年注射狂犬疫苗。', item_type: 'normative', validity: 'valid', doc_number: '临政发〔2024〕9号' });
    const dog = await ask('养犬登记怎么办');
    assert.deepEqual([dog.answers[0]!.itemId, dog.answers[0]!.article], [fresh, 2]);
    const end = engineStats(h.areaId);
    assert.equal(end.builds, built.builds);
    assert.ok(end.patches >= patched.patches + 2);
  });
});
