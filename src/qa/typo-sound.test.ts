// Typo correction by sound: questions are typed with pinyin input, so a correction must sound like the typed word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Bm25Index, type BmDoc } from './bm25.js';
import { soundsAlike } from './homophone.js';
import { Analyzer, shippedLexicon } from './analyze.js';
import { ENGINE_PARAMS, QaEngine, type ClauseDoc } from './engine.js';

const doc = (...terms: string[]): BmDoc => ({ fields: [{ terms, weight: 1 }] });

test('soundsAlike: same toneless reading (any of a character\'s readings), not merely one character apart', () => {
  assert.equal(soundsAlike('帖', '贴'), true);
  assert.equal(soundsAlike('机', '记'), true);
  assert.equal(soundsAlike('交', '缴'), true);
  assert.equal(soundsAlike('体', '提'), true);
  assert.equal(soundsAlike('卡', '以'), false);
  assert.equal(soundsAlike('只', '提'), false);
});

test('nearWords with the sound test keeps 补帖 → 补贴 and drops 卡上 → 以上, which any-character matching takes', () => {
  const idx = new Bm25Index([doc('补贴', '以上', '提交'), doc('补贴')]);
  assert.deepEqual(idx.nearWords('卡上'), ['以上'], 'the default accepts any one-character change');
  idx.alike = soundsAlike;
  assert.deepEqual(idx.nearWords('补帖'), ['补贴']);
  assert.deepEqual(idx.nearWords('卡上'), []);
  assert.deepEqual(idx.nearWords('只交'), []);
});

const analyzer = new Analyzer(shippedLexicon());
const clause = (article: number, text: string): ClauseDoc => ({ itemId: 1, article, label: `第${article}条`, path: `第${article}条`, text, title: '养犬管理规定', docNumber: '区发〔2026〕1号', unitName: '区公安分局' });
const CLAUSES = [clause(1, '第一条 携犬出户应当使用牵引绳。'), clause(2, '第二条 养犬人应当持免疫证明到派出所办理登记。'), clause(3, '第三条 犬只伤人的，养犬人承担医疗费用。')];

test('engine: a dictionary word the clauses lack gets its sound-alike correction (登机 → 登记) only with typoWords', () => {
  const q = '养犬登机需要什么';
  const on = new QaEngine(analyzer, CLAUSES, []);
  assert.equal(ENGINE_PARAMS.typoSound, 1);
  const terms = on.expand(analyzer.concepts(q)).flatMap((c) => c.alts.map((a) => a.term));
  assert.ok(terms.includes('登记'), terms.join(','));
  assert.equal(on.candidates(analyzer.concepts(q), 5, q).clauses[0]!.clause.article, 2);
  const off = new QaEngine(analyzer, CLAUSES, [], { ...ENGINE_PARAMS, typoWords: 0 });
  assert.ok(!off.expand(analyzer.concepts(q)).flatMap((c) => c.alts.map((a) => a.term)).includes('登记'));
});

test('engine: a mistyped everyday word gets the official words of the synonym-table word it sounds like (程管 → 城管 → 综合行政执法), only with typoSynonyms', () => {
  const stall = (article: number, text: string): ClauseDoc => ({ ...clause(article, text), title: '夜市摊点管理方案' });
  const clauses = [stall(1, '（一）摊点设置。在人民广场设置夜间摊点群。'), stall(2, '（二）执法。占道设摊的，由综合行政执法部门责令改正，处100元罚款。'), stall(3, '（三）费用。摊位免收管理费。')];
  const q = '程管罚款多少';
  const concepts = analyzer.concepts(q);
  assert.ok(concepts.some((c) => c.term === '程管' && c.maybeTypo), 'the typed word is kept whole and not a dictionary word');
  const on = new QaEngine(analyzer, clauses, []);
  const terms = on.expand(concepts).flatMap((c) => c.alts.map((a) => a.term));
  assert.ok(terms.includes('综合行政执法'), terms.join(','));
  assert.equal(on.candidates(concepts, 5, q).clauses[0]!.clause.article, 2);
  const off = new QaEngine(analyzer, clauses, [], { ...ENGINE_PARAMS, typoSynonyms: 0 });
  assert.ok(!off.expand(concepts).flatMap((c) => c.alts.map((a) => a.term)).includes('综合行政执法'));
  // A character that does not sound alike is no typo of it (橙 chéng sounds like 城; 桥 does not).
  assert.deepEqual(analyzer.typoSynonyms('桥管', soundsAlike), []);
});

test('engine: a mistyped word the segmentation cut apart is joined with its neighbour and corrected (美改 | 电 → 煤改电), only with typoJoins', () => {
  const heat = (article: number, text: string): ClauseDoc => ({ ...clause(article, text), title: '农村清洁取暖改造补贴实施方案' });
  const clauses = [heat(1, '一、补贴对象。实施煤改电、煤改气改造的农户。'), heat(2, '二、申请程序。农户向村委会提出煤改电补贴申请。')];
  const q = '美改电补贴怎么申请';
  const concepts = analyzer.concepts(q);
  assert.ok(!concepts.some((c) => c.term === '美改电'), 'the segmentation cuts the typo apart');
  const terms = (e: QaEngine) => e.expand(concepts).flatMap((c) => c.alts.map((a) => a.term));
  assert.ok(terms(new QaEngine(analyzer, clauses, [])).includes('煤改电'));
  assert.ok(!terms(new QaEngine(analyzer, clauses, [], { ...ENGINE_PARAMS, typoJoins: 0 })).includes('煤改电'));
});
