// The abstention decision (two features: coverage and missing topic nouns) and the entry answer-kind agreement.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, shippedLexicon } from './analyze.js';
import type { DocState } from '../disclosure/public.js';
import { askedTypes, ENGINE_PARAMS, QaEngine, rankAnswers, shouldAbstain, typeAgreement, type ClauseDoc } from './engine.js';
import { RANK_PARAMS } from './rank.js';

const analyzer = new Analyzer(shippedLexicon());
const P = { abstain: 0.3, abstainMissing: 0.5 };
const base = { hasAnswer: true, confidence: 0.8, preferredEntry: false, missingTopic: 0 };

test('shouldAbstain: no answer or low coverage abstains; a well-covered answer does not', () => {
  assert.equal(shouldAbstain({ ...base, hasAnswer: false }, P), true);
  assert.equal(shouldAbstain({ ...base, confidence: 0.29 }, P), true);
  assert.equal(shouldAbstain({ ...base, confidence: 0.3 }, P), false);
  assert.equal(shouldAbstain(base, P), false);
});

test('shouldAbstain: a document lacking the question\'s topic nouns abstains even with fair coverage', () => {
  assert.equal(shouldAbstain({ ...base, confidence: 0.45, missingTopic: 0.6 }, P), true);
  assert.equal(shouldAbstain({ ...base, confidence: 0.45, missingTopic: 0.49 }, P), false);
  // A curated entry matching the question outright answers whatever the clause features say.
  assert.equal(shouldAbstain({ ...base, confidence: 0.1, missingTopic: 0.9, preferredEntry: true, outrightEntry: true }, P), false);
});

test('topic nouns: things asked about count; the asker, actions and times do not', () => {
  for (const w of ['燃油', '利率', '婚假', '身份证', '考驾照']) assert.equal(analyzer.isTopicNoun(w), true, w);
  for (const w of ['老婆', '孩子', '开始', '一起', '处理', '突然']) assert.equal(analyzer.isTopicNoun(w), false, w);
});

test('answer-kind agreement: same kind 1, different kinds -1, no kind 0; 多少 can be ignored', () => {
  const amount = askedTypes('多少钱');
  assert.equal(typeAgreement(askedTypes('陪产假请几天'), askedTypes('男方陪产假有几天')), 1);
  assert.equal(typeAgreement(askedTypes('补贴审批要多久'), askedTypes('补贴每月发多少钱')), -1);
  assert.equal(typeAgreement(askedTypes('能一起领吗'), askedTypes('补贴每月发多少钱')), 0);
  assert.equal(typeAgreement(askedTypes('托位补多少钱'), askedTypes('每月收费多少'), amount), 0);
  assert.equal(typeAgreement(askedTypes('托位补多少钱'), askedTypes('每月收费多少')), 1);
});

const doc = (itemId: number, title: string, arts: string[]): ClauseDoc[] =>
  arts.map((text, i) => ({ itemId, article: i + 1, label: `第${i + 1}条`, path: `第${i + 1}条`, text, title, docNumber: `区发〔2026〕${itemId}号`, unitName: '区民政局' }));
const CLAUSES = [
  ...doc(1, '残疾人两项补贴实施办法', ['第一条 困难残疾人生活补贴每月120元。', '第二条 重度残疾人护理补贴每月100元。', '第三条 残疾人补贴向户籍所在地街道申请。']),
  ...doc(2, '临时救助实施细则', ['第一条 临时救助向户籍所在地镇、街道申请。', '第二条 临时救助审批5个工作日内完成。']),
  ...doc(3, '男方陪产假规定', ['第一条 男方享受陪产假15天。', '第二条 陪产假期间工资照发。']),
];
const live = (itemId: number): DocState => ({ id: itemId, title: `文件${itemId}`, doc_number: '', validity: 'valid' } as unknown as DocState);

test('engine: a question whose topic nouns the best document lacks abstains; its answerable neighbour does not', () => {
  const eng = new QaEngine(analyzer, CLAUSES, []);
  const ask = (q: string) => rankAnswers(eng, eng.candidates(analyzer.concepts(q), 20, q), live);
  const unanswerable = eng.candidates(analyzer.concepts('残疾人机动车燃油补贴怎么领'), 20, '残疾人机动车燃油补贴怎么领');
  assert.ok(unanswerable.clauses[0]!.missingTopic >= ENGINE_PARAMS.abstainMissing, `missingTopic ${unanswerable.clauses[0]!.missingTopic}`);
  assert.equal(ask('残疾人机动车燃油补贴怎么领').abstained, true);
  const ok = ask('重度残疾人护理补贴每月多少钱');
  assert.equal(ok.abstained, false);
  assert.deepEqual([ok.answers[0]!.itemId, ok.answers[0]!.article], [1, 2]);
});

test('engine: an entry asking what the question asks is preferred at a modest match, one asking something else is not', () => {
  const entries = [{ entryId: 7, question: '男方陪产假有几天', answer: '男方享受陪产假15天。', sources: [{ itemId: 3, article: 1 }] }];
  // The "entry cites the best clause" path off, so only the answer-kind rule can prefer the entry.
  const eng = new QaEngine(analyzer, CLAUSES, entries, { ...ENGINE_PARAMS, agreeMatch: 1.01 });
  const ask = (q: string) => rankAnswers(eng, eng.candidates(analyzer.concepts(q), 20, q), live);
  const c = eng.candidates(analyzer.concepts('媳妇生娃我能请几天陪产假'), 20, '媳妇生娃我能请几天陪产假');
  assert.equal(c.entries[0]!.typeAgree, 1);
  const a = ask('媳妇生娃我能请几天陪产假');
  assert.equal(a.answers[0]!.kind, 'entry');
  assert.equal(a.answers[0]!.entryId, 7);
  assert.ok(a.answers[0]!.score >= 1, `preferred outright (score ${a.answers[0]!.score})`);
  const other = eng.candidates(analyzer.concepts('陪产假期间工资怎么处理'), 20, '陪产假期间工资怎么处理');
  assert.notEqual(other.entries[0]?.typeAgree, 1);
  assert.ok(ask('陪产假期间工资怎么处理').answers[0]!.score < 1, 'not preferred outright');
});

test('a question asking a precise kind (电话, 几岁, 比例, 几次) is not answered by an article stating none', async () => {
  const { lacksAskedKind } = await import('./engine.js');
  assert.equal(lacksAskedKind('电梯坏了打什么电话维修', '电梯投入使用后，由业主委托维保单位每15日至少进行一次维护保养。'), true);
  assert.equal(lacksAskedKind('补贴咨询打什么电话', '咨询电话：0533-7180000。'), false);
  assert.equal(lacksAskedKind('一年能申请几次', '一年内原则上只救助一次。'), false);
  assert.equal(lacksAskedKind('多大年纪能去老年食堂吃饭', '本区户籍60周岁以上老年人可以就餐。'), false);
  // Broad kinds (多少钱, 去哪, 怎么处理) are stated in too many ways to judge by form: never abstain on them.
  assert.equal(lacksAskedKind('殡葬费减免要去哪里申请', '减免费用由区殡仪馆直接减免。'), false);
  assert.equal(lacksAskedKind('临时救助一般给多少钱', '按照最低生活保障标准的3至6倍给予一次性救助。'), false);
  assert.equal(shouldAbstain({ ...base, kindMissing: true }, P), true);
  assert.equal(shouldAbstain({ ...base, kindMissing: true, preferredEntry: true }, P), false);
});

test('who pays is not what is asked: 政府 is not a question word', () => {
  const terms = analyzer.concepts('我们楼想装个电梯，政府出多少钱').map((c) => c.term);
  assert.ok(!terms.includes('政府') && terms.includes('电梯'), terms.join(','));
});

test('engine: an entry is not preferred by kind when the question asks about a document word it never mentions (审批 vs 申请)', () => {
  const entries = [{ entryId: 9, question: '临时救助什么时候申请\n临时救助申请期限', answer: '遭遇困难后向镇、街道申请。', sources: [{ itemId: 2, article: 1 }] }];
  const eng = new QaEngine(analyzer, CLAUSES, entries, { ...ENGINE_PARAMS, agreeMatch: 1.01, wholeRank: 0 });
  const q = '临时救助审批要几天';
  const hit = eng.candidates(analyzer.concepts(q), 20, q).entries.find((e) => e.entry.entryId === 9)!;
  assert.equal(hit.typeAgree, 1, 'both ask a period');
  assert.ok(hit.offTopic >= ENGINE_PARAMS.typeOff, `offTopic ${hit.offTopic}`);
  const a = rankAnswers(eng, eng.candidates(analyzer.concepts(q), 20, q), live);
  assert.deepEqual([a.answers[0]!.kind, a.answers[0]!.itemId, a.answers[0]!.article], ['clause', 2, 2]);
  // The same entry without the off-topic check would win: the check is what decides.
  const loose = new QaEngine(analyzer, CLAUSES, entries, { ...ENGINE_PARAMS, agreeMatch: 1.01, wholeRank: 0, typeOff: 2 });
  assert.equal(rankAnswers(loose, loose.candidates(analyzer.concepts(q), 20, q), live).answers[0]!.kind, 'entry');
});

test('engine: a question holding every word of an entry phrasing prefers the entry when its article is among the best three', () => {
  const entries = [{ entryId: 11, question: '残疾人补贴去哪申请', answer: '向户籍所在地街道申请。', sources: [{ itemId: 1, article: 3 }] }];
  const q = '我家老人有残疾，残疾人补贴要去哪申请，每月多少钱';
  const strict = { ...ENGINE_PARAMS, agreeMatch: 1.01, typeMatch: 1.01, entryMatch: 1.01, nearMatch: 1.01 };
  const on = new QaEngine(analyzer, CLAUSES, entries, { ...strict, wholeRank: 3 });
  const hit = on.candidates(analyzer.concepts(q), 20, q).entries[0]!;
  assert.ok(hit.phraseCoverage >= 0.99, `phrase coverage ${hit.phraseCoverage}`);
  const a = rankAnswers(on, on.candidates(analyzer.concepts(q), 20, q), live);
  assert.deepEqual([a.answers[0]!.kind, a.answers[0]!.entryId], ['entry', 11]);
  const off = new QaEngine(analyzer, CLAUSES, entries, { ...strict, wholeRank: 0 });
  assert.ok(rankAnswers(off, off.candidates(analyzer.concepts(q), 20, q), live).answers[0]!.score < 1);
});

test('shouldAbstain: an entry preferred by agreement (not outright) does not vouch when the question is mostly about things its document lacks', () => {
  const Q = { ...P, abstainMissingEntry: 0.6 };
  assert.equal(shouldAbstain({ ...base, preferredEntry: true, missingTopic: 0.59 }, Q), false);
  assert.equal(shouldAbstain({ ...base, preferredEntry: true, missingTopic: 0.6 }, Q), true);
  assert.equal(shouldAbstain({ ...base, preferredEntry: true, outrightEntry: true, missingTopic: 0.9 }, Q), false);
});

const NURSERY = doc(4, '普惠托育服务补助办法', ['第一条 普惠性托育机构全日托收费每月不高于2000元。', '第二条 每个托位每月补助200元。', '第三条 托育机构应当在每年3月申请补助。']);

test('rankAnswers: an entry preferred because it cites the best clause does not vouch for a question its document mostly lacks', () => {
  const entries = [{ entryId: 21, question: '普惠托育每月收费多少', answer: '全日托每月不高于2000元。', sources: [{ itemId: 4, article: 1 }] }];
  const eng = new QaEngine(analyzer, [...CLAUSES, ...NURSERY], entries);
  const q = '普惠托育收费';
  const real = eng.candidates(analyzer.concepts(q), 20, q);
  assert.equal(real.clauses[0]!.clause.itemId, 4);
  assert.equal(real.clauses[0]!.clause.article, 1);
  // The same candidates as for 宠物医院收费标准: a fair match through the cited best clause, most of the question's topic missing.
  const cands = { entries: real.entries.map((e) => ({ ...e, match: 0.5, phraseCoverage: 0.5 })), clauses: real.clauses.map((c) => ({ ...c, missingTopic: 0.7 })) };
  const a = rankAnswers(eng, cands, live, { question: q });
  assert.ok(a.answers.length === 0 && a.abstained, 'abstains');
  const loose = new QaEngine(analyzer, [...CLAUSES, ...NURSERY], entries, { ...ENGINE_PARAMS, abstainMissingEntry: 2 });
  const b = rankAnswers(loose, cands, live, { question: q });
  assert.deepEqual([b.abstained, b.answers[0]!.kind, b.answers[0]!.entryId], [false, 'entry', 21]);
  // A topic the document has: the entry answers.
  const c = rankAnswers(eng, { ...cands, clauses: real.clauses }, live, { question: q });
  assert.deepEqual([c.abstained, c.answers[0]!.entryId], [false, 21]);
});

test('engine: a three-character topic word found only through a shared character pair counts as missing (奖学金 in a 助学金 document)', () => {
  const aid = doc(5, '普通高中学生资助细则', ['第一条 家庭经济困难学生可以享受国家助学金。', '第二条 国家助学金每生每年2000元。']);
  const eng = new QaEngine(analyzer, [...CLAUSES, ...aid], []);
  const q = '高中奖学金怎么评';
  const top = eng.candidates(analyzer.concepts(q), 20, q).clauses[0]!;
  assert.equal(top.clause.itemId, 5);
  assert.ok(top.missingTopic > 0, `missingTopic ${top.missingTopic}`);
  const loose = new QaEngine(analyzer, [...CLAUSES, ...aid], [], { ...ENGINE_PARAMS, missingCredit: 1e-9 });
  assert.ok(loose.candidates(analyzer.concepts(q), 20, q).clauses[0]!.missingTopic < top.missingTopic);
});

test('rankAnswers: the best entry citing one of the three best clauses is preferred when it asks nothing the question does not', () => {
  const entries = [{ entryId: 31, question: '托育机构补助标准', answer: '每个托位每月补助200元。', sources: [{ itemId: 4, article: 2 }] }];
  const eng = new QaEngine(analyzer, NURSERY, entries);
  const q = '托育机构收费和补助';
  const real = eng.candidates(analyzer.concepts(q), 20, q);
  const second = real.clauses.findIndex((c) => c.clause.article === 2);
  assert.ok(second >= 1 && second < ENGINE_PARAMS.nearTop, `cited article at ${second}`);
  // A fair match that no other route prefers (not outright, not citing the best clause, no kind, not every phrasing word).
  const fair = (e: (typeof real.entries)[number], over: Partial<(typeof real.entries)[number]> = {}) => ({ ...e, match: 0.6, phraseCoverage: 0.6, typeAgree: 0 as const, offTopic: 0, asksBeyond: false, ...over });
  const pick = (eng2: QaEngine, over = {}) => rankAnswers(eng2, { entries: real.entries.map((e) => fair(e, over)), clauses: real.clauses }, live, { question: q }).answers[0]!;
  const a = pick(eng);
  assert.deepEqual([a.kind, a.entryId], ['entry', 31]);
  assert.ok(a.score >= 1);
  assert.ok(pick(new QaEngine(analyzer, NURSERY, entries, { ...ENGINE_PARAMS, nearMatch: 1.01 })).score < 1, 'without the rule it is not preferred');
  assert.ok(pick(eng, { asksBeyond: true }).score < 1, 'the question asks a kind the entry does not');
  assert.ok(pick(eng, { offTopic: 0.2 }).score < 1, 'the question asks about a document word the entry lacks');
  const hit = eng.candidates(analyzer.concepts('托育补助什么时候申请'), 20, '托育补助什么时候申请').entries.find((e) => e.entry.entryId === 31)!;
  assert.equal(hit.asksBeyond, true, '什么时候 is a kind the entry does not ask');
});

test('engine: an entry is found through the words of the article it cites, not only its own phrasing', () => {
  const entries = [{ entryId: 41, question: '被狗咬了怎么办', answer: '养犬人承担医疗费用。', sources: [{ itemId: 6, article: 2 }] }];
  const dog = doc(6, '养犬管理规定', ['第一条 携犬出户应当使用牵引绳。', '第二条 犬只伤人的，养犬人应当先行垫付医疗费用并承担赔偿责任。']);
  const q = '犬只伤人赔偿责任谁承担';
  const on = new QaEngine(analyzer, dog, entries);
  const off = new QaEngine(analyzer, dog, entries, { ...ENGINE_PARAMS, entryClause: 0 });
  const m = (e: QaEngine) => e.candidates(analyzer.concepts(q), 20, q).entries.find((x) => x.entry.entryId === 41)?.match ?? 0;
  assert.ok(m(on) > m(off), `match ${m(on)} vs ${m(off)}`);
});

test('engine: two entries whose phrasings reduce to the same words — the one worded like the question wins', () => {
  const entries = [
    { entryId: 51, question: '临时救助怎么申请', answer: '向户籍所在地镇、街道申请。', sources: [{ itemId: 2, article: 1 }] },
    { entryId: 52, question: '哪些情况可以申请临时救助', answer: '遭遇突发困难的家庭或者个人。', sources: [{ itemId: 2, article: 2 }] },
  ];
  const eng = new QaEngine(analyzer, CLAUSES, entries);
  const ask = (q: string) => rankAnswers(eng, eng.candidates(analyzer.concepts(q), 20, q), live).answers[0]!;
  const both = eng.candidates(analyzer.concepts('哪些情况可以申请临时救助'), 20, '哪些情况可以申请临时救助').entries;
  assert.equal(both.find((e) => e.entry.entryId === 51)!.match, both.find((e) => e.entry.entryId === 52)!.match, 'the same words');
  assert.equal(ask('哪些情况可以申请临时救助').entryId, 52);
  assert.equal(ask('请问哪些情况可以申请临时救助？').entryId, 52);
  assert.equal(ask('临时救助怎么申请').entryId, 51);
});

test('engine: an entry is never preferred when the question asks a kind or aspect none of its phrasings asks (怎么申请 vs 发多少)', () => {
  const aid = doc(7, '普通高中学生资助细则', ['第一条 国家助学金每生每年2000元。', '第二条 申请高中国家助学金的，学生每学年开学后30日内向学校提出申请。']);
  const entries = [{ entryId: 61, question: '高中助学金发多少', answer: '每生每年2000元。', sources: [{ itemId: 7, article: 1 }] }];
  const q = '高中助学金怎么申请';
  const on = new QaEngine(analyzer, aid, entries);
  const hit = on.candidates(analyzer.concepts(q), 20, q).entries[0]!;
  assert.equal(hit.asksBeyond, true);
  assert.ok(hit.match >= ENGINE_PARAMS.entryMatch, `a high word match (${hit.match}): only the aspect tells them apart`);
  const a = rankAnswers(on, on.candidates(analyzer.concepts(q), 20, q), live, { question: q });
  assert.ok(a.answers[0]!.score < 1, 'not preferred');
  assert.deepEqual([a.answers[0]!.kind, a.answers[0]!.article], ['clause', 2]);
  const off = new QaEngine(analyzer, aid, entries, { ...ENGINE_PARAMS, aspectVeto: 0 });
  assert.equal(rankAnswers(off, off.candidates(analyzer.concepts(q), 20, q), live, { question: q }).answers[0]!.kind, 'entry');
  // The entry's own question still gets it.
  assert.equal(rankAnswers(on, on.candidates(analyzer.concepts('高中助学金发多少'), 20, '高中助学金发多少'), live).answers[0]!.entryId, 61);
});

test('engine: of two preferred entries, the one citing the best clause ranks first — two paths agree on it (agreeBonus)', () => {
  const jobless = doc(8, '失业保险金申领办理指南', [
    '1. 领取期限。累计缴费满1年不足5年的，最长领取12个月；满5年不足10年的，最长领取18个月。',
    '2. 发放标准。失业保险金按照本市最低工资标准的90%按月发放，现行标准为每人每月1935元。',
    '3. 办理渠道。失业人员可以通过“爱山东”APP申领，也可以到区公共就业和人才服务中心窗口办理。',
  ]);
  const entries = [
    { entryId: 81, question: '失业保险金领取期限\n失业金能领多久', answer: '缴费满1年不足5年最长领12个月。', sources: [{ itemId: 8, article: 1 }] },
    { entryId: 82, question: '失业保险金发放标准', answer: '每人每月1935元。', sources: [{ itemId: 8, article: 2 }] },
  ];
  const q = '失业金一个月多少钱';
  const on = new QaEngine(analyzer, jobless, entries);
  const c = on.candidates(analyzer.concepts(q), 20, q);
  assert.equal(c.clauses[0]!.clause.article, 2, 'the clause ranking points to the amount');
  assert.ok(c.entries[0]!.entry.entryId === 81, 'the period entry matches the words better');
  const top = rankAnswers(on, c, live, { question: q }).answers[0]!;
  assert.equal(top.entryId, 82);
  const off = new QaEngine(analyzer, jobless, entries, { ...ENGINE_PARAMS, agreeBonus: 0 });
  assert.equal(rankAnswers(off, off.candidates(analyzer.concepts(q), 20, q), live, { question: q }).answers[0]!.entryId, 81);
});

test('engine: an entry whose answer states what the question asks (去哪办: 到车管所登记) is not vetoed for its phrasing\'s silence', () => {
  const ebike = doc(9, '电动自行车管理规定', ['第一条 电动自行车应当自购车之日起15日内到交警大队车管所登记，领取号牌。', '第二条 驾驶电动自行车应当佩戴安全头盔。']);
  const entries = [{ entryId: 91, question: '电动自行车怎么上牌', answer: '购车之日起15日内，到交警大队车管所登记，免费。', sources: [{ itemId: 9, article: 1 }] }];
  const q = '电动自行车上牌去哪办';
  const on = new QaEngine(analyzer, ebike, entries);
  assert.equal(on.candidates(analyzer.concepts(q), 20, q).entries[0]!.asksBeyond, false);
  const top = rankAnswers(on, on.candidates(analyzer.concepts(q), 20, q), live, { question: q }).answers[0]!;
  assert.equal(top.entryId, 91);
  assert.ok(top.score >= 1, `preferred (score ${top.score})`);
  const off = new QaEngine(analyzer, ebike, entries, { ...ENGINE_PARAMS, answerStates: 0 });
  assert.equal(off.candidates(analyzer.concepts(q), 20, q).entries[0]!.asksBeyond, true, 'the phrasing alone does not ask where');
  assert.ok(rankAnswers(off, off.candidates(analyzer.concepts(q), 20, q), live, { question: q }).answers[0]!.score < 1);
});

test('engine: a close runner-up stating the precise kind asked (几次) answers instead of a best clause stating none (kindPromote)', () => {
  const clauses = [
    ...doc(4, '职业技能提升补贴实施办法', ['第一条 参加失业保险累计缴费满1年的企业职工，取得职业技能等级证书的，可以申请技能提升补贴。', '第二条 同一职业同一等级只能申请一次补贴，每人每年享受补贴不超过3次。', '第三条 补贴标准：取得初级证书的补贴1000元，中级证书1500元。', '第四条 职工应当在取得证书之日起12个月内申请补贴。']),
    ...doc(5, '临时救助实施细则', ['第一条 临时救助向户籍所在地镇、街道申请。', '第二条 临时救助审批5个工作日内完成。']),
  ];
  // (Without 最多, which since reads 不超过 and finds 第二条 by itself; and at the article weight 0.5, since at 1
  // the article's own score finds 第二条 by itself too: the scenario is a best clause lacking the kind asked.)
  const q = '一年能领几次技能补贴';
  const base = { ...ENGINE_PARAMS, clause: 0.5 };
  const ask = (params = base) => {
    const eng = new QaEngine(analyzer, clauses, [], params);
    return rankAnswers(eng, eng.candidates(analyzer.concepts(q), 20, q), live, { question: q });
  };
  const on = ask();
  assert.equal(on.abstained, false);
  assert.deepEqual([on.answers[0]!.itemId, on.answers[0]!.article], [4, 2]);
  assert.ok(on.answers.every((a, i) => i === 0 || a.score <= on.answers[i - 1]!.score), 'scores stay in order');
  // Without it the best clause (第一条, no count) lacks the kind asked and the engine abstains.
  assert.equal(ask({ ...base, kindPromote: 0 }).abstained, true);
  // At the shipped weights the count article is the best clause outright.
  const shipped = ask(ENGINE_PARAMS);
  assert.deepEqual([shipped.abstained, shipped.answers[0]?.itemId, shipped.answers[0]?.article], [false, 4, 2]);
});

test('engine: an entry sharing only an intent word with the question (标准 ← 多少钱) is not preferred for citing the best clause', () => {
  const clauses = [
    ...doc(4, '农村危房改造补助办法', ['第一条 农村低收入群体住房安全保障由区住房和城乡建设局负责。', '第二条 D级危房拆除重建的每户补助3万元，改造期间由村委会协助安置。', '第三条 补助资金在竣工验收后30日内发放。']),
    ...doc(5, '老年助餐服务补助办法', ['第一条 老年助餐服务由社区食堂提供。', '第二条 80周岁以上老人每餐补助3元。']),
  ];
  const entries = [{ entryId: 9, question: '农村危房改造补助标准', answer: 'D级危房拆除重建每户补助3万元。', sources: [{ itemId: 4, article: 2 }] }];
  const q = '退伍军人安置费多少钱';
  const run = (agreeTopic: number) => {
    const eng = new QaEngine(analyzer, clauses, entries, { ...ENGINE_PARAMS, agreeTopic });
    const c = eng.candidates(analyzer.concepts(q), 20, q);
    return { c, out: rankAnswers(eng, c, live, { question: q }) };
  };
  const on = run(1);
  // The setting of the rule: the entry cites the best clause and matches above agreeMatch, through 标准 alone.
  assert.deepEqual([on.c.clauses[0]!.clause.itemId, on.c.clauses[0]!.clause.article], [4, 2]);
  const hit = on.c.entries.find((e) => e.entry.entryId === 9)!;
  assert.ok(hit.match >= ENGINE_PARAMS.agreeMatch && !hit.sharesTopic, `match ${hit.match}, sharesTopic ${hit.sharesTopic}`);
  assert.ok(!(on.out.answers[0]?.kind === 'entry' && on.out.answers[0].score >= 1), JSON.stringify(on.out.answers[0]));
  const off = run(0);
  assert.ok(off.out.answers[0]?.kind === 'entry' && off.out.answers[0].score >= 1, 'without the rule the entry is preferred');
  // An entry sharing a topic word is still preferred through the same route.
  const eng = new QaEngine(analyzer, clauses, entries);
  const q2 = '危房重建补助多少钱';
  const r2 = rankAnswers(eng, eng.candidates(analyzer.concepts(q2), 20, q2), live, { question: q2 });
  assert.ok(r2.answers[0]?.kind === 'entry' && r2.answers[0].entryId === 9, JSON.stringify(r2.answers[0]));
});

test('engine: a paraphrase in the words of an entry\'s answer finds the article it cites, and the entry with it; gone with the entry', () => {
  const birth = doc(9, '生育津贴办理细则', [
    '第一条 生育津贴由区医疗保障服务中心拨付给用人单位，用人单位收到后5个工作日内发放给职工。',
    '第二条 生育津贴按照用人单位上年度职工月平均工资除以30再乘以产假天数计发。',
    '第三条 生育津贴低于本人工资标准的，差额由用人单位补足。',
  ]);
  const entries = [{ entryId: 51, question: '生育津贴计发标准', answer: '生完孩子在家歇产假期间发的钱，按单位上年度月平均工资除以30、乘以产假天数算。', sources: [{ itemId: 9, article: 2 }] }];
  const q = '生完孩子在家歇着那阵子，单位发放的生育津贴咋算';
  const top = (e: QaEngine) => rankAnswers(e, e.candidates(analyzer.concepts(q), 20, q), live).answers[0];
  const on = new QaEngine(analyzer, birth, entries);
  assert.deepEqual([top(on)?.kind, top(on)?.entryId], ['entry', 51]);
  on.setEntries([]);
  assert.equal(top(on)?.article, 1, 'the entry\'s words leave the article with the entry (发放 is article 1\'s)');
  const saved = { extra: RANK_PARAMS.extra, extraGram: RANK_PARAMS.extraGram };
  try {
    Object.assign(RANK_PARAMS, { extra: 0, extraGram: 0 });
    const off = new QaEngine(analyzer, birth, entries);
    assert.deepEqual([top(off)?.kind, top(off)?.article], ['clause', 1]);
  } finally {
    Object.assign(RANK_PARAMS, saved);
  }
});
