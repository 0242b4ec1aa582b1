// Scope and definition articles (本办法适用于…, 本办法所称…是指) name the document's subject, so they hold the topic
// words of every question on it: they give way to the article that says something, unless the question asks who
// or what is covered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, shippedLexicon } from './analyze.js';
import { ENGINE_PARAMS, QaEngine, questionConcepts, type ClauseDoc } from './engine.js';
import { isScope } from './rank.js';

const analyzer = new Analyzer(shippedLexicon());
const TITLE = '商品房预售资金监管办法';
const CLAUSES: ClauseDoc[] = [
  '第一条 为规范商品房预售资金监管，保障购房人合法权益，制定本办法。',
  '第二条 本办法适用于本区行政区域内取得商品房预售许可的房地产开发项目，其商品房预售资金（含购房人交付的定金、首付款和按揭贷款）应当全部纳入监管。',
  '第三条 购房人应当将定金、首付款直接存入监管账户，开发企业不得直接收取。',
  '第四条 监管银行应当在收到开发企业拨付申请后3个工作日内完成审核。',
  '第五条 购房人解除购房合同的，已交付的首付款由监管银行从监管账户直接退还购房人。',
].map((text, i) => ({ itemId: 1, article: i + 1, label: `第${i + 1}条`, path: `第${i + 1}条`, text, title: TITLE, docNumber: '区发〔2026〕9号', unitName: '区住建局' }));
const top = (engine: QaEngine, q: string) => {
  const { text, concepts } = questionConcepts(engine, q);
  return engine.candidates(concepts, 5, text).clauses[0]!.clause.article;
};

test('isScope reads the scope and definition forms, not an article that merely mentions 本办法', () => {
  assert.ok(isScope('第二条 本办法适用于本区行政区域内的房地产开发项目。'));
  assert.ok(isScope('第二条 本细则所称设施农业用地，是指直接用于作物种植的土地。'));
  assert.ok(!isScope('第九条 违反本办法规定的，由区住建局责令改正。'));
});

test('a question on a specific point gets the article that states it, not the scope article holding all its topic words', () => {
  const engine = new QaEngine(analyzer, CLAUSES, []);
  assert.equal(top(engine, '购房人的定金和首付款交给谁'), 3);
  // Without the damping the scope article wins: the damping is what decides.
  assert.ok(ENGINE_PARAMS.scopeDamp > 0);
  assert.equal(top(new QaEngine(analyzer, CLAUSES, [], { ...ENGINE_PARAMS, scopeDamp: 0 }), '购房人的定金和首付款交给谁'), 2);
});

test('a question asking what is covered still gets the scope article', () => {
  assert.equal(top(new QaEngine(analyzer, CLAUSES, []), '哪些房地产项目的预售资金要纳入监管'), 2);
});
