// The within-document article ranking (second stage) and the analyser's filler handling.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, shippedLexicon } from './analyze.js';
import { ANSWER_TYPES, bigramsOfQuestion, prepareDocument, RANK_PARAMS, scorePrepared, scoreWithinDocument, type PreparedDoc } from './rank.js';

const analyzer = new Analyzer(shippedLexicon());
const RELIEF = [
  { path: '第一条', text: '第一条 为做好临时救助工作，制定本细则。' },
  { path: '第二条', text: '第二条 临时救助由申请人向户籍所在地镇、街道提出。' },
  { path: '第三条', text: '第三条 临时救助一般按照最低生活保障标准的3至6倍给予一次性救助。' },
  { path: '第四条', text: '第四条 镇、街道应当自受理之日起5个工作日内完成临时救助审批。' },
];
const best = (q: string) => {
  const s = scoreWithinDocument(RELIEF, analyzer.concepts(q), q);
  return s.indexOf(s.reduce((a, b) => (b.score > a.score ? b : a)));
};

test('words in every article tell none apart: the deciding word or the answer type picks the article', () => {
  assert.equal(best('临时救助审批要多久'), 3); // 工作日: the period
  assert.equal(best('临时救助一般给多少钱'), 2); // the amount (倍 of the standard)
  assert.equal(best('临时救助去哪里申请'), 1); // where: 向…提出
});

test('answer types read the question form and the clause form', () => {
  const period = ANSWER_TYPES.find((t) => t.name === 'period')!;
  assert.ok(period.ask.test('审批要多久') && period.has.test('5个工作日内') && !period.has.test('给予一次性救助'));
  const amount = ANSWER_TYPES.find((t) => t.name === 'amount')!;
  assert.ok(amount.ask.test('每月补多少钱') && amount.has.test('每人每月120元') && !amount.has.test('120天'));
});

test('a word no article holds backs off to its character bigrams; question bigrams skip punctuation', () => {
  const s = scoreWithinDocument([{ path: '', text: '普惠性托育机构收费每月不高于2000元' }, { path: '', text: '报名不需要另行审批' }], analyzer.concepts('普惠托育收费'), '普惠托育收费');
  assert.ok(s[0]!.score > s[1]!.score);
  assert.deepEqual(bigramsOfQuestion('育儿假，几天'), ['育儿', '儿假', '几天']);
});

test('words the statistical segmentation glues from a filler and a lone character are not question words', () => {
  const terms = analyzer.concepts('媳妇生娃我能请几天陪产假').map((c) => c.term);
  assert.ok(!terms.includes('我能'), terms.join(','));
  assert.ok(terms.some((t) => t.endsWith('产假')), terms.join(','));
  // A real out-of-dictionary word made of real words stays.
  assert.ok(analyzer.concepts('普惠托育收费').some((c) => c.term === '普惠托育'));
});

test('多少天 / 多少次 ask a period or a count, not an amount; 多大年纪 asks an age, not an area', () => {
  const kind = (q: string) => ANSWER_TYPES.filter((t) => t.ask.test(q)).map((t) => t.name);
  assert.ok(!kind('技能补贴审核多少天').includes('amount'), kind('技能补贴审核多少天').join());
  assert.ok(kind('技能补贴审核多少天').includes('period'));
  assert.ok(kind('一年最多领多少次').includes('count') && !kind('一年最多领多少次').includes('amount'));
  assert.ok(kind('装电梯补贴多少钱').includes('amount'));
  assert.deepEqual(kind('多大年纪能去老年食堂吃饭'), ['age']);
  assert.ok(kind('翻建的房子最大能盖多大').includes('area'));
  // 多大 before a permission asks an age (多大能骑电动车, 孩子多大才能上幼儿园), not an area.
  assert.deepEqual(kind('多大能骑电动车'), ['age']);
  assert.deepEqual(kind('小孩多大才能送去上幼儿园'), ['age']);
  assert.ok(!kind('房子能盖多大').includes('age'));
});

test('the bigram bloom only skips searches that would fail: the same scores as searching every article', () => {
  const docs = [RELIEF, [
    { path: '第一章 总则 > 第一条', title: '临淄区城乡居民医疗保险实施办法', text: '第一条 城乡居民医保每年9月1日至12月31日集中缴费。\n个人缴费标准为每人每年380元。' },
    { path: '第二章 待遇 > 第二条', title: '临淄区城乡居民医疗保险实施办法', text: '第二条 住院报销比例为70%，异地就医需先备案。' },
    { path: '第二章 待遇 > 第三条', title: '临淄区城乡居民医疗保险实施办法', text: '第三条 门诊慢特病（糖尿病、高血压）按规定报销，咨询电话12345。' },
  ]];
  const questions = ['临时救助审批要多久', '临时救助去哪里申请', '居民医保每年交多少钱', '异地看病怎么报销', '糖尿病门诊能报吗', '普惠托育收费', '医保电话是多少', '救助'];
  for (const d of docs) {
    const prepared = prepareDocument(d);
    const plain: PreparedDoc = { bodies: prepared.bodies, heads: prepared.heads, types: prepared.types, boiler: prepared.boiler };
    for (const q of questions) assert.deepEqual(scorePrepared(prepared, analyzer.concepts(q), q), scorePrepared(plain, analyzer.concepts(q), q), q);
  }
});

test('a purpose article (为……，制定本办法) or an entry-into-force one ranks below the articles that say something, unless asked why', async () => {
  const { isBoilerplate, RANK_PARAMS } = await import('./rank.js');
  assert.equal(isBoilerplate('第一条 为做好临时救助工作，制定本细则。'), true);
  assert.equal(isBoilerplate('第九条 本办法自2024年1月1日起施行。'), true);
  assert.equal(isBoilerplate('第二条 临时救助由申请人向户籍所在地镇、街道提出。'), false);
  const q = '临时救助工作由谁负责';
  const damped = scoreWithinDocument(RELIEF, analyzer.concepts(q), q);
  const plain = scoreWithinDocument(RELIEF, analyzer.concepts(q), q, { ...RANK_PARAMS, purpose: 0 });
  assert.ok(plain[0]!.score > 0 && RANK_PARAMS.purpose > 0);
  assert.ok(Math.abs(damped[0]!.score - (1 - RANK_PARAMS.purpose) * plain[0]!.score) < 1e-12, `${damped[0]!.score} vs ${plain[0]!.score}`);
  assert.equal(damped[1]!.score, plain[1]!.score);
  const why = '为什么要做临时救助工作';
  assert.ok(scoreWithinDocument(RELIEF, analyzer.concepts(why), why)[0]!.score > 0);
  assert.equal(scoreWithinDocument(RELIEF, analyzer.concepts(why), why)[0]!.score, scoreWithinDocument(RELIEF, analyzer.concepts(why), why, { ...RANK_PARAMS, purpose: 0 })[0]!.score);
});

test('每年 / 每月 state how often or how much, not when: the "when" form needs a date, a deadline or a schedule', () => {
  const when = ANSWER_TYPES.find((t) => t.name === 'when')!;
  assert.equal(when.has.test('优待金标准每年公布一次'), false);
  assert.equal(when.has.test('每个托位每月补助200元'), false);
  assert.equal(when.has.test('优待金每年12月底前一次性发放'), true);
  assert.equal(when.has.test('运营补贴由街道按季度核拨'), true);
});

test('申请条件 asks who qualifies: within a document, the article saying whom it applies to (适用于 …) answers it', () => {
  const qualify = ANSWER_TYPES.find((t) => t.name === 'qualify');
  assert.ok(qualify, 'a qualification answer type');
  assert.ok(qualify.ask.test('人才补贴申请条件是什么') && qualify.ask.test('哪些人可以领') && !qualify.ask.test('补贴发多少钱'));
  const title = '引进人才住房补贴管理办法';
  const doc = [
    { path: '第一条', title, text: '第一条 本办法适用于在本区企业签订3年以上劳动合同的全日制本科及以上学历人才。' },
    { path: '第二条', title, text: '第二条 租房补贴每月600元，最长36个月。' },
    { path: '第三条', title, text: '第三条 夫妻双方均符合条件的，只能由其中一方申请住房补贴。' },
    { path: '第四条', title, text: '第四条 申请人通过服务平台在线提交申请，上传毕业证书和劳动合同。' },
  ];
  const q = '人才住房补贴申请条件是什么';
  const s = scoreWithinDocument(doc, analyzer.concepts(q), q);
  const best = s.indexOf(s.reduce((a, b) => (b.score > a.score ? b : a)));
  assert.equal(best, 0, s.map((x) => x.score.toFixed(3)).join(' '));
});

test('a phone number is a number to call, not an amount or a count of five digits or more', () => {
  const phone = ANSWER_TYPES.find((t) => t.name === 'phone')!;
  assert.ok(phone.has.test('咨询电话0533-7186120') && phone.has.test('可以拨打12345反映') && phone.has.test('服务热线开通'));
  assert.equal(phone.has.test('视力残疾康复训练每年12000元，人工耳蜗手术最高60000元'), false);
  assert.equal(phone.has.test('每户补助1.5万元，补贴总额10000万元'), false);
  assert.equal(phone.has.test('全区新增托位20000个'), false);
});

test('带哪些东西 / 准备些什么 ask for the materials', () => {
  const materials = ANSWER_TYPES.find((t) => t.name === 'materials')!;
  assert.ok(materials.ask.test('卖房子办过户要带哪些东西') && materials.ask.test('要准备些什么') && materials.ask.test('申请要带什么'));
  assert.equal(materials.ask.test('过户多久能办完'), false);
});

test('什么价格 / 价钱 ask for an amount', () => {
  const amount = ANSWER_TYPES.find((t) => t.name === 'amount')!;
  assert.ok(amount.ask.test('车位按什么价格计费') && amount.ask.test('这个价钱合适吗'));
  assert.equal(amount.ask.test('车位在哪里'), false);
});

test('an article is also read in the words of the curated entries citing it: they rank it, but are not its coverage', () => {
  const arts = [
    { path: '第一条', text: '第一条 生育津贴按照用人单位上年度职工月平均工资除以30再乘以产假天数计发。' },
    { path: '第二条', text: '第二条 生育津贴由区医疗保障服务中心拨付给用人单位，用人单位收到后5个工作日内发放给职工。' },
    { path: '第三条', text: '第三条 生育津贴低于本人工资标准的，差额由用人单位补足。' },
  ];
  const entry = '生完孩子在家歇着的日子发的钱怎么算\n按单位上年度月平均工资除以30、乘以产假天数计发。';
  const doc = prepareDocument(arts.map((a, i) => ({ ...a, extra: i === 0 ? entry : undefined })));
  const q = '生完孩子在家歇着那阵子的钱按啥算';
  const on = scorePrepared(doc, analyzer.concepts(q), q);
  assert.ok(on[0]!.score > on[1]!.score && on[0]!.score > on[2]!.score, on.map((s) => s.score).join(' '));
  // What the article itself holds of the question is unchanged: the abstention judges the clause's own text.
  assert.ok(on[0]!.credit.every((c) => c === 0), on[0]!.credit.join(','));
  const off = scorePrepared(doc, analyzer.concepts(q), q, { ...RANK_PARAMS, extra: 0, extraGram: 0 });
  assert.ok(!(off[0]!.score > off[1]!.score), off.map((s) => s.score).join(' '));
});
