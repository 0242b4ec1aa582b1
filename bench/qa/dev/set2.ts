// Development set, batch 2 (written 2026-12-01 22:45 UTC, before any of this session's engine changes and without
// looking at the judged set's questions or results): four more fictional district policies on topics neither
// the judged set nor batch 1 covers, everyday questions, unanswerable questions that share words with these
// documents, and curated entries whose paraphrases use other words than the entry's own question.
import type { Policy } from '../policies.js';
import type { CuratedEntry, Judged } from '../questions.js';

export const DEV2_POLICIES: Policy[] = [
  {
    key: 'funeral', title: '临淄区惠民殡葬政策实施办法', docNumber: '临民发〔2024〕41号', unit: '区民政局', type: 'normative',
    body: [
      '第一条 为减轻群众丧葬负担，推进殡葬改革，制定本办法。',
      '第二条 具有本区户籍的居民去世后在区殡仪馆火化的，免除遗体接运、暂存、火化和骨灰寄存4项基本殡葬服务费用。',
      '第三条 选择生态安葬（树葬、花葬、草坪葬、骨灰撒散）的，每例给予2000元奖励。',
      '第四条 减免费用由区殡仪馆直接减免，丧属持逝者居民身份证、死亡证明和户口簿办理，不需要另行申请。',
      '第五条 生态安葬奖励由丧属在安葬之日起6个月内，持安葬证明向户籍所在地镇、街道提出申请，镇、街道自受理之日起10个工作日内审核，区民政局审定后发放。',
      '第六条 城乡特困人员、低保对象去世的，在基本殡葬服务费用减免之外，另行给予1000元丧葬补助。',
      '第七条 禁止在耕地、林地、河道两侧修建坟墓；违反规定的，由镇、街道责令限期改正。',
    ],
  },
  {
    key: 'lift', title: '临淄区既有住宅加装电梯工作实施意见', docNumber: '临住建发〔2024〕27号', unit: '区住房和城乡建设局', type: 'policy',
    body: [
      '一、适用范围',
      '本区城市建成区内已建成投入使用、具有合法权属证明、未列入房屋征收计划的四层及以上住宅，可以加装电梯。',
      '二、业主意见',
      '加装电梯应当经本单元房屋专有部分面积占比三分之二以上且人数占比三分之二以上的业主同意，并由业主签订加装电梯协议。',
      '三、财政补助',
      '对验收合格并投入使用的加装电梯项目，每部电梯给予15万元财政补助，补助资金直接拨付给申请人代表。',
      '四、资金筹集',
      '加装电梯所需资金由业主按照所在楼层、面积等因素协商分摊；业主可以提取本人及配偶的住房公积金用于支付分摊费用。',
      '五、办理流程',
      '申请人代表向所在街道提交申请，区住房和城乡建设局会同自然资源、市场监管部门在15个工作日内完成联合审查，审查通过的出具联合审查意见书。',
      '六、运行维护',
      '电梯投入使用后，由业主委托具备资质的维保单位每15日至少进行一次维护保养，维护费用由业主分摊。',
    ],
  },
  {
    key: 'skill', title: '临淄区职业技能提升补贴实施办法', docNumber: '临人社发〔2024〕22号', unit: '区人力资源和社会保障局', type: 'normative',
    body: [
      '第一章 总则',
      '第一条 为鼓励劳动者提升职业技能，制定本办法。',
      '第二章 补贴对象和标准',
      '第二条 参加本区失业保险累计缴费满1年的企业职工，取得职业资格证书或者职业技能等级证书的，可以申请技能提升补贴。',
      '第三条 补贴标准：取得初级（五级）证书的补贴1000元，中级（四级）证书的补贴1500元，高级（三级）证书的补贴2000元。',
      '第四条 同一职业同一等级只能申请一次补贴，每人每年享受补贴不超过3次。',
      '第三章 申请和审核',
      '第五条 职工应当在取得证书之日起12个月内，通过“爱山东”APP或者区人力资源和社会保障局政务服务窗口提出申请。',
      '第六条 区人力资源和社会保障局自受理之日起20个工作日内完成审核，补贴资金发放至申请人本人社会保障卡。',
      '第四章 附则',
      '第七条 以伪造证书等手段骗取补贴的，追回补贴资金，5年内不得申领。',
    ],
  },
  {
    key: 'eldermeal', title: '临淄区老年助餐服务补助办法', docNumber: '临民发〔2024〕36号', unit: '区民政局', type: 'policy',
    body: [
      '1. 服务对象。本区户籍60周岁以上老年人，可以在社区老年食堂、助餐点就餐。',
      '2. 就餐补助。80周岁以上老年人每餐补助3元；低保、特困家庭中60周岁以上老年人每餐补助5元；补助每人每天限一餐。',
      '3. 送餐服务。失能、独居老年人需要送餐上门的，可以向社区提出，送餐费用每次不超过2元。',
      '4. 就餐办理。老年人持社会保障卡或者居民身份证到助餐点登记，即可享受就餐补助，不需要另行审批。',
      '5. 运营补贴。助餐点按照每月实际助餐人次，每人次获得1元运营补贴，由街道每季度核拨。',
      '6. 食品安全。助餐点应当落实食品留样制度，留样时间不少于48小时。',
    ],
  },
];

export const DEV2_QUESTIONS: Judged[] = [
  { q: '人去世了火化要钱吗', doc: 'funeral', article: 2 },
  { q: '骨灰寄存收费吗', doc: 'funeral', article: 2 },
  { q: '树葬有没有奖励', doc: 'funeral', article: 3 },
  { q: '花葬能给多少钱', doc: 'funeral', article: 3 },
  { q: '殡葬费减免要去哪里申请', doc: 'funeral', article: 4 },
  { q: '生态安葬奖励多久能批下来', doc: 'funeral', article: 5 },
  { q: '生态葬的奖励过了半年还能申请吗', doc: 'funeral', article: 5 },
  { q: '低保户老人去世有丧葬补助吗', doc: 'funeral', article: 6 },
  { q: '在自家承包地里修坟可以吗', doc: 'funeral', article: 7 },
  { q: '老小区能装电梯吗', doc: 'lift', article: 1 },
  { q: '加装电梯要多少业主同意', doc: 'lift', article: 2 },
  { q: '装电梯政府补贴多少钱', doc: 'lift', article: 3 },
  { q: '加装电梯的钱怎么分摊', doc: 'lift', article: 4 },
  { q: '装电梯能用公积金吗', doc: 'lift', article: 4 },
  { q: '加装电梯审批要多长时间', doc: 'lift', article: 5 },
  { q: '加装电梯去哪个部门申请', doc: 'lift', article: 5 },
  { q: '电梯多久保养一次', doc: 'lift', article: 6 },
  { q: '一楼住户不同意装电梯怎么办', doc: 'lift', article: 2 },
  { q: '考了电工证有补贴吗', doc: 'skill', article: 2 },
  { q: '技能提升补贴申请条件是什么', doc: 'skill', article: 2 },
  { q: '高级工证书补多少钱', doc: 'skill', article: 3 },
  { q: '中级技能等级证书补贴标准', doc: 'skill', article: 3 },
  { q: '同一个证能领两次补贴吗', doc: 'skill', article: 4 },
  { q: '一年最多能领几次技能补贴', doc: 'skill', article: 4 },
  { q: '拿到证书多久以内要申请补贴', doc: 'skill', article: 5 },
  { q: '技能补贴在手机上能申请吗', doc: 'skill', article: 5 },
  { q: '技能补贴审核多少天', doc: 'skill', article: 6 },
  { q: '技能补贴发到哪张卡上', doc: 'skill', article: 6 },
  { q: '用假证书领补贴会怎么样', doc: 'skill', article: 7 },
  { q: '技能提升补帖怎么申请', doc: 'skill', article: 5, typo: true },
  { q: '多大年纪能去老年食堂吃饭', doc: 'eldermeal', article: 1 },
  { q: '八十岁老人吃饭补多少', doc: 'eldermeal', article: 2 },
  { q: '低保老人助餐补助多少钱一顿', doc: 'eldermeal', article: 2 },
  { q: '一天能补几顿饭', doc: 'eldermeal', article: 2 },
  { q: '独居老人能送饭上门吗', doc: 'eldermeal', article: 3 },
  { q: '送餐要收钱吗', doc: 'eldermeal', article: 3 },
  { q: '老人助餐补助需要审批吗', doc: 'eldermeal', article: 4 },
  { q: '助餐点的运营补贴怎么算', doc: 'eldermeal', article: 5 },
  { q: '老年食堂饭菜留样多长时间', doc: 'eldermeal', article: 6 },
  { q: '老年助残服务要带什么证件', doc: 'eldermeal', article: 4, typo: true },
];

/** No dev document answers these; each shares words with a dev document. */
export const DEV2_UNANSWERABLE: string[] = [
  '墓地多少钱一平方', '电梯坏了打什么电话维修', '技能培训学费能报销吗', '老年人乘公交免费吗',
  '殡仪馆几点上班', '加装电梯的电梯品牌怎么选', '失业保险金每月领多少', '老年食堂可以带孙子去吃吗',
];

export const DEV2_ENTRIES: CuratedEntry[] = [
  { question: '火化和骨灰寄存要交钱吗', alt: ['基本殡葬服务费用减免'], answer: '本区户籍居民在区殡仪馆火化的，遗体接运、暂存、火化和骨灰寄存4项费用全免，由殡仪馆直接减免。', doc: 'funeral', article: 2,
    paraphrases: ['家里老人走了，殡仪馆的费用能免吗', '本地户口办丧事哪些费用不用出'] },
  { question: '生态安葬奖励多少钱', alt: ['树葬花葬奖励标准'], answer: '选择树葬、花葬、草坪葬或骨灰撒散的，每例奖励2000元。', doc: 'funeral', article: 3,
    paraphrases: ['骨灰撒到海里或者种树下面，政府给奖励吗'] },
  { question: '加装电梯财政补助标准', alt: ['装电梯每部补多少'], answer: '验收合格并投入使用的，每部电梯补助15万元，拨给申请人代表。', doc: 'lift', article: 3,
    paraphrases: ['我们楼想装个电梯，政府出多少钱', '老楼加电梯能拿到多少补助'] },
  { question: '加装电梯需要多少业主同意', alt: ['加装电梯同意比例'], answer: '本单元面积和人数都要三分之二以上的业主同意，并签订加装协议。', doc: 'lift', article: 2,
    paraphrases: ['单元里几户人同意才能装电梯'] },
  { question: '技能提升补贴标准', alt: ['职业技能等级证书补贴多少'], answer: '初级1000元，中级1500元，高级2000元。', doc: 'skill', article: 3,
    paraphrases: ['考下三级证书能拿多少补贴', '拿到技能证书政府补多少钱'] },
  { question: '技能提升补贴什么时候申请', alt: ['技能补贴申请期限'], answer: '取得证书之日起12个月内，在“爱山东”APP或区人社局窗口申请。', doc: 'skill', article: 5,
    paraphrases: ['证书拿到一年了还能申请补贴吗'] },
  { question: '老年人助餐补助标准', alt: ['老人吃饭每餐补多少'], answer: '80周岁以上每餐补3元；低保、特困家庭60周岁以上每餐补5元；每天限一餐。', doc: 'eldermeal', article: 2,
    paraphrases: ['我妈八十五了，在社区食堂吃饭便宜多少'] },
  { question: '老人能送餐上门吗', alt: ['独居老人送餐服务'], answer: '失能、独居老人可以向社区申请送餐上门，每次送餐费不超过2元。', doc: 'eldermeal', article: 3,
    paraphrases: ['老人腿脚不方便，饭能给送到家里吗'] },
];
