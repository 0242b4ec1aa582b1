// The checks of an annual report, pure: run on every save, shown as a list, each with the cells it compared.
// A FAIL blocks filing and publication; an UNCERTAIN needs a written explanation (printed in 六).
import {
  COLUMN_IDS, SECTION_TITLES, T3_CARRIED_IN, T3_CARRY_OUT, T3_NEW, T3_TOTAL, T3_APPLICANT_COLUMNS,
  TABLE3_COLUMNS, TABLE3_RESULT_ROWS, TABLE3_ROWS, TABLE4_COLUMNS, TABLE4_ROWS, type Table3Column,
} from './report-format.js';
import type { AnnualReportDoc, ReportInput } from './report-generate.js';
import { reportTitle } from './report-generate.js';
import { bigramJaccard, MIN_PROBLEMS_CHARS, normalizeForSimilarity, PLACEHOLDERS, SIMILARITY_THRESHOLD } from './similarity.js';

export type CheckStatus = 'PASS' | 'FAIL' | 'UNCERTAIN';
export type CheckCell = { ref: string; value: number | string | null };
export type Check = { id: string; status: CheckStatus; message: string; cells: CheckCell[] };

/** What the checks need besides the generated report. */
export type CheckContext = Pick<ReportInput, 'year' | 'sourceYears' | 'prior' | 'normative' | 'rules' | 'entered' | 'penaltyItemsPublished' | 'normativeDocs'>;

const t3ref = (row: string, col: string) => `表三｜${row}｜${col}`;
const t4ref = (row: string, col: string) => `表四｜${row}｜${col}`;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);
const rowNo = (i: number) => String(i + 1).padStart(2, '0');

export function table3Checks(doc: Pick<AnnualReportDoc, 'table3'>): Check[] {
  const t = doc.table3 as Record<string, Record<string, unknown> | undefined>;
  const cell = (r: string, c: string) => t[r]?.[c];
  const out: Check[] = [];
  // Every cell a non-negative integer; 0 is written as 0, never left blank.
  const bad: CheckCell[] = [];
  for (const r of TABLE3_ROWS) for (const c of TABLE3_COLUMNS) {
    const v = cell(r, c);
    if (!isCount(v)) bad.push({ ref: t3ref(r, c), value: v === undefined || v === null || v === '' ? null : String(v) });
  }
  out.push({ id: 't3.cells', status: bad.length ? 'FAIL' : 'PASS', cells: bad,
    message: bad.length ? `表三有${bad.length}个单元格为空或不是非负整数（0也须填写）` : `表三${TABLE3_ROWS.length * TABLE3_COLUMNS.length}个单元格均为非负整数` });
  // Per column: 一 + 二 = 三（七）总计 + 四.
  for (const c of TABLE3_COLUMNS) {
    const [a, b, x, y] = [num(cell(T3_NEW, c)), num(cell(T3_CARRIED_IN, c)), num(cell(T3_TOTAL, c)), num(cell(T3_CARRY_OUT, c))];
    const ok = a + b === x + y;
    out.push({ id: `t3.balance.${COLUMN_IDS[c]}`, status: ok ? 'PASS' : 'FAIL',
      message: `表三“${c}”列：一（${a}）+ 二（${b}）${ok ? '=' : '≠'} 三（七）总计（${x}）+ 四（${y}）`,
      cells: [T3_NEW, T3_CARRIED_IN, T3_TOTAL, T3_CARRY_OUT].map((r) => ({ ref: t3ref(r, c), value: (cell(r, c) as number) ?? null })) });
  }
  // Per column: the 21 result rows sum to （七）总计.
  for (const c of TABLE3_COLUMNS) {
    const sum = TABLE3_RESULT_ROWS.reduce((s, r) => s + num(cell(r, c)), 0);
    const total = num(cell(T3_TOTAL, c));
    const ok = sum === total;
    out.push({ id: `t3.results.${COLUMN_IDS[c]}`, status: ok ? 'PASS' : 'FAIL',
      message: `表三“${c}”列：（一）至（六）各项之和（${sum}）${ok ? '=' : '≠'}（七）总计（${total}）`,
      cells: [...TABLE3_RESULT_ROWS, T3_TOTAL].map((r) => ({ ref: t3ref(r, c), value: (cell(r, c) as number) ?? null })) });
  }
  // Per row: 自然人 + the five organisation columns = 总计.
  TABLE3_ROWS.forEach((r, i) => {
    const sum = T3_APPLICANT_COLUMNS.reduce((s, c) => s + num(cell(r, c)), 0);
    const total = num(cell(r, '总计'));
    const ok = sum === total;
    out.push({ id: `t3.row.${rowNo(i)}`, status: ok ? 'PASS' : 'FAIL',
      message: `表三“${r}”行：自然人与法人或其他组织各列之和（${sum}）${ok ? '=' : '≠'}总计（${total}）`,
      cells: TABLE3_COLUMNS.map((c) => ({ ref: t3ref(r, c), value: (cell(r, c) as number) ?? null })) });
  });
  return out;
}

export function table4Checks(doc: Pick<AnnualReportDoc, 'table4'>): Check[] {
  const t = doc.table4 as Record<string, Record<string, unknown> | undefined>;
  const out: Check[] = [];
  const bad: CheckCell[] = [];
  for (const r of TABLE4_ROWS) for (const c of TABLE4_COLUMNS) {
    const v = t[r]?.[c];
    if (!isCount(v)) bad.push({ ref: t4ref(r, c), value: v === undefined || v === null || v === '' ? null : String(v) });
  }
  out.push({ id: 't4.cells', status: bad.length ? 'FAIL' : 'PASS', cells: bad,
    message: bad.length ? `表四有${bad.length}个单元格为空或不是非负整数（0也须填写）` : `表四${TABLE4_ROWS.length * TABLE4_COLUMNS.length}个单元格均为非负整数` });
  TABLE4_ROWS.forEach((r, i) => {
    const parts = (['结果维持', '结果纠正', '其他结果', '尚未审结'] as const).map((c) => num(t[r]?.[c]));
    const sum = parts.reduce((a, b) => a + b, 0);
    const total = num(t[r]?.总计);
    const ok = sum === total;
    out.push({ id: `t4.row.${i + 1}`, status: ok ? 'PASS' : 'FAIL',
      message: `表四“${r}”：维持（${parts[0]}）+ 纠正（${parts[1]}）+ 其他（${parts[2]}）+ 尚未审结（${parts[3]}）${ok ? '=' : '≠'}总计（${total}）`,
      cells: TABLE4_COLUMNS.map((c) => ({ ref: t4ref(r, c), value: (t[r]?.[c] as number) ?? null })) });
  });
  return out;
}

function table2Checks(doc: AnnualReportDoc, ctx: CheckContext): Check[] {
  const out: Check[] = [];
  const e = ctx.entered;
  const fields: [string, number | null][] = [['行政许可', e.permits], ['行政处罚', e.penalties], ['行政强制', e.coercions]];
  const bad: CheckCell[] = [];
  for (const [label, v] of fields) if (!isCount(v)) bad.push({ ref: `表二｜${label}｜本年处理决定数量`, value: v });
  const fee = e.feesWan;
  if (fee === null || !/^\d+(\.\d{1,4})?$/.test(fee)) bad.push({ ref: '表二｜行政事业性收费｜本年收费金额（单位：万元）', value: fee });
  for (const [row, cols] of Object.entries(doc.table2)) {
    if (row === '行政许可' || row === '行政处罚' || row === '行政强制' || row === '行政事业性收费') continue;
    for (const [c, v] of Object.entries(cols)) if (!isCount(v)) bad.push({ ref: `表二｜${row}｜${c}`, value: v });
  }
  out.push({ id: 't2.cells', status: bad.length ? 'FAIL' : 'PASS', cells: bad,
    message: bad.length ? `表二有${bad.length}项未填写或不是有效数字（行政许可、处罚、强制为非负整数，收费金额最多4位小数，0也须填写）` : '表二各项均已填写' });
  const pub = ctx.penaltyItemsPublished;
  if (isCount(e.penalties)) {
    const ok = e.penalties >= pub;
    out.push({ id: 't2.penalties_published', status: ok ? 'PASS' : 'UNCERTAIN',
      message: ok ? `填报的行政处罚决定（${e.penalties}）不少于本年公开的行政处罚决定（${pub}）` : `填报的行政处罚决定（${e.penalties}）少于本年在平台公开的行政处罚决定（${pub}），请核对或说明`,
      cells: [{ ref: '表二｜行政处罚｜本年处理决定数量', value: e.penalties }, { ref: '平台公开的行政处罚决定', value: pub }] });
  }
  return out;
}

function crossYearChecks(doc: AnnualReportDoc, ctx: CheckContext): Check[] {
  const out: Check[] = [];
  const p = ctx.prior;
  const py = ctx.year - 1;
  // This year's 二 equals last year's 四, per column.
  if (!p?.carryOver) {
    out.push({ id: 'cross.carry_over', status: 'UNCERTAIN', cells: TABLE3_COLUMNS.map((c) => ({ ref: t3ref(T3_CARRIED_IN, c), value: doc.table3[T3_CARRIED_IN]?.[c] ?? null })),
      message: `没有${py}年度已公开的年报数据，无法核对“上年结转”与上年“结转下年度继续办理”（可录入上年已公开数据或作出说明）` });
  } else {
    const cells: CheckCell[] = [];
    const diff: Table3Column[] = [];
    for (const c of TABLE3_COLUMNS) {
      const now = doc.table3[T3_CARRIED_IN]?.[c] ?? null;
      const then = p.carryOver[c] ?? null;
      cells.push({ ref: t3ref(T3_CARRIED_IN, c), value: now }, { ref: `${py}年表三｜${T3_CARRY_OUT}｜${c}`, value: then });
      if (now !== then) diff.push(c);
    }
    out.push({ id: 'cross.carry_over', status: diff.length ? 'FAIL' : 'PASS', cells,
      message: diff.length ? `“上年结转”与${py}年度${p.source === 'published' ? '已公开年报' : '录入的上年数据'}的“结转下年度继续办理”不一致：${diff.join('、')}` : `“上年结转”与${py}年度“结转下年度继续办理”一致` });
  }
  // 现行有效(Y) = 现行有效(Y−1) + 本年制发 − 本年废止: UNCERTAIN (not FAIL) with the documents that explain a difference.
  const inForce = (id: string, label: string, counts: { issued: number; repealed: number; inForce: number }, priorInForce: number | null | undefined) => {
    const cells: CheckCell[] = [
      { ref: `表二｜${label}｜本年制发件数`, value: counts.issued }, { ref: `表二｜${label}｜本年废止件数`, value: counts.repealed },
      { ref: `表二｜${label}｜现行有效件数`, value: counts.inForce }, { ref: `${py}年表二｜${label}｜现行有效件数`, value: priorInForce ?? null },
    ];
    if (priorInForce === null || priorInForce === undefined) {
      out.push({ id, status: 'UNCERTAIN', cells, message: `没有${py}年度“${label}”现行有效件数，无法核对（可录入上年已公开数据或作出说明）` });
      return;
    }
    const expected = priorInForce + counts.issued - counts.repealed;
    if (expected === counts.inForce) {
      out.push({ id, status: 'PASS', cells, message: `“${label}”现行有效${counts.inForce}件 = 上年${priorInForce} + 制发${counts.issued} − 废止${counts.repealed}` });
      return;
    }
    const docs = id === 'cross.normative_in_force' ? ctx.normativeDocs : [];
    for (const d of docs) cells.push({ ref: `文件｜${d.title}${d.docNumber ? `（${d.docNumber}）` : ''}`, value: d.what });
    out.push({ id, status: 'UNCERTAIN', cells,
      message: `“${label}”现行有效${counts.inForce}件，与上年${priorInForce} + 制发${counts.issued} − 废止${counts.repealed} = ${expected}相差${counts.inForce - expected}件${docs.length ? `；可能相关的文件${docs.length}件已列出` : ''}，请说明` });
  };
  inForce('cross.normative_in_force', '行政规范性文件', ctx.normative, p?.normativeInForce);
  if (ctx.rules) inForce('cross.rules_in_force', '规章', ctx.rules, p?.rulesInForce);
  return out;
}

function formatChecks(doc: AnnualReportDoc, ctx: CheckContext): Check[] {
  const titles = doc.sections.map((s) => s.title);
  const sectionsOk = titles.length === SECTION_TITLES.length && titles.every((t, i) => t === SECTION_TITLES[i]);
  const out: Check[] = [{
    id: 'format.sections', status: sectionsOk ? 'PASS' : 'FAIL',
    message: sectionsOk ? '六个部分标题与2021年格式一致且顺序正确' : `部分标题与2021年格式（国办公开办函〔2021〕30号）不一致：${titles.join('；')}`,
    cells: titles.map((t, i) => ({ ref: `第${i + 1}部分标题`, value: t })),
  }];
  const y = ctx.year;
  const years: CheckCell[] = [
    { ref: '报告年度', value: doc.year },
    { ref: '标题', value: doc.title },
    { ref: '依申请公开数据年度', value: ctx.sourceYears.requests },
    { ref: '主动公开数据年度', value: ctx.sourceYears.disclosure },
    ...(ctx.sourceYears.ledger !== null ? [{ ref: '工作方案年度', value: ctx.sourceYears.ledger }] : []),
    ...(ctx.prior ? [{ ref: '上年数据年度', value: ctx.prior.year }] : []),
  ];
  const wrong = years.filter((c) => {
    if (c.ref === '标题') return c.value !== reportTitle(doc.unit, y);
    if (c.ref === '上年数据年度') return c.value !== y - 1;
    return c.value !== y;
  });
  // Generated narratives open with the year.
  for (const i of [2, 3]) {
    const first = doc.sections[i]?.paragraphs[0] ?? '';
    if (!first.startsWith(`${y}年`)) wrong.push({ ref: `${SECTION_TITLES[i]}首段`, value: first.slice(0, 12) });
  }
  out.push({ id: 'format.year', status: wrong.length ? 'FAIL' : 'PASS', cells: wrong.length ? wrong : years,
    message: wrong.length ? `报告年度不一致（应为${y}年）：${wrong.map((c) => c.ref).join('、')}` : `报告年度在标题、数据和正文中一致（${y}年）` });
  return out;
}

/** 五 must be substantive: not empty, not a placeholder, not (near-)identical to last year's. */
export function problemsCheck(text: string, lastYear: string | null): Check {
  const norm = normalizeForSimilarity(text);
  const cells: CheckCell[] = [{ ref: '第五部分字数', value: norm.length }];
  if (!text.trim() || PLACEHOLDERS.has(text.trim()) || PLACEHOLDERS.has(norm)) {
    return { id: 'text.problems', status: 'FAIL', cells, message: '第五部分“存在的主要问题及改进情况”为空或只写了“无”，须如实说明问题和改进措施' };
  }
  if (norm.length < MIN_PROBLEMS_CHARS) {
    return { id: 'text.problems', status: 'FAIL', cells, message: `第五部分过短（${norm.length}字，至少${MIN_PROBLEMS_CHARS}字），须具体说明问题和改进措施` };
  }
  if (lastYear && lastYear.trim()) {
    const sim = bigramJaccard(text, lastYear);
    cells.push({ ref: '与上年第五部分的相似度（字符二元组Jaccard）', value: Math.round(sim * 1000) / 1000 });
    if (sim >= SIMILARITY_THRESHOLD) {
      return { id: 'text.problems', status: 'FAIL', cells, message: `第五部分与上年报告几乎相同（相似度${Math.round(sim * 100)}%，阈值${SIMILARITY_THRESHOLD * 100}%），须结合本年度实际重写` };
    }
  }
  return { id: 'text.problems', status: 'PASS', cells, message: '第五部分已如实填写，且与上年不同' };
}

export function runChecks(doc: AnnualReportDoc, ctx: CheckContext, problemsText: string): Check[] {
  return [
    ...formatChecks(doc, ctx),
    ...table2Checks(doc, ctx),
    ...table3Checks(doc),
    ...table4Checks(doc),
    ...crossYearChecks(doc, ctx),
    problemsCheck(problemsText, ctx.prior?.problemsText ?? null),
  ];
}

/** What blocks filing and publication: any FAIL, and any UNCERTAIN without a written explanation. */
export function blockers(checks: Check[], explanations: Record<string, string>): { fails: Check[]; unexplained: Check[] } {
  return {
    fails: checks.filter((c) => c.status === 'FAIL'),
    unexplained: checks.filter((c) => c.status === 'UNCERTAIN' && !(explanations[c.id] ?? '').trim()),
  };
}
