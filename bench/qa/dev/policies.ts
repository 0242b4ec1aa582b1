// Development set, part 1 (issue 15, quality work): fictional district policies written for tuning the
// answer engine, BEFORE looking at which judged questions (bench/qa/questions.ts) fail. Different topics
// from the judged set, same kinds of structure (第X条 with chapters, 一、 headings, （一） items, 1. lists).
// The engine is tuned on this set only; the judged set is reported as it comes out.
import type { Policy } from '../policies.js';
import { DEV2_POLICIES } from './set2.js';
import { DEV3_POLICIES } from './set3.js';
import { DEV5_POLICIES } from './set5.js';
import { DEV6_POLICIES } from './set6.js';
import { DEV7_POLICIES } from './set7.js';
import { DEV8_POLICIES } from './set8.js';
import { DEV9_POLICIES } from './set9.js';
import { DEV10_POLICIES } from './set10.js';
import { DEV11_POLICIES } from './set11.js';
import { DEV12_POLICIES } from './set12.js';
import { DEV13_POLICIES } from './set13.js';
import { DEV14_POLICIES } from './set14.js';
import { DEV15_POLICIES } from './set15.js';
import { DEV16_POLICIES } from './set16.js';
import { DEV17_POLICIES } from './set17.js';
import { DEV18_POLICIES } from './set18.js';
import { DEV19_POLICIES } from './set19.js';
import { DEV20_POLICIES } from './set20.js';
import { DEV21_POLICIES } from './set21.js';
import { DEV22_POLICIES } from './set22.js';
import { DEV23_POLICIES } from './set23.js';
import { DEV24_POLICIES } from './set24.js';
import { DEV25_POLICIES } from './set25.js';
import { DEV26_POLICIES } from './set26.js';
import { DEV27_POLICIES } from './set27.js';
import { DEV28_POLICIES } from './set28.js';

const BATCH1: Policy[] = [
  {
    key: 'disab', title: '临淄区困难残疾人生活补贴和重度残疾人护理补贴实施办法', docNumber: '临民发〔2024〕21号', unit: '区民政局', type: 'normative',
    body: [
      '为保障残疾人基本生活，根据有关规定，结合本区实际，制定本办法。',
      '第一章 总则',
      '第一条 本办法所称残疾人两项补贴，是指困难残疾人生活补贴和重度残疾人护理补贴。',
      '第二条 区民政局会同区残疾人联合会负责两项补贴的组织实施，镇、街道负责受理和初审。',
      '第二章 对象和标准',
      '第三条 具有本区户籍、持有第二代中华人民共和国残疾人证，且属于最低生活保障家庭的残疾人，可以申领困难残疾人生活补贴，标准为每人每月120元。',
      '第四条 具有本区户籍、持有残疾等级为一级、二级的第二代残疾人证的重度残疾人，可以申领重度残疾人护理补贴，标准为每人每月100元；需要长期照护的，每人每月150元。',
      '第五条 同时符合两项补贴条件的，可以同时申领；已享受工伤保险生活护理费的，不再享受重度残疾人护理补贴。',
      '第三章 申请和发放',
      '第六条 申请人或者其监护人持居民身份证、户口簿和残疾人证，向户籍所在地镇、街道便民服务中心提出申请，也可以在“爱山东”政务服务平台网上申请。',
      '第七条 镇、街道自受理之日起10个工作日内完成初审，区民政局自收到初审材料之日起10个工作日内完成审定。审定通过的，自受理申请的当月起计发补贴，按月发放至本人社会保障卡。',
      '第八条 补贴对象死亡、户籍迁出本区或者不再符合条件的，自次月起停发；其家属或者监护人应当在15日内告知镇、街道。',
      '第九条 本办法自2024年7月1日起施行，有效期5年。',
    ],
  },
  {
    key: 'fund', title: '临淄区住房公积金提取管理细则', docNumber: '临公积金发〔2024〕3号', unit: '区住房和城乡建设局', type: 'policy',
    body: [
      '一、购房提取',
      '职工在本市购买自住住房的，可以凭购房合同和购房发票，提取本人及配偶的住房公积金，提取总额不超过实际支付的购房款。',
      '二、租房提取',
      '职工在本市无自有住房且租房自住的，可以提取住房公积金支付房租，每年可以提取一次，每次不超过1.5万元。',
      '三、偿还贷款提取',
      '职工偿还住房贷款本息的，可以每年提取一次，提取金额不超过上一年度实际还款额。',
      '四、离职和退休提取',
      '职工与单位终止劳动关系满6个月且未重新就业的，或者达到法定退休年龄的，可以申请销户提取全部住房公积金。',
      '五、办理渠道和时限',
      '提取业务可以通过住房公积金手机APP、网上业务大厅或者到区住房公积金服务大厅办理，材料齐全的，即时办结，资金在3个工作日内到账。',
      '六、违规提取',
      '以伪造合同、发票等方式骗提住房公积金的，责令退回，3年内不得办理提取和贷款业务。',
    ],
  },
  {
    key: 'relief', title: '临淄区临时救助实施细则', docNumber: '临民发〔2024〕30号', unit: '区民政局', type: 'normative',
    body: [
      '第一条 为解决群众遭遇突发性、紧迫性、临时性基本生活困难问题，制定本细则。',
      '第二条 因火灾、交通事故、突发重大疾病等意外事件，导致基本生活暂时出现严重困难的家庭或者个人，可以申请临时救助。',
      '第三条 临时救助由申请人向户籍所在地或者居住地镇、街道提出，委托村（居）委会或者他人代为申请的，应当提交委托书。',
      '第四条 申请临时救助应当提交居民身份证、遭遇困难的证明材料和家庭收入情况说明。',
      '第五条 临时救助一般按照本区最低生活保障标准的3至6倍给予一次性救助；对困难特别严重的，经区民政局审批，最高不超过最低生活保障标准的12倍。',
      '第六条 镇、街道应当自受理之日起5个工作日内完成审核审批；情况紧急的，先行救助，在救助后5个工作日内补齐手续。',
      '第七条 同一家庭或者个人因同一事由，一年内原则上只救助一次。',
      '第八条 采取虚报、隐瞒、伪造等手段骗取临时救助的，由民政部门追回救助资金，并依法追究责任。',
    ],
  },
  {
    key: 'relief-old', title: '临淄区临时救助暂行办法', docNumber: '临民发〔2019〕8号', unit: '区民政局', type: 'normative', validity: 'repealed',
    body: [
      '第一条 为做好临时救助工作，制定本办法。',
      '第二条 临时救助按照本区最低生活保障标准的2倍给予一次性救助。',
      '第三条 镇、街道应当自受理之日起15个工作日内完成审核。',
    ],
  },
  {
    key: 'nursery', title: '临淄区普惠托育服务补助办法', docNumber: '临卫健发〔2024〕12号', unit: '区卫生健康局', type: 'policy',
    body: [
      '为扩大普惠托育服务供给，减轻家庭婴幼儿照护负担，制定本办法。',
      '1. 补助对象。经区卫生健康局备案的普惠性托育机构，收托3岁以下婴幼儿的，按照实际收托人数给予运营补助。',
      '2. 补助标准。全日托每个托位每月补助200元，半日托每个托位每月补助100元；新建普惠托位的，一次性给予每个托位5000元建设补助。',
      '3. 收费标准。普惠性托育机构全日托收费每月不高于2000元，不得另收赞助费、择园费等费用。',
      '4. 家庭入托。本区户籍或者持有本区居住证家庭的3岁以下婴幼儿，可以到就近的普惠性托育机构报名入托，报名不需要另行审批。',
      '5. 申请程序。托育机构每年1月、7月向区卫生健康局提交补助申请和收托名册，区卫生健康局在20个工作日内完成核定，补助资金按半年拨付。',
      '6. 监督管理。发现托育机构虚报收托人数的，追回补助资金，3年内不得申请补助。',
    ],
  },
  {
    key: 'rural', title: '临淄区农村低收入群体等重点对象住房安全保障实施方案', docNumber: '临住建发〔2024〕18号', unit: '区住房和城乡建设局', type: 'policy',
    body: [
      '一、保障对象',
      '农村低保户、农村分散供养特困人员、低保边缘家庭和因病因灾因意外事故刚性支出较大导致基本生活出现严重困难的家庭，住房经鉴定为C级或者D级危房的，纳入住房安全保障范围。',
      '二、补助标准',
      '对D级危房拆除重建的，每户补助3万元；对C级危房加固维修的，每户补助1万元。自筹资金确有困难的特困人员，由镇、街道统筹安排集中供养或者租赁安置。',
      '三、申请和审核',
      '符合条件的农户向村委会提出书面申请，村委会评议公示后报镇、街道审核，镇、街道组织房屋安全鉴定，区住房和城乡建设局审批。',
      '四、建设要求',
      '改造后的住房建筑面积原则上1至2人户不超过40平方米，3人户不超过60平方米，应当满足抗震设防要求。',
      '五、资金拨付',
      '改造竣工验收合格后，补助资金在30日内通过“一卡通”发放至农户账户。',
    ],
  },
  {
    key: 'leave', title: '临淄区机关事业单位职工生育和育儿假期实施办法', docNumber: '临人社发〔2024〕16号', unit: '区人力资源和社会保障局', type: 'normative',
    body: [
      '第一条 为保障职工依法享受生育和育儿假期，制定本办法。',
      '第二条 符合法律法规规定生育子女的女职工，在国家规定的产假基础上，延长产假60天，产假期间工资照发。',
      '第三条 符合法律法规规定生育子女的，男方享受陪产假15天。',
      '第四条 子女3周岁以内的，夫妻双方每年各享受育儿假10天；育儿假可以分次休。',
      '第五条 职工休产假、陪产假、育儿假的，应当提前向所在单位提出书面申请，单位应当在3个工作日内批准。',
      '第六条 单位不得因职工休生育和育儿假期降低其工资、予以辞退或者解除聘用合同。',
    ],
  },
];

/** Batches 1, 2 (set2.ts), 3 (set3.ts), 5 (set5.ts), 6 (set6.ts), 7 (set7.ts), 8 (set8.ts), 9 (set9.ts), 10 (set10.ts), 11 (set11.ts), 12 (set12.ts), 13 (set13.ts), 14 (set14.ts), 15 (set15.ts), 16 (set16.ts), 17 (set17.ts), 18 (set18.ts), 19 (set19.ts), 20 (set20.ts), 21 (set21.ts), 22 (set22.ts), 23 (set23.ts), 24 (set24.ts), 25 (set25.ts), 26 (set26.ts), 27 (set27.ts) and 28 (set28.ts). */
export const DEV_POLICIES: Policy[] = [...BATCH1, ...DEV2_POLICIES, ...DEV3_POLICIES, ...DEV5_POLICIES, ...DEV6_POLICIES, ...DEV7_POLICIES, ...DEV8_POLICIES, ...DEV9_POLICIES, ...DEV10_POLICIES, ...DEV11_POLICIES, ...DEV12_POLICIES, ...DEV13_POLICIES, ...DEV14_POLICIES, ...DEV15_POLICIES, ...DEV16_POLICIES, ...DEV17_POLICIES, ...DEV18_POLICIES, ...DEV19_POLICIES, ...DEV20_POLICIES, ...DEV21_POLICIES, ...DEV22_POLICIES, ...DEV23_POLICIES, ...DEV24_POLICIES, ...DEV25_POLICIES, ...DEV26_POLICIES, ...DEV27_POLICIES, ...DEV28_POLICIES];
