// The pure generator: from the figures of record (requests, disclosure, ledgers) and what the unit entered,
// the annual report in the 2021 format — tables, the six sections, the narrative of 三 and 四 written
// from the same numbers as the tables. No I/O; the service gathers the input.
import type { LedgerProgress } from '../ledger/public.js';
import {
  SECTION_TITLES, T3_CARRIED_IN, T3_CARRY_OUT, T3_NEW, T3_TOTAL, TABLE3_RESULT_ROWS, TABLE4_ROWS,
  type ReportScope, type Table2, type Table3, type Table3Column, type Table4,
} from './report-format.js';

export type NormativeCounts = { issued: number; repealed: number; inForce: number };
// The plan's implementation comes from the ledger module, in its own type (one definition).
export type { LedgerProgress } from '../ledger/public.js';
export type ExplainingDocument = { id: number; title: string; docNumber: string; what: string };

export type ReportInput = {
  year: number;
  unitName: string;
  scope: ReportScope;
  /** Years the figures of record were computed for (checked against `year`). */
  sourceYears: { requests: number; disclosure: number; ledger: number | null };
  table3: Table3;
  table4: Table4;
  normative: NormativeCounts;
  /** null: the body cannot make 规章 (zeros with a note). */
  rules: NormativeCounts | null;
  entered: { permits: number | null; penalties: number | null; coercions: number | null; feesWan: string | null; source: string };
  /** Published 行政处罚决定 items of the year, shown beside the entered count. */
  penaltyItemsPublished: number;
  overview: {
    itemsByCategory: { name: string; count: number }[];
    itemsTotal: number;
    interpretations: { published: number; onTime: number; late: number };
    /** null: the body publishes no gazette. */
    gazetteIssues: number | null;
    /** Public consultations (征求意见) opened in the year, with their comments and published feedback. */
    consultations?: { held: number; comments: number; feedbackPublished: number };
  };
  requests: { onTimeRate: number | null; medianWorkingDays: number | null; fees: { count: number; amountYuan: number } };
  ledger: LedgerProgress | null;
  texts: { overview: string; problems: string; other: string };
  /** Written explanations of UNCERTAIN checks, by check id (printed in 六). */
  explanations: Record<string, string>;
  /** Last year's figures: from its published report on the platform, or entered once for years before it. */
  prior: {
    year: number;
    source: 'published' | 'entered';
    carryOver: Record<Table3Column, number> | null;
    normativeInForce: number | null;
    rulesInForce: number | null;
    problemsText: string | null;
  } | null;
  /** Normative documents that explain a 现行有效 difference (issued/repealed/changed in the year). */
  normativeDocs: ExplainingDocument[];
  version: number;
  changeNote: string;
  /** Check labels for 六 (id → message); filled in by the caller after the checks ran. */
  uncertainLabels?: Record<string, string>;
};

export type ReportSection = { title: string; paragraphs: string[] };
export type AnnualReportDoc = {
  year: number;
  unit: string;
  scope: ReportScope;
  title: string;
  scopeNote: string;
  version: number;
  changeNote: string;
  sections: ReportSection[];
  table2: Table2;
  table2Notes: string[];
  table3: Table3;
  table4: Table4;
};

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
export const feeNumber = (s: string | null): number | null => (s === null ? null : Number(s));
const yuan = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

export function reportTitle(unit: string, year: number): string {
  return `${unit}${year}年政府信息公开工作年度报告`;
}

export function scopeNote(unit: string, scope: ReportScope): string {
  return scope === '本级'
    ? `本报告统计范围为${unit}本级（本机关自身收到和办理的情况）。`
    : `本报告统计范围为${unit}汇总（${unit}本级及所属各部门、镇（街道）的合计）。`;
}

export function buildTable2(i: Pick<ReportInput, 'normative' | 'rules' | 'entered'>): Table2 {
  const rules = i.rules ?? { issued: 0, repealed: 0, inForce: 0 };
  return {
    规章: { 本年制发件数: rules.issued, 本年废止件数: rules.repealed, 现行有效件数: rules.inForce },
    行政规范性文件: { 本年制发件数: i.normative.issued, 本年废止件数: i.normative.repealed, 现行有效件数: i.normative.inForce },
    行政许可: { 本年处理决定数量: i.entered.permits },
    行政处罚: { 本年处理决定数量: i.entered.penalties },
    行政强制: { 本年处理决定数量: i.entered.coercions },
    行政事业性收费: { '本年收费金额（单位：万元）': feeNumber(i.entered.feesWan) },
  };
}

/** 三: the narrative, every figure taken from table 3. */
export function narrativeTable3(year: number, t: Table3, subject = '本机关'): string[] {
  const tot = (r: keyof Table3) => t[r].总计;
  const sumOf = (prefix: string) => TABLE3_RESULT_ROWS.filter((r) => r.startsWith(prefix)).reduce((a, r) => a + t[r].总计, 0);
  const p1 = `${year}年，${subject}新收政府信息公开申请${tot(T3_NEW)}件（其中自然人${t[T3_NEW].自然人}件，法人或其他组织${tot(T3_NEW) - t[T3_NEW].自然人}件），上年结转${tot(T3_CARRIED_IN)}件。`;
  const p2 = `本年度办结${tot(T3_TOTAL)}件，其中予以公开${sumOf('（一）')}件，部分公开${sumOf('（二）')}件，不予公开${sumOf('（三）')}件，无法提供${sumOf('（四）')}件，不予处理${sumOf('（五）')}件，其他处理${sumOf('（六）')}件；结转下年度继续办理${tot(T3_CARRY_OUT)}件。`;
  return [p1, p2];
}

/** 四: the narrative, every figure taken from table 4. */
export function narrativeTable4(year: number, t: Table4, subject = '本机关'): string[] {
  const [fy, direct, after] = TABLE4_ROWS;
  const r = t[fy];
  const lit = t[direct].总计 + t[after].总计;
  const m = (k: '结果维持' | '结果纠正' | '其他结果' | '尚未审结') => t[direct][k] + t[after][k];
  return [
    `${year}年，${subject}因政府信息公开申请引起行政复议${r.总计}件，其中结果维持${r.结果维持}件，结果纠正${r.结果纠正}件，其他结果${r.其他结果}件，尚未审结${r.尚未审结}件。`,
    `因政府信息公开引起行政诉讼${lit}件（未经复议直接起诉${t[direct].总计}件，复议后起诉${t[after].总计}件），其中结果维持${m('结果维持')}件，结果纠正${m('结果纠正')}件，其他结果${m('其他结果')}件，尚未审结${m('尚未审结')}件。`,
  ];
}

export function buildReport(i: ReportInput): AnnualReportDoc {
  const table2 = buildTable2(i);
  const subject = i.scope === '汇总' ? '全区' : '本机关';
  const o = i.overview;
  const s1 = [
    scopeNote(i.unitName, i.scope),
    `（一）主动公开。${i.year}年，主动公开政府信息${o.itemsTotal}条${o.itemsByCategory.length ? `，其中${o.itemsByCategory.map((c) => `${c.name}${c.count}条`).join('、')}` : ''}。`,
    `（二）政策解读。发布政策解读${o.interpretations.published}篇，其中在文件公开后3个工作日内发布${o.interpretations.onTime}篇${o.interpretations.late ? `，逾期发布${o.interpretations.late}篇` : ''}。`,
    ...(o.gazetteIssues !== null ? [`（三）政府公报。出版政府公报${o.gazetteIssues}期。`] : []),
    `（${o.gazetteIssues !== null ? '四' : '三'}）依申请公开。新收政府信息公开申请${i.table3[T3_NEW].总计}件，办结${i.table3[T3_TOTAL].总计}件${i.requests.onTimeRate !== null ? `，按期答复率${pct(i.requests.onTimeRate)}` : ''}${i.requests.medianWorkingDays !== null ? `，答复用时中位数${i.requests.medianWorkingDays}个工作日` : ''}。`,
    ...(o.consultations && o.consultations.held
      ? [`（${o.gazetteIssues !== null ? '五' : '四'}）公众参与。公开征求意见${o.consultations.held}次，收到意见${o.consultations.comments}条，已公布意见采纳情况${o.consultations.feedbackPublished}次。`]
      : []),
    ...paragraphs(i.texts.overview),
  ];
  const notes: string[] = [];
  if (i.rules === null) notes.push(`${i.unitName}无规章制定权，规章一栏填0。`);
  const source = i.entered.source.trim();
  if (source) notes.push(`行政许可、行政处罚、行政强制、行政事业性收费数据来源：${source}。`);
  notes.push(`本年在本平台公开的行政处罚决定${i.penaltyItemsPublished}件（供核对）。`);
  const s2 = [`${i.year}年制发行政规范性文件${i.normative.issued}件，废止（含失效）${i.normative.repealed}件，截至${i.year}年12月31日现行有效${i.normative.inForce}件。详见下表。`];
  const s6: string[] = [];
  const fee = i.requests.fees;
  s6.push(fee.count ? `（一）信息处理费。本年度依据《政府信息公开信息处理费管理办法》发出收费通知并收取信息处理费${fee.count}件，共${yuan(fee.amountYuan)}元。` : '（一）信息处理费。本年度未收取信息处理费。');
  if (i.ledger) {
    const l = i.ledger;
    s6.push(`（二）年度政务公开工作要点落实情况。${l.planTitle ? `《${l.planTitle}》` : `${l.planYear}年政务公开工作方案`}涉及本${i.scope === '汇总' ? '区' : '单位'}任务${l.tasks}项，制定工作举措${l.measures}项，已完成${l.measuresDone}项，逾期未完成${l.measuresOverdue}项；“回头看”整改事项${l.rectifications}项，已整改${l.rectificationsDone}项。`);
  }
  const labels = i.uncertainLabels ?? {};
  const expl = Object.entries(i.explanations).filter(([, v]) => v.trim());
  if (expl.length) {
    s6.push(`（${i.ledger ? '三' : '二'}）数据说明。`);
    for (const [id, text] of expl) s6.push(`${labels[id] ? `${labels[id]}：` : ''}${text.trim()}`);
  }
  s6.push(...paragraphs(i.texts.other));
  if (i.version > 1 && i.changeNote.trim()) s6.push(`本报告为第${i.version}版，更正说明：${i.changeNote.trim()}`);
  return {
    year: i.year,
    unit: i.unitName,
    scope: i.scope,
    title: reportTitle(i.unitName, i.year),
    scopeNote: scopeNote(i.unitName, i.scope),
    version: i.version,
    changeNote: i.changeNote,
    sections: [
      { title: SECTION_TITLES[0], paragraphs: s1 },
      { title: SECTION_TITLES[1], paragraphs: s2 },
      { title: SECTION_TITLES[2], paragraphs: narrativeTable3(i.year, i.table3, subject) },
      { title: SECTION_TITLES[3], paragraphs: narrativeTable4(i.year, i.table4, subject) },
      { title: SECTION_TITLES[4], paragraphs: paragraphs(i.texts.problems) },
      { title: SECTION_TITLES[5], paragraphs: s6 },
    ],
    table2,
    table2Notes: notes,
    table3: i.table3,
    table4: i.table4,
  };
}

export const paragraphs = (s: string): string[] => s.replace(/\r\n/g, '\n').split(/\n+/).map((p) => p.trim()).filter(Boolean);
