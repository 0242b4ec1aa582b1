// The document's title in the article ranking: a document whose title names what the question is about outranks
// one that mentions the word once in passing (救助 in a 校车 document's fee article).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, shippedLexicon } from './analyze.js';
import { ENGINE_PARAMS, QaEngine, questionConcepts, type ClauseDoc } from './engine.js';

const analyzer = new Analyzer(shippedLexicon());
const doc = (itemId: number, title: string, texts: string[]): ClauseDoc[] =>
  texts.map((text, i) => ({ itemId, article: i + 1, label: `第${i + 1}条`, path: `第${i + 1}条`, text, title, docNumber: `区发〔2026〕${itemId}号`, unitName: '区民政局' }));
const CLAUSES = [
  ...doc(1, '城市生活无着的流浪乞讨人员救助管理办法', [
    '第一条 为做好城市生活无着的流浪乞讨人员救助管理工作，制定本办法。',
    '第二条 救助管理站对受助人员提供符合食品卫生要求的食物和住处，救助期限一般不超过10天。',
    '第三条 受助人员自愿放弃救助离开救助管理站的，应当事先告知。',
    '第四条 救助管理站不得向受助人员、其亲属或者所在单位收取任何费用。',
  ]),
  ...doc(2, '校车安全管理办法', [
    '第一条 校车应当按照审核确定的线路行驶，途中不得搭载无关人员。',
    '第二条 校车驾驶人应当取得校车驾驶资格，连续3年无重大交通事故。',
    '第三条 校车服务收费标准由区发展和改革局核定；享受社会救助的家庭，学生乘车费用予以免除。',
    '第四条 校车每学期开学前应当接受一次安全技术检验。',
  ]),
];
const top = (engine: QaEngine, q: string) => {
  const { text, concepts } = questionConcepts(engine, q);
  const c = engine.candidates(concepts, 5, text).clauses[0]!;
  return c.clause.itemId;
};

test('an article of the document whose title names the question\'s topic outranks a passing mention elsewhere', () => {
  assert.equal(top(new QaEngine(analyzer, CLAUSES, []), '救助管吃住吗'), 1);
});

test('without the title share the passing mention wins (the share is what decides)', () => {
  assert.ok(ENGINE_PARAMS.titleBoost > 0);
  assert.equal(top(new QaEngine(analyzer, CLAUSES, [], { ...ENGINE_PARAMS, titleBoost: 0 }), '救助管吃住吗'), 2);
});
