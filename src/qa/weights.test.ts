// The article's own BM25 score (over the whole collection) in the rank beside the document and within-document
// scores: at weight 1 (0.5 before the title share) it decides close calls between an entry's article and the
// article the question asks for. Two development-set documents (batch 3) and their curated entries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, shippedLexicon } from './analyze.js';
import { ENGINE_PARAMS, QaEngine, questionConcepts, rankAnswers, type ClauseDoc } from './engine.js';
import type { DocState } from '../disclosure/public.js';

const analyzer = new Analyzer(shippedLexicon());
const live = (itemId: number): DocState => ({ id: itemId, title: `文件${itemId}`, doc_number: '', validity: 'valid' } as unknown as DocState);
const doc = (itemId: number, title: string, texts: string[]): ClauseDoc[] =>
  texts.map((text, i) => ({ itemId, article: i + 1, label: `第${i + 1}条`, path: `第${i + 1}条`, text, title, docNumber: `区发〔2024〕${itemId}号`, unitName: '区人社局' }));
const CLAUSES = [
  ...doc(1, '临淄区城乡居民基本养老保险缴费补贴实施办法', [
    '第一条 为鼓励城乡居民参加基本养老保险、多缴费长缴费，制定本办法。',
    '第二条 年满16周岁（不含在校学生）、非国家机关和事业单位工作人员及不属于职工基本养老保险覆盖范围的本区户籍居民，可以在户籍地参加城乡居民基本养老保险。',
    '第三条 缴费档次设为每年300元至5000元共12个档次，参保人自主选择，多缴多得。',
    '第四条 政府对参保人缴费给予补贴：选择300元档次的补贴40元，500元档次的补贴60元，1000元及以上档次的补贴100元。',
    '第五条 重度残疾人、低保对象、特困人员等缴费困难群体，由区财政按照每人每年300元的标准代缴。',
    '第六条 参保人年满60周岁、累计缴费满15年的，可以按月领取养老金；累计缴费不足15年的，可以一次性补缴至15年。',
    '第七条 参保人死亡的，其个人账户余额可以依法继承，由继承人持死亡证明到镇、街道社保所办理。',
  ]),
  ...doc(2, '临淄区普通高中学生资助实施细则', [
    '1. 资助对象。在本区普通高中就读的具有正式学籍的学生，家庭经济困难的，可以享受国家助学金。',
    '2. 资助标准。国家助学金平均资助标准为每生每年2000元，分两档：一档每生每年2500元，二档每生每年1500元。',
    '3. 免学费。建档立卡家庭、低保家庭、特困供养和残疾学生免除学费，由学校直接减免，不需要提交申请。',
    '4. 申请程序。学生每学年开学后30日内向学校提出申请，填写家庭经济困难学生认定申请表，学校认定后报区教育和体育局审核。',
    '5. 资金发放。助学金按学期发放，每学期结束前通过学生资助卡打入学生或监护人账户，不得以实物或者服务代替。',
    '6. 监督管理。学校应当在校内公示受助学生名单5个工作日，公示内容不得包含学生身份证号、家庭住址等个人信息。',
  ]),
];
const ENTRIES = [
  { entryId: 1, question: "城乡居民养老保险缴费补贴标准\n居民养老保险政府补贴多少", answer: '300元档补40元，500元档补60元，1000元及以上档补100元。', sources: [{ itemId: 1, article: 4 }] },
  { entryId: 2, question: "养老保险缴费不满15年怎么办\n居民养老保险补缴", answer: '年满60周岁累计缴费不足15年的，可以一次性补缴至15年。', sources: [{ itemId: 1, article: 6 }] },
  { entryId: 3, question: "高中国家助学金标准\n高中助学金发多少", answer: '平均每生每年2000元：一档2500元，二档1500元。', sources: [{ itemId: 2, article: 2 }] },
  { entryId: 4, question: "高中免学费的条件\n哪些学生免学费", answer: '建档立卡、低保、特困供养家庭学生和残疾学生免学费，学校直接减免，不用申请。', sources: [{ itemId: 2, article: 3 }] },
];
const top = (engine: QaEngine, q: string) => {
  const { text, concepts } = questionConcepts(engine, q);
  const a = rankAnswers(engine, engine.candidates(concepts, 20, text), live, { question: text }).answers[0]!;
  return `${a.itemId}#${a.article}`;
};

test('close calls between an entry\'s article and the asked one go to the asked article', () => {
  const engine = new QaEngine(analyzer, CLAUSES, ENTRIES);
  assert.equal(top(engine, '高中助学金怎么申请'), '2#4'); // 申请程序 (not the entry on 免学费)
});

test('at the earlier article weight (0.5) the entries\' articles win those calls: the weight is what decides', () => {
  assert.equal(ENGINE_PARAMS.clause, 1);
  const engine = new QaEngine(analyzer, CLAUSES, ENTRIES, { ...ENGINE_PARAMS, clause: 0.5 });
  assert.notEqual(top(engine, '高中助学金怎么申请'), '2#4');
});
