// Development set, batch 3 (written 2026-12-02 02:45 UTC, before this session's engine changes were tuned and
// without looking at the judged set's questions or results): four more fictional district policies on topics no
// other set covers, everyday questions, unanswerable questions that share words with these documents, and
// curated entries whose paraphrases use other words than the entry's own question. Used first as a check of
// the rules chosen on batches 1–2 (its figures reported before any tuning on it), then as part of dev.
import type { Policy } from '../policies.js';
import type { CuratedEntry, Judged } from '../questions.js';

export const DEV3_POLICIES: Policy[] = [
  {
    key: 'soldier', title: '临淄区义务兵家庭优待金发放办法', docNumber: '临退役发〔2024〕9号', unit: '区退役军人事务局', type: 'policy',
    body: [
      '一、发放对象',
      '本区入伍的义务兵，入伍前户籍在本区的，其家庭享受义务兵家庭优待金；入伍前是全日制高校在校生或毕业生的，户籍迁出本区的也可以享受。',
      '二、发放标准',
      '义务兵家庭优待金按照上年度全区城镇居民人均可支配收入的50%确定，每年公布一次；获得二等功以上奖励的，当年优待金增发30%。',
      '三、发放方式',
      '优待金每年12月底前一次性发放，由区退役军人事务局直接打入义务兵父母或者配偶的银行账户。',
      '四、停发情形',
      '义务兵被部队除名、开除军籍或者受刑事处罚的，自当年起停发优待金；已经发放的，由户籍所在地镇、街道追回。',
      '五、办理程序',
      '义务兵家属在入伍当年的10月31日前，持入伍通知书和户口簿到户籍所在地镇、街道退役军人服务站登记，逾期登记的从次年起发放。',
    ],
  },
  {
    key: 'pension', title: '临淄区城乡居民基本养老保险缴费补贴实施办法', docNumber: '临人社发〔2024〕31号', unit: '区人力资源和社会保障局', type: 'normative',
    body: [
      '第一条 为鼓励城乡居民参加基本养老保险、多缴费长缴费，制定本办法。',
      '第二条 年满16周岁（不含在校学生）、非国家机关和事业单位工作人员及不属于职工基本养老保险覆盖范围的本区户籍居民，可以在户籍地参加城乡居民基本养老保险。',
      '第三条 缴费档次设为每年300元至5000元共12个档次，参保人自主选择，多缴多得。',
      '第四条 政府对参保人缴费给予补贴：选择300元档次的补贴40元，500元档次的补贴60元，1000元及以上档次的补贴100元。',
      '第五条 重度残疾人、低保对象、特困人员等缴费困难群体，由区财政按照每人每年300元的标准代缴。',
      '第六条 参保人年满60周岁、累计缴费满15年的，可以按月领取养老金；累计缴费不足15年的，可以一次性补缴至15年。',
      '第七条 参保人死亡的，其个人账户余额可以依法继承，由继承人持死亡证明到镇、街道社保所办理。',
    ],
  },
  {
    key: 'dog', title: '临淄区养犬管理规定', docNumber: '临政发〔2024〕14号', unit: '区公安分局', type: 'normative',
    body: [
      '第一章 总则',
      '第一条 为规范养犬行为，保障公民人身安全和环境卫生，制定本规定。',
      '第二章 登记和免疫',
      '第二条 在本区城区养犬的，应当自取得犬只之日起30日内，持犬只狂犬病免疫证明到辖区公安派出所办理养犬登记，领取犬牌。',
      '第三条 每户限养一只犬；城区禁止饲养烈性犬、大型犬，具体品种目录由区公安分局公布。',
      '第四条 犬只应当每年接种一次狂犬病疫苗，免疫费用由养犬人承担；区畜牧兽医站设立免疫点，提供免疫服务。',
      '第三章 行为规范',
      '第五条 携犬出户应当为犬只佩戴犬牌，使用不超过1.5米的牵引绳，并即时清除犬只排泄物。',
      '第六条 犬只伤人的，养犬人应当立即将被伤害人送医诊治并先行垫付医疗费用，依法承担赔偿责任。',
      '第四章 法律责任',
      '第七条 未办理养犬登记的，由公安机关责令限期办理，逾期不办理的处200元罚款；饲养禁养犬的，没收犬只。',
    ],
  },
  {
    key: 'aid', title: '临淄区普通高中学生资助实施细则', docNumber: '临教发〔2024〕17号', unit: '区教育和体育局', type: 'policy',
    body: [
      '1. 资助对象。在本区普通高中就读的具有正式学籍的学生，家庭经济困难的，可以享受国家助学金。',
      '2. 资助标准。国家助学金平均资助标准为每生每年2000元，分两档：一档每生每年2500元，二档每生每年1500元。',
      '3. 免学费。建档立卡家庭、低保家庭、特困供养和残疾学生免除学费，由学校直接减免，不需要提交申请。',
      '4. 申请程序。学生每学年开学后30日内向学校提出申请，填写家庭经济困难学生认定申请表，学校认定后报区教育和体育局审核。',
      '5. 资金发放。助学金按学期发放，每学期结束前通过学生资助卡打入学生或监护人账户，不得以实物或者服务代替。',
      '6. 监督管理。学校应当在校内公示受助学生名单5个工作日，公示内容不得包含学生身份证号、家庭住址等个人信息。',
    ],
  },
];

export const DEV3_QUESTIONS: Judged[] = [
  { q: '当兵的家里能领多少优待金', doc: 'soldier', article: 2 },
  { q: '儿子大学期间去当兵，户口迁走了还有优待金吗', doc: 'soldier', article: 1 },
  { q: '立了二等功优待金能多发吗', doc: 'soldier', article: 2 },
  { q: '优待金什么时候发', doc: 'soldier', article: 3 },
  { q: '优待金打到谁的卡上', doc: 'soldier', article: 3 },
  { q: '义务兵被部队开除了优待金怎么办', doc: 'soldier', article: 4 },
  { q: '义务兵家属去哪里登记优待金', doc: 'soldier', article: 5 },
  { q: '优待金登记要带什么材料', doc: 'soldier', article: 5 },
  { q: '错过了登记时间还能领优待金吗', doc: 'soldier', article: 5 },
  { q: '义务兵优代金标准是多少', doc: 'soldier', article: 2, typo: true },
  { q: '农民能交城乡居民养老保险吗', doc: 'pension', article: 2 },
  { q: '居民养老保险一年最少交多少钱', doc: 'pension', article: 3 },
  { q: '交居民养老保险政府补多少', doc: 'pension', article: 4 },
  { q: '选1000元档次政府给补贴多少', doc: 'pension', article: 4 },
  { q: '低保户交不起养老保险怎么办', doc: 'pension', article: 5 },
  { q: '多大岁数能领养老金', doc: 'pension', article: 6 },
  { q: '养老保险只交了10年能补交吗', doc: 'pension', article: 6 },
  { q: '参保人去世了个人账户里的钱怎么办', doc: 'pension', article: 7 },
  { q: '上大学的学生能参加居民养老保险吗', doc: 'pension', article: 2 },
  { q: '居民养老保险有几个缴费档次', doc: 'pension', article: 3 },
  { q: '养狗要去哪里登记', doc: 'dog', article: 2 },
  { q: '买了狗多少天内要办狗证', doc: 'dog', article: 2 },
  { q: '城里能养大型犬吗', doc: 'dog', article: 3 },
  { q: '一家能养几只狗', doc: 'dog', article: 3 },
  { q: '狗多久打一次狂犬疫苗', doc: 'dog', article: 4 },
  { q: '遛狗绳子多长合适', doc: 'dog', article: 5 },
  { q: '狗咬了人谁出医药费', doc: 'dog', article: 6 },
  { q: '不办狗证会被罚款吗', doc: 'dog', article: 7 },
  { q: '狗粪便不清理怎么办', doc: 'dog', article: 5 },
  { q: '养犬登机需要什么证明', doc: 'dog', article: 2, typo: true },
  { q: '高中助学金一年多少钱', doc: 'aid', article: 2 },
  { q: '哪些高中生能拿助学金', doc: 'aid', article: 1 },
  { q: '低保家庭的孩子上高中要交学费吗', doc: 'aid', article: 3 },
  { q: '高中助学金怎么申请', doc: 'aid', article: 4 },
  { q: '开学多久内要申请助学金', doc: 'aid', article: 4 },
  { q: '助学金什么时候到账', doc: 'aid', article: 5 },
  { q: '学校能用校服抵助学金吗', doc: 'aid', article: 5 },
  { q: '受助学生名单会公示吗', doc: 'aid', article: 6 },
  { q: '残疾学生读高中免学费要申请吗', doc: 'aid', article: 3 },
  { q: '公示名单会不会写家庭住址', doc: 'aid', article: 6 },
];

/** No dev document answers these; each shares words with a batch-3 document. */
export const DEV3_UNANSWERABLE: string[] = [
  '退伍军人安置费多少钱', '养老保险能在网上查缴费记录吗', '狗走丢了去哪里找', '宠物医院收费标准',
  '高中奖学金怎么评', '大学生助学贷款怎么申请', '义务兵入伍体检标准', '职工养老保险退休年龄',
];

export const DEV3_ENTRIES: CuratedEntry[] = [
  { question: '义务兵家庭优待金标准', alt: ['优待金每年发多少'], answer: '按上年度全区城镇居民人均可支配收入的50%确定，每年公布；立二等功以上的当年增发30%。', doc: 'soldier', article: 2,
    paraphrases: ['孩子去部队服役，家里每年能拿到多少钱'] },
  { question: '优待金怎么登记', alt: ['义务兵家属登记办理'], answer: '入伍当年10月31日前，持入伍通知书和户口簿到户籍所在地镇、街道退役军人服务站登记。', doc: 'soldier', article: 5,
    paraphrases: ['娃刚参军，家里要去哪办手续领钱'] },
  { question: '城乡居民养老保险缴费补贴标准', alt: ['居民养老保险政府补贴多少'], answer: '300元档补40元，500元档补60元，1000元及以上档补100元。', doc: 'pension', article: 4,
    paraphrases: ['自己交农村养老保险，国家贴多少', '交得多补得多吗，交500补多少'] },
  { question: '养老保险缴费不满15年怎么办', alt: ['居民养老保险补缴'], answer: '年满60周岁累计缴费不足15年的，可以一次性补缴至15年。', doc: 'pension', article: 6,
    paraphrases: ['快60了才交了几年保险，能一次补齐吗'] },
  { question: '怎么办养犬登记', alt: ['狗证怎么办'], answer: '取得犬只之日起30日内，持狂犬病免疫证明到辖区派出所登记，领取犬牌。', doc: 'dog', article: 2,
    paraphrases: ['刚领养了一条小狗，要给它上户口吗', '家里养的狗要办什么手续'] },
  { question: '被狗咬了怎么办', alt: ['犬只伤人谁负责'], answer: '养犬人应当立即送被伤害人就医并先行垫付医疗费用，依法承担赔偿责任。', doc: 'dog', article: 6,
    paraphrases: ['邻居家的狗把我孩子咬伤了，打针的钱谁出'] },
  { question: '高中国家助学金标准', alt: ['高中助学金发多少'], answer: '平均每生每年2000元：一档2500元，二档1500元。', doc: 'aid', article: 2,
    paraphrases: ['家里困难，孩子读高中每年能补助多少', '普高贫困生补助是多少钱'] },
  { question: '高中免学费的条件', alt: ['哪些学生免学费'], answer: '建档立卡、低保、特困供养家庭学生和残疾学生免学费，学校直接减免，不用申请。', doc: 'aid', article: 3,
    paraphrases: ['我们家是低保户，孩子读高中学费能不能免'] },
];
