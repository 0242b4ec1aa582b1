// The labels of table 3 of the annual report (国办公开办函〔2021〕30号, shared/docs/annual-report-format.json)
// and how a request's applicant type and decision code map onto them. Pure data: the requests
// module counts into these cells (requestsYear), the report module prints them.
import { WITHHELD_BASIS_CODES, type WithheldBasisCode } from '../disclosure/public.js';

/** Applicant types of the API contract and the table-3 columns they count in. */
export const APPLICANT_TYPES = ['natural', 'commercial', 'research', 'social', 'legal_service', 'other_org'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];
export const APPLICANT_COLUMN: Record<ApplicantType, Table3Column> = {
  natural: '自然人', commercial: '商业企业', research: '科研机构', social: '社会公益组织', legal_service: '法律服务机构', other_org: '其他',
};
export const TABLE3_COLUMNS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'] as const;
export type Table3Column = (typeof TABLE3_COLUMNS)[number];

const R3 = '（三）不予公开';
const R4 = '（四）无法提供';
const R5 = '（五）不予处理';
const R6 = '（六）其他处理';

/** The 25 rows of table 3, in order; leaf rows under （三）–（六） are written `parent/leaf`. */
export const TABLE3_ROWS = [
  '一、本年新收政府信息公开申请数量',
  '二、上年结转政府信息公开申请数量',
  '（一）予以公开',
  '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  `${R3}/1.属于国家秘密`, `${R3}/2.其他法律行政法规禁止公开`, `${R3}/3.危及“三安全一稳定”`, `${R3}/4.保护第三方合法权益`,
  `${R3}/5.属于三类内部事务信息`, `${R3}/6.属于四类过程性信息`, `${R3}/7.属于行政执法案卷`, `${R3}/8.属于行政查询事项`,
  `${R4}/1.本机关不掌握相关政府信息`, `${R4}/2.没有现成信息需要另行制作`, `${R4}/3.补正后申请内容仍不明确`,
  `${R5}/1.信访举报投诉类申请`, `${R5}/2.重复申请`, `${R5}/3.要求提供公开出版物`, `${R5}/4.无正当理由大量反复申请`,
  `${R5}/5.要求行政机关确认或重新出具已获取信息`,
  `${R6}/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请`,
  `${R6}/2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请`,
  `${R6}/3.其他`,
  '（七）总计',
  '四、结转下年度继续办理',
] as const;
export type Table3Row = (typeof TABLE3_ROWS)[number];

/** The decision codes of a reply: exactly one per closed request, one table-3 result row each. */
export const DECISION_CODES = [
  'disclosed', 'partial',
  ...WITHHELD_BASIS_CODES.map((b) => `withheld_${b}` as const),
  'unable_not_held', 'unable_needs_creation', 'unable_unclear',
  'not_processed_complaint', 'not_processed_repeat', 'not_processed_publication', 'not_processed_excessive', 'not_processed_confirm',
  'other_no_correction', 'other_fee_unpaid', 'other',
] as const;
export type DecisionCode = 'disclosed' | 'partial' | `withheld_${WithheldBasisCode}` | 'unable_not_held' | 'unable_needs_creation' | 'unable_unclear'
  | 'not_processed_complaint' | 'not_processed_repeat' | 'not_processed_publication' | 'not_processed_excessive' | 'not_processed_confirm'
  | 'other_no_correction' | 'other_fee_unpaid' | 'other';

const WITHHELD_ROW: Record<WithheldBasisCode, Table3Row> = {
  art14_state_secret: `${R3}/1.属于国家秘密`,
  art14_law_forbidden: `${R3}/2.其他法律行政法规禁止公开`,
  art14_three_safety_one_stability: `${R3}/3.危及“三安全一稳定”`,
  art15_third_party: `${R3}/4.保护第三方合法权益`,
  art16_internal_affairs: `${R3}/5.属于三类内部事务信息`,
  art16_process_info: `${R3}/6.属于四类过程性信息`,
  art16_enforcement_file: `${R3}/7.属于行政执法案卷`,
  admin_query: `${R3}/8.属于行政查询事项`,
};

/** The table-3 result row a decision is counted in (the 21 leaf result rows). */
export function decisionRow(code: DecisionCode): Table3Row {
  if (code.startsWith('withheld_')) return WITHHELD_ROW[code.slice('withheld_'.length) as WithheldBasisCode];
  const rows: Record<string, Table3Row> = {
    disclosed: '（一）予以公开',
    partial: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    unable_not_held: `${R4}/1.本机关不掌握相关政府信息`,
    unable_needs_creation: `${R4}/2.没有现成信息需要另行制作`,
    unable_unclear: `${R4}/3.补正后申请内容仍不明确`,
    not_processed_complaint: `${R5}/1.信访举报投诉类申请`,
    not_processed_repeat: `${R5}/2.重复申请`,
    not_processed_publication: `${R5}/3.要求提供公开出版物`,
    not_processed_excessive: `${R5}/4.无正当理由大量反复申请`,
    not_processed_confirm: `${R5}/5.要求行政机关确认或重新出具已获取信息`,
    other_no_correction: `${R6}/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请`,
    other_fee_unpaid: `${R6}/2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请`,
    other: `${R6}/3.其他`,
  };
  const row = rows[code];
  if (!row) throw new Error(`unknown decision code: ${code}`);
  return row;
}

export type Table3 = Record<Table3Row, Record<Table3Column, number>>;

/** Table 4 (行政复议、行政诉讼) rows and columns, as the report JSON writes them. */
export const TABLE4_ROWS = ['行政复议', '行政诉讼/未经复议直接起诉', '行政诉讼/复议后起诉'] as const;
export const TABLE4_COLUMNS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'] as const;
export type Table4 = Record<(typeof TABLE4_ROWS)[number], Record<(typeof TABLE4_COLUMNS)[number], number>>;

/** What the annual report reads from the requests module for one body (or a sum of bodies) and year. */
export type RequestsYear = {
  year: number;
  /** The unit ids counted (the body itself for 本级; it and the units under it for 汇总). */
  unitIds: number[];
  table3: Table3;
  /** Table 4 from the 复议/诉讼 register. */
  table4: Table4;
  /** Share of requests answered in the year that were answered on time (null: none answered). */
  onTimeRate: number | null;
  /** Median working days from receipt to reply over requests answered in the year (null: none). */
  medianWorkingDays: number | null;
  /** 信息处理费 collected in the year: number of fee notices paid and the amount in yuan. */
  fees: { count: number; amountYuan: number };
};
