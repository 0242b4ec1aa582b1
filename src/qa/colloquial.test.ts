// How a resident's everyday question is read: colloquial function words in standard form, counting words and
// the asker's own figures dropped, an age read as an age, the A-not-A question form, the time of the asker's story.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, shippedLexicon, standardQuestion } from './analyze.js';
import { askedTypes, QaEngine, questionConcepts, type ClauseDoc } from './engine.js';
import { ANSWER_TYPES, statedTypes } from './rank.js';

const analyzer = new Analyzer(shippedLexicon());
const terms = (q: string) => analyzer.concepts(q).map((c) => c.term);
const bit = (name: string) => 1 << ANSWER_TYPES.findIndex((t) => t.name === name);

test('standardQuestion: 啥时候 / 咋办 / 哪儿 become 什么时候 / 怎么办 / 哪里, so the question asks what it asks', () => {
  assert.equal(standardQuestion('车补的钱啥时候能到卡上'), '车补的钱什么时候能到卡上');
  assert.equal(standardQuestion('补贴发完了咋办'), '补贴发完了怎么办');
  assert.equal(standardQuestion('去哪儿办'), '去哪里办');
  assert.equal(askedTypes('车补的钱啥时候发') & bit('when'), 0, 'the raw text asks nothing the types know');
  assert.notEqual(askedTypes(standardQuestion('车补的钱啥时候发')) & bit('when'), 0);
});

test('standardQuestion: a separable verb split by 了 is joined (受了伤 → 受伤, 结了婚 → 结婚)', () => {
  assert.ok(standardQuestion('拦抢包的受了伤，看病的钱谁出').startsWith('拦抢包的受伤'));
  assert.ok(terms('拦抢包的受了伤').includes('受伤'));
  assert.equal(standardQuestion('结了婚能休几天'), '结婚能休几天');
  assert.equal(standardQuestion('在外地住的院能报吗'), '在外地住院能报吗');
});

test('concepts: a numeral with its measure word counts, it is not a topic (两个月, 几本书 → 书, 两辆车 → 车)', () => {
  assert.ok(!terms('提车都两个月了').includes('两个'), terms('提车都两个月了').join(','));
  assert.ok(terms('一次能借几本书').includes('书'), terms('一次能借几本书').join(','));
  assert.ok(!terms('一次能借几本书').includes('几本书'));
  assert.ok(terms('家里有两辆车').includes('车'));
  // A word of the synonym table keeps its meaning: 每个月 is an intent word, not "月".
  const perMonth = analyzer.concepts('残疾人每个月能领多少补贴').find((c) => c.term === '每个月');
  assert.ok(perMonth?.soft, '每个月 stays a concept');
});

test('concepts: the A-not-A form asks about A (开不开 → 开 → 开放, 收不收 → 收 → 收费)', () => {
  const open = analyzer.concepts('周一图书馆开不开').find((c) => c.term === '开');
  assert.ok(open && open.alts.some((a) => a.term === '开放'), JSON.stringify(analyzer.concepts('周一图书馆开不开')));
  assert.ok(terms('特展收不收门票').includes('收'));
});

test('concepts: when the asker\'s story happened (上个月, 去年, 刚才) is no topic', () => {
  assert.deepEqual(terms('我上个月下河救了个小孩').filter((t) => t === '上个月'), []);
  assert.deepEqual(terms('去年交的养老保险').filter((t) => t === '去年'), []);
});

const clause = (article: number, text: string): ClauseDoc => ({ itemId: 1, article, label: `第${article}条`, path: `第${article}条`, text, title: '公共文化场馆免费开放管理办法', docNumber: '区发〔2026〕2号', unitName: '区文旅局' });
const CLAUSES = [
  clause(1, '第一条 读者凭居民身份证可以免费办理借阅证，不收取押金。'),
  clause(2, '第二条 未满14周岁的少年儿童，由监护人持户口簿代为办理借阅证。'),
  clause(3, '第三条 借阅证每证一次最多借阅图书5册，借期30日。'),
  clause(4, '第四条 区图书馆每周一闭馆，60周岁以上老年人凭证优先入馆。'),
];

test('questionConcepts: a figure of the asker\'s case that no clause holds is dropped; one a clause holds stays', () => {
  const engine = new QaEngine(analyzer, CLAUSES, []);
  const dropped = questionConcepts(engine, '借了25本书要多久还').concepts.map((c) => c.term);
  assert.ok(!dropped.includes('25'), dropped.join(','));
  assert.ok(analyzer.concepts('借了25本书要多久还').some((c) => c.term === '25'), 'the analyzer itself keeps it');
  const kept = questionConcepts(engine, '借30日能续借吗').concepts.map((c) => c.term);
  assert.ok(kept.includes('30'), kept.join(','));
});

test('an age in the question is read as an age: the article setting an age limit answers 孩子8岁能办借阅证吗', () => {
  const c = analyzer.concepts('孩子8岁能办借阅证吗');
  const age = c.find((x) => x.term === '周岁');
  assert.ok(age?.soft && age.figure, JSON.stringify(c));
  assert.ok(!c.some((x) => x.term === '8'));
  assert.ok(analyzer.concepts('孩子两岁了').some((x) => x.term === '周岁'), '两岁 as one word');
  const engine = new QaEngine(analyzer, CLAUSES, []);
  const q = '孩子8岁能办借阅证吗';
  const { text, concepts } = questionConcepts(engine, q);
  assert.equal(engine.candidates(concepts, 5, text).clauses[0]!.clause.article, 2);
});

test('statedTypes: a share of a known figure states an amount (优待金按收入的50%确定 answers 能拿多少钱)', () => {
  assert.notEqual(statedTypes('义务兵家庭优待金按照上年度全区城镇居民人均可支配收入的50%确定。') & bit('amount'), 0);
  assert.notEqual(statedTypes('每人每月补助120元。') & bit('amount'), 0);
  assert.equal(statedTypes('应当向户籍所在地镇、街道提出申请。') & bit('amount'), 0);
});

test('a compound the table lacks brings its sub-words\' synonyms at the sub-word\'s share (摆地摊 → 地摊 → 摊点)', () => {
  const lex = { words: [], groups: [['地摊', '摊点', '流动摊贩']] };
  const alts = (a: Analyzer) => new Map(a.concepts('晚上去哪摆地摊').find((c) => c.term === '摆地摊')?.alts.map((x) => [x.term, x.weight]) ?? []);
  const on = alts(new Analyzer(lex));
  assert.ok(on.has('地摊'), [...on.keys()].join(','));
  assert.ok((on.get('摊点') ?? 0) > 0 && on.get('摊点')! < on.get('地摊')!, `摊点 ${on.get('摊点')}`);
  assert.ok(!alts(new Analyzer(lex, { subSynonyms: false })).has('摊点'));
});

test('concepts: 的时候 says when the asker\'s case happens, never what it is about', () => {
  assert.ok(!terms('卖房子的时候维修资金能退给我吗').includes('时候'), terms('卖房子的时候维修资金能退给我吗').join(','));
  assert.ok(terms('领失业金的时候找到工作了还能领吗').includes('失业金'));
});

test('the shipped dictionary keeps a 政务 compound whole when the synonym table names a word inside it (翻新 = 改造 …)', () => {
  // The synonym table loads 改造 as a word of its own; 危房改造 must still be read as one thing, not 危房 + 改造.
  assert.ok(terms('危房改造怎么申请').includes('危房改造'), terms('危房改造怎么申请').join(','));
  assert.ok(analyzer.concepts('老楼翻新要自己掏钱吗').find((c) => c.term === '翻新')?.alts.some((a) => a.term === '改造'));
});

test('concepts: 还是 (A 还是 B) joins the choices, it is not asked about', () => {
  const t = terms('钱是给学生还是给学校');
  assert.ok(!t.includes('还是') && t.includes('学生') && t.includes('学校'), t.join(','));
});

test('concepts: 最多 (at most) asks for a ceiling and survives the segmentation (jieba alone cuts 最 / 多, or glues 最多能)', () => {
  for (const q of ['大病保险一年最多能报多少钱', '最多能借多少', '灵活就业社保补贴最多能享受几年']) {
    const c = analyzer.concepts(q).find((x) => x.term === '最多');
    assert.ok(c && c.soft && c.alts.some((a) => a.term === '最高') && c.alts.some((a) => a.term === '不超过'), `${q}: ${terms(q).join(',')}`);
  }
});

test('the shipped synonym table gives each word one line (a second line would be merged silently and drift from the first)', () => {
  const heads = shippedLexicon().groups.map((g) => g[0]);
  const twice = heads.filter((h, i) => heads.indexOf(h) !== i);
  assert.deepEqual(twice, []);
});

/** Whether the question's concepts reach word w (as a word of the question or one of its alternatives). */
const reaches = (q: string, w: string) => analyzer.concepts(q).some((c) => c.term === w || c.alts.some((a) => a.term === w));
/** The article of the engine's best clause candidate for q. */
const topArticle = (engine: QaEngine, q: string) => { const { text, concepts } = questionConcepts(engine, q); return engine.candidates(concepts, 5, text).clauses[0]?.clause.article; };

test('the 2026-12-04 vocabulary: 揭发 / 私盖 / 砍树 / 物管费 reach the words the documents use (举报, 违法建设, 砍伐, 物业服务费)', () => {
  assert.ok(reaches('揭发邻居私盖的房子', '举报'), JSON.stringify(analyzer.concepts('揭发邻居私盖的房子')));
  assert.ok(reaches('揭发邻居私盖的房子', '违法建设'));
  assert.ok(reaches('楼前的树能砍树吗', '砍伐'));
  assert.ok(reaches('物管费多少钱一平', '物业服务费'));
  const engine = new QaEngine(analyzer, [
    clause(1, '第一条 公民举报违法建设经查证属实的，按照拆除面积给予举报人200元至2000元奖励。'),
    clause(2, '第二条 申请砍伐城市树木的，应当向区园林绿化主管部门提交申请，经批准后补植。'),
    clause(3, '第三条 物业服务费按照房屋建筑面积计收，收费标准在小区显著位置公示。'),
  ], []);
  assert.equal(topArticle(engine, '揭发私盖的棚子给多少钱'), 1);
  assert.equal(topArticle(engine, '门口的树想砍树找谁批'), 2);
  assert.equal(topArticle(engine, '物管费按什么收'), 3);
});

test('the 2026-12-04 vocabulary from batch 23: 员工 / 残保金 / 挪走 / 预存 / 拿回 reach the words the documents use (职工, 残疾人就业保障金, 移植, 预收费, 领回)', () => {
  assert.ok(reaches('我们公司要交残保金吗', '残疾人就业保障金'), JSON.stringify(analyzer.concepts('我们公司要交残保金吗')));
  assert.ok(reaches('残疾员工多了有奖励吗', '职工'));
  assert.ok(reaches('修路要把古树挪走', '移植'));
  assert.ok(reaches('补习班让我预存一年的钱', '预收费'));
  assert.ok(reaches('被扣的三轮车怎么拿回', '领回'));
  const engine = new QaEngine(analyzer, [
    clause(1, '第一条 用人单位未按期缴纳残疾人就业保障金的，自欠缴之日起按日加收5‰的滞纳金。'),
    clause(2, '第二条 古树名木原则上不得移植，确需移植的由市林业主管部门批准。'),
    clause(3, '第三条 培训机构不得一次性预收费超过3个月的费用。'),
    clause(4, '第四条 被暂扣的物品，当事人可以在7日内凭身份证到保管处领回。'),
  ], []);
  assert.equal(topArticle(engine, '残保金晚交了咋办'), 1);
  assert.equal(topArticle(engine, '老树能挪走吗'), 2);
  assert.equal(topArticle(engine, '能预存一年吗'), 3);
  assert.equal(topArticle(engine, '被扣的车咋拿回'), 4);
});

test('the 2026-12-04 vocabulary from batch 24: 会员卡 / 撤离 / 油钱 / 不干了 / 教资 reach the words the documents use (预付卡, 转移, 交通补助, 停业, 教师资格)', () => {
  assert.ok(reaches('理发店的会员卡能退吗', '预付卡'), JSON.stringify(analyzer.concepts('理发店的会员卡能退吗')));
  assert.ok(reaches('村里让撤离咋办', '转移'));
  assert.ok(reaches('开车走的油钱给报吗', '交通补助'));
  assert.ok(reaches('面馆突然不干了', '停业'));
  assert.ok(reaches('教资认定在哪办', '教师资格'));
  const engine = new QaEngine(analyzer, [
    clause(1, '第一条 单张记名预付卡资金限额不超过5000元。'),
    clause(2, '第二条 自行驾驶车辆转移的，每户一次性给予交通补助200元。'),
    clause(3, '第三条 发卡经营者停业、歇业的，应当提前30日公告并办理退款。'),
  ], []);
  assert.equal(topArticle(engine, '会员卡最多能充多少'), 1);
  assert.equal(topArticle(engine, '自己开车撤离油钱给不给'), 2);
  assert.equal(topArticle(engine, '店不干了卡里的钱咋办'), 3);
});

test('the 2026-12-04 vocabulary from batches 25 and 26: 救助站 / 点火 / 骑手 / 麦子 / 泥头车 reach the words the documents use (救助管理站, 野外用火, 新就业形态就业人员, 小麦, 建筑垃圾运输)', () => {
  assert.ok(reaches('救助站管饭吗', '救助管理站'), JSON.stringify(analyzer.concepts('救助站管饭吗')));
  assert.ok(reaches('在山上点火要批吗', '野外用火'));
  assert.ok(reaches('骑手摔伤了能报吗', '新就业形态就业人员'));
  assert.ok(reaches('种麦子的保险', '小麦'));
  assert.ok(reaches('泥头车几点能上路', '建筑垃圾运输'));
  const engine = new QaEngine(analyzer, [
    clause(1, '第一条 森林防火期内禁止野外用火；因生产需要用火的，应当提前3日报镇（街道）批准。'),
    clause(2, '第二条 小麦保险每亩保费30元，农户自缴20%。'),
    clause(3, '第三条 救助管理站为受助人员提供符合食品卫生要求的食物。'),
  ], []);
  assert.equal(topArticle(engine, '山上烧荒得找谁批'), 1);
  assert.equal(topArticle(engine, '种麦子上保险自己掏多少'), 2);
  assert.equal(topArticle(engine, '救助站管饭不'), 3);
});

test('the 2026-12-04 vocabulary from batches 27 and 28: 代步车 / 古董 / 温室 / 扫街 / 小病 reach the words the documents use (机动轮椅车, 文物, 大棚, 保洁, 门诊)', () => {
  assert.ok(reaches('残疾人代步车有补贴吗', '机动轮椅车'), JSON.stringify(analyzer.concepts('残疾人代步车有补贴吗')));
  assert.ok(reaches('挖地基挖出来古董了咋办', '文物'));
  assert.ok(reaches('温室边上能搭屋吗', '大棚'));
  assert.ok(reaches('村里扫街一个月多少钱', '保洁'));
  assert.ok(reaches('看小病能报多少', '门诊'));
  const engine = new QaEngine(analyzer, [
    clause(1, '第一条 持证的下肢残疾人使用机动轮椅车的，每人每年发放燃油补贴300元。'),
    clause(2, '第二条 施工中发现文物的，应当立即停止施工，保护现场，并在24小时内报告区文物主管部门。'),
    clause(3, '第三条 乡村公益性岗位从事保洁、护林等工作的，每月岗位补贴800元。'),
  ], []);
  assert.equal(topArticle(engine, '开残疾人代步车每年能领多少加油钱'), 1);
  assert.equal(topArticle(engine, '工地上刨出来老物件咋办'), 2);
  assert.equal(topArticle(engine, '在村里扫街一个月能挣多少'), 3);
});
