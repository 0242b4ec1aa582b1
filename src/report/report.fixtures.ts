// A consistent report input for the pure tests (every check PASSes), to be broken one way per test.
import { emptyTable3, emptyTable4, T3_APPLICANT_COLUMNS, type Table3, type Table3Row } from './report-format.js';
import type { ReportInput } from './report-generate.js';

/** Sets a row from six applicant-column values and fills 总计. */
export function setRow(t: Table3, row: Table3Row, values: number[]): void {
  T3_APPLICANT_COLUMNS.forEach((c, i) => { t[row][c] = values[i] ?? 0; });
  t[row].总计 = values.reduce((a, b) => a + b, 0);
}

export function balancedTable3(): Table3 {
  const t = emptyTable3();
  setRow(t, '一、本年新收政府信息公开申请数量', [10, 3, 0, 1, 0, 1]);
  setRow(t, '二、上年结转政府信息公开申请数量', [2, 0, 0, 0, 0, 0]);
  setRow(t, '（一）予以公开', [5, 2, 0, 1, 0, 0]);
  setRow(t, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', [2, 0, 0, 0, 0, 0]);
  setRow(t, '（三）不予公开/4.保护第三方合法权益', [1, 0, 0, 0, 0, 0]);
  setRow(t, '（四）无法提供/1.本机关不掌握相关政府信息', [2, 1, 0, 0, 0, 0]);
  setRow(t, '（五）不予处理/2.重复申请', [1, 0, 0, 0, 0, 0]);
  setRow(t, '（七）总计', [11, 3, 0, 1, 0, 0]);
  setRow(t, '四、结转下年度继续办理', [1, 0, 0, 0, 0, 1]);
  return t;
}

export const LAST_YEAR_PROBLEMS = '一是政策解读形式较为单一，图解、视频等解读占比偏低；二是部分单位信息发布不够及时。下一步将加强培训，丰富解读形式，建立发布提醒机制。';

export function goodInput(over: Partial<ReportInput> = {}): ReportInput {
  const table4 = emptyTable4();
  table4.行政复议 = { 结果维持: 1, 结果纠正: 0, 其他结果: 0, 尚未审结: 1, 总计: 2 };
  table4['行政诉讼/未经复议直接起诉'] = { 结果维持: 0, 结果纠正: 1, 其他结果: 0, 尚未审结: 0, 总计: 1 };
  return {
    year: 2022,
    unitName: '区住建局',
    scope: '本级',
    sourceYears: { requests: 2022, disclosure: 2022, ledger: 2022 },
    table3: balancedTable3(),
    table4,
    normative: { issued: 3, repealed: 1, inForce: 12 },
    rules: null,
    entered: { permits: 120, penalties: 8, coercions: 0, feesWan: '12.3456', source: '区住建局执法台账（2023-01-05导出）' },
    penaltyItemsPublished: 6,
    overview: { itemsByCategory: [{ name: '政策文件', count: 5 }, { name: '行政处罚', count: 6 }], itemsTotal: 11, interpretations: { published: 3, onTime: 2, late: 1 }, gazetteIssues: null },
    requests: { onTimeRate: 1, medianWorkingDays: 9, fees: { count: 1, amountYuan: 100 } },
    ledger: { planYear: 2022, planTitle: '临淄区2022年政务公开工作方案', tasks: 12, measures: 30, measuresDone: 27, measuresOverdue: 1, rectifications: 2, rectificationsDone: 2 },
    texts: {
      overview: '本局坚持以公开为常态、不公开为例外。',
      problems: '主要问题：住房保障信息更新不够及时，部分办事指南要素不全。改进措施：建立每月核查制度，由科室负责人签字确认，年底前完成全部办事指南的复核和补正。',
      other: '',
    },
    explanations: {},
    prior: {
      year: 2021, source: 'published',
      carryOver: { 自然人: 2, 商业企业: 0, 科研机构: 0, 社会公益组织: 0, 法律服务机构: 0, 其他: 0, 总计: 2 },
      normativeInForce: 10, rulesInForce: null, problemsText: LAST_YEAR_PROBLEMS,
    },
    normativeDocs: [],
    version: 1,
    changeNote: '',
    ...over,
  };
}
