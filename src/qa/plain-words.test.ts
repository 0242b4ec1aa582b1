// Words of the asker's story (看到, 偷偷, 晚上: verbs, adverbs, times of the general dictionary) that no clause holds
// weigh little: they must not drown the words the question is about (举报, 奖励) and make the engine abstain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, shippedLexicon } from './analyze.js';
import { ENGINE_PARAMS, QaEngine, type ClauseDoc } from './engine.js';

const analyzer = new Analyzer(shippedLexicon());
const clause = (article: number, text: string): ClauseDoc => ({ itemId: 1, article, label: `第${article}条`, path: `第${article}条`, text, title: '瓶装液化石油气安全管理办法', docNumber: '区发〔2026〕2号', unitName: '区住建局' });
const CLAUSES = [
  clause(1, '第一条 用户应当从取得燃气经营许可证的企业购买瓶装液化石油气。'),
  clause(2, '第二条 经营企业应当提供送气上门服务，城区2小时内送达。'),
  clause(3, '第三条 举报非法经营瓶装燃气经查证属实的，给予举报人200元至2000元奖励。'),
];

test('plain words: the general dictionary\'s verbs, adverbs and times are plain; nouns and 政务 words are not', () => {
  const concepts = analyzer.concepts('看到有人偷偷卖燃油，举报有奖励吗');
  const plain = new Set(concepts.filter((c) => c.plain).map((c) => c.term));
  for (const w of ['看到', '偷偷']) assert.ok(plain.has(w), `${w} in ${[...plain].join(',')}`);
  for (const w of ['燃油', '举报', '奖励']) assert.ok(!plain.has(w), w);
});

test('plain words the collection lacks weigh plainAbsent of an unknown word: the question is answered from the words it is about', () => {
  const q = '晚上看到有人偷偷摸摸开车送气，举报有奖励吗';
  const concepts = analyzer.concepts(q);
  const on = new QaEngine(analyzer, CLAUSES, []);
  assert.ok(ENGINE_PARAMS.plainAbsent < 1);
  const best = on.candidates(concepts, 5, q).clauses[0];
  assert.equal(best?.clause.article, 3);
  const off = new QaEngine(analyzer, CLAUSES, [], { ...ENGINE_PARAMS, plainAbsent: 1 });
  const offBest = off.candidates(concepts, 5, q).clauses[0];
  // With every unknown word weighing the most, the story outweighs 举报 + 奖励: the match is far weaker, under the abstention line.
  assert.ok(!offBest || offBest.coverage < ENGINE_PARAMS.abstain, String(offBest?.coverage));
  assert.ok(best!.coverage >= ENGINE_PARAMS.abstain, String(best!.coverage));
});
