/**
 * Test corpus for the privacy scanner: real-looking government documents with the personal data
 * they contain (`expected`) and look-alike numbers that must not be reported. Numbers are built
 * with valid check digits at load time so that the fixtures cannot silently rot into
 * "not detected because the check digit was wrong".
 */
import { idCardCheckDigit, luhnCheckDigit } from './pii-checks.js';
import type { PrivacyKind } from './privacy-types.js';

/** 18-digit ID number from its first 17 digits. */
export const idNo = (first17: string): string => first17 + idCardCheckDigit(first17);
/** Bank card number from everything but its Luhn digit. */
export const cardNo = (payload: string): string => payload + luhnCheckDigit(payload);
/** Same card, printed in groups of four. */
export const grouped = (digits: string): string => digits.replace(/(\d{4})(?=\d)/g, '$1 ');

export interface PrivacyFixture {
  readonly name: string;
  readonly text: string;
  readonly expected: ReadonlyArray<{ readonly kind: PrivacyKind; readonly text: string }>;
}

const ID_A = idNo('37030519680315241'); // 临淄区, 1968
const ID_B = idNo('37030519751102003'); // check char is X for this one? computed either way
const ID_C = idNo('37032120010704552');
const ID_D = idNo('37030319590228101');
const ID_LEGAL = idNo('37030219800617003');
const ID_APPLICANT = idNo('37030520000229123');
const ID_OLD = '370305620814123'; // 15-digit, 1962-08-14
const CARD_REFUND = cardNo('621700223000123456');
const CARD_SUBSIDY = cardNo('622848001234567');

export const PUBLIC_NOTICE: PrivacyFixture = {
  name: '公示：城乡居民最低生活保障对象名单',
  text: `凤凰镇人民政府关于2023年第二季度城乡居民最低生活保障新增对象的公示
根据《山东省最低生活保障办法》（鲁政办发〔2022〕5号）和《临淄区最低生活保障审核确认办法》
（临政办字〔2022〕16号）有关规定，经本人申请、入户调查、民主评议，现将新增对象名单予以公示。
序号	姓名	身份证号码	家庭人口	月保障金额（元）	联系电话
1	王某芳	${ID_A}	3	1950	13853312345
2	刘某	${ID_B}	1	650	159 5331 2468
3	张某华	${ID_C}	2	1300	（无）
4	孙某	${ID_OLD}	1	650	0533-7212345
公示期为2023年6月23日至2023年6月29日（5个工作日）。如有异议，请在公示期内向镇社会事务办公室反映。
监督电话：0533-7181234，邮箱：lzfhz@zb.shandong.cn。
补贴资金通过惠民惠农“一本通”发放，王某芳账户${grouped(CARD_SUBSIDY)}。
索引号：11370305004158961X/2023-00056
凤凰镇人民政府
2023年6月23日`,
  expected: [
    { kind: 'id_card', text: ID_A },
    { kind: 'mobile', text: '13853312345' },
    { kind: 'id_card', text: ID_B },
    { kind: 'mobile', text: '159 5331 2468' },
    { kind: 'id_card', text: ID_C },
    { kind: 'id_card', text: ID_OLD },
    { kind: 'landline', text: '0533-7212345' },
    { kind: 'landline', text: '0533-7181234' },
    { kind: 'email', text: 'lzfhz@zb.shandong.cn' },
    { kind: 'bank_card', text: grouped(CARD_SUBSIDY) },
  ],
};

export const PENALTY_DECISION: PrivacyFixture = {
  name: '行政处罚决定书',
  text: `淄博市临淄区综合行政执法局
行政处罚决定书
临综执罚决字〔2023〕第0123号
当事人：淄博某某化工有限公司
统一社会信用代码：91370305MA3C5XYZ1K
住所：山东省淄博市临淄区稷下街道某某路123号
法定代表人：赵某，身份证号码：${ID_LEGAL}，联系电话：+86-139-1234-5678
违法事实：2023年5月12日，执法人员对当事人位于凤凰镇的生产车间进行检查，发现其擅自倾倒建筑垃圾约35吨。
以上事实有现场检查笔录（编号370305202305120001）、询问笔录、照片等证据证实。
处罚依据：《城市建筑垃圾管理规定》第二十六条。
处罚决定：罚款人民币伍万元整（¥50000.00）。
当事人须自收到本决定书之日起十五日内，将罚款缴至指定银行，收款账号1603003209200012345，
逾期不缴纳的，每日按罚款数额的3%加处罚款。
同时受到处罚的关联企业统一社会信用代码：123703050041589617。
如不服本决定，可在收到本决定书之日起六十日内向淄博市临淄区人民政府申请行政复议，
也可在六个月内依法向淄博市临淄区人民法院提起行政诉讼。
联系人：钱某某，电话（0533）7183456
2023年6月2日`,
  expected: [
    { kind: 'id_card', text: ID_LEGAL },
    { kind: 'mobile', text: '+86-139-1234-5678' },
    { kind: 'landline', text: '(0533)7183456'.replace('(', '（').replace(')', '）') },
  ],
};

export const BUDGET_TABLE: PrivacyFixture = {
  name: '财政预算表',
  text: `临淄区2023年一般公共预算支出表（单位：元）
功能分类科目编码	科目名称	预算数	上年执行数	增减率
2010301	行政运行	12345678901.23元	11876543210.00元	3.9%
2080208	基层政权建设和社区治理	13800000000元	13500000000元	2.2%
2100717	计划生育服务	预算数 13912345678	13712345678	1.5%
项目编码：3703052023000123456
合计：¥13853312345
全区户籍人口 615732 人，城镇化率 72.35%，地区生产总值 1234.56 亿元。
其中：教育支出 2,345,678,901 元，同比增长 6.8%。
数据来源：临淄区财政局（预算科）2023年1月15日，报表编号 20230115000123。
联系电话：0533-7219876`,
  expected: [{ kind: 'landline', text: '0533-7219876' }],
};

export const RECRUITMENT_NOTICE: PrivacyFixture = {
  name: '招聘公告',
  text: `临淄区卫生健康局所属事业单位2023年公开招聘工作人员公告
根据《事业单位人事管理条例》和《山东省事业单位公开招聘人员实施办法》（鲁人社发〔2022〕9号）规定，
经研究，决定公开招聘工作人员120名。
一、招聘岗位：岗位代码2023001至2023120，详见附件1。
二、报名时间：2023年6月1日9:00—2023年6月5日16:00。
三、笔试时间：2023年7月8日，准考证号形如202307080123。
四、咨询方式：
报名咨询电话：0533-7180001、0533-7180002（工作日8:30—17:00）
政策咨询：138 5330 1234（李老师）
纪检监督电话：0533 7189999
报名邮箱：lzwjjrsk@163.com；政府公开邮箱：lzwsj@linzi.gov.cn
五、其他：应聘人员需提供本人居民身份证，身份证号码须与报名表一致，例如 ${ID_D} 仅为示例。
申请人张某于2023年5月9日通过邮寄方式提出申请，身份证号 ${ID_APPLICANT.slice(0, 6)} ${ID_APPLICANT.slice(6, 14)} ${ID_APPLICANT.slice(14)}，
退费账户 ${CARD_REFUND}，护照号码 EA1234567。
临淄区卫生健康局
2023年5月20日`,
  expected: [
    { kind: 'landline', text: '0533-7180001' },
    { kind: 'landline', text: '0533-7180002' },
    { kind: 'mobile', text: '138 5330 1234' },
    { kind: 'landline', text: '0533 7189999' },
    { kind: 'email', text: 'lzwjjrsk@163.com' },
    { kind: 'email', text: 'lzwsj@linzi.gov.cn' },
    { kind: 'id_card', text: ID_D },
    {
      kind: 'id_card',
      text: `${ID_APPLICANT.slice(0, 6)} ${ID_APPLICANT.slice(6, 14)} ${ID_APPLICANT.slice(14)}`,
    },
    { kind: 'bank_card', text: CARD_REFUND },
    { kind: 'passport', text: 'EA1234567' },
  ],
};

/** Ordinary numbers found in government documents: none of these is personal data. */
export const LOOK_ALIKES: readonly string[] = [
  '临政办字〔2022〕16号',
  '国务院令第711号',
  '鲁政办发〔2022〕5号',
  '索引号：11370305MB28550270-2022-000123',
  '索引号：004158961/2022-00012',
  '2022-06-23',
  '20220623',
  '2022年6月23日',
  '金额12345678901.23元',
  '13800000000元',
  '13800000000 元',
  '￥13800000000',
  '人民币13912345678',
  '合计：13912345678',
  '统一社会信用代码：91370305MA3C5XYZ1K',
  '统一社会信用代码：123703050041589617',
  `编号${idNo('37030519900101123')}`,
  `长流水9${idNo('37030519900101123')}77`,
  `${cardNo('622202123456789012')}0`,
  '2023138123456780001',
  '13812345678901',
  `8${cardNo('622202123456789012')}`,
  '报表编号 20230115000123',
  '地区生产总值 1234.56 亿元',
  '教育支出 2,345,678,901 元',
  '电话号码段1380000至1389999',
  'E12345678型号设备',
  'G20230001次列车',
  '0.13812345678',
  '13812345678.5万元',
  '版本 1.13812345678',
  'ISBN 978-7-5097-1234-5',
  '邮编255400',
  '12345678',
  '身份证号码：370305199013011234', // month 13
  '身份证号码：990305199001011231', // province 99
];

export const DOCUMENTS: readonly PrivacyFixture[] = [PUBLIC_NOTICE, PENALTY_DECISION, BUDGET_TABLE, RECRUITMENT_NOTICE];
