// The annual assessment (考核) of units' ledger work: a configurable scheme of weighted factors,
// each scored 0–1 from facts that the drill-down lists, so every score can be traced.
import { z } from 'zod';
import { strictNumberInput } from '../lib/validate.js';

export type AssessmentScheme = {
  /** Weights, any non-negative numbers; the score is 100 × Σ wᵢsᵢ / Σ wᵢ over the factors that apply. */
  weights: { timely: number; completion: number; overdue: number; evidence: number; guidance: number; disclosure: number; annualReport: number };
  /** Share of the 按时报送 factor kept for a late submission (0–1). */
  latePartial: number;
  /** Each overdue measure takes this much off the 逾期 factor (0–1). */
  overduePenalty: number;
};

export const DEFAULT_SCHEME: AssessmentScheme = {
  weights: { timely: 20, completion: 40, overdue: 20, evidence: 10, guidance: 10, disclosure: 10, annualReport: 10 },
  latePartial: 0.5,
  overduePenalty: 0.2,
};

export const FACTOR_KEYS = ['timely', 'completion', 'overdue', 'evidence', 'guidance', 'disclosure', 'annualReport'] as const;
export type FactorKey = (typeof FACTOR_KEYS)[number];
export const FACTOR_LABELS: Record<FactorKey, string> = {
  timely: '按时报送台账', completion: '举措完成率', overdue: '逾期举措', evidence: '完成佐证材料', guidance: '牵头部门指导',
  disclosure: '信息按时公开', annualReport: '年报按时公开',
};

// Strict numbers (a JSON number or plain decimal digits): `[1]`, "0x10", "1e1" are refused, not read as numbers.
const weight = (label: string) => z.preprocess((v) => strictNumberInput(v, true), z.number({ error: `${label}必须是数字` }).min(0, `${label}不能为负数`).max(1000, `${label}不能超过1000`));
const share = (label: string) => z.preprocess((v) => strictNumberInput(v, true), z.number({ error: `${label}必须是数字` }).min(0, `${label}应在0到1之间`).max(1, `${label}应在0到1之间`));
export const schemeInput = z.object({
  timely: weight('按时报送权重'), completion: weight('完成率权重'), overdue: weight('逾期权重'),
  evidence: weight('佐证材料权重'), guidance: weight('牵头指导权重'),
  // Added after the first release: API clients and schemes stored before it leave it out (weight 0).
  disclosure: weight('信息按时公开权重').optional().default(0),
  annualReport: weight('年报按时公开权重').optional().default(0),
  latePartial: share('逾期报送得分比例'), overduePenalty: share('每项逾期扣分比例'),
}).refine((s) => s.timely + s.completion + s.overdue + s.evidence + s.guidance + s.disclosure + s.annualReport > 0, { message: '权重不能全部为0', path: ['timely'] });

export const schemeFromInput = (i: z.output<typeof schemeInput>): AssessmentScheme => ({
  weights: { timely: i.timely, completion: i.completion, overdue: i.overdue, evidence: i.evidence, guidance: i.guidance, disclosure: i.disclosure, annualReport: i.annualReport },
  latePartial: i.latePartial,
  overduePenalty: i.overduePenalty,
});

export function parseScheme(json: string | undefined | null): AssessmentScheme {
  if (!json) return DEFAULT_SCHEME;
  try {
    const v = JSON.parse(json) as AssessmentScheme;
    const r = schemeInput.safeParse({ ...v.weights, latePartial: v.latePartial, overduePenalty: v.overduePenalty });
    return r.success ? schemeFromInput(r.data) : DEFAULT_SCHEME;
  } catch {
    return DEFAULT_SCHEME;
  }
}

/** The facts about one unit that the factors are computed from. */
export type UnitFacts = {
  unitId: number;
  unitName: string;
  /** null: never submitted. */
  firstSubmittedOn: string | null;
  submissionDue: string | null;
  /** All measures in the unit's ledger (0: nothing filled in, which scores nothing). */
  measuresTotal: number;
  /** Measures whose deadline has passed by the assessment date, plus all measures already done. */
  measuresDue: number;
  measuresDone: number;
  overdue: number;
  doneWithEvidence: number;
  /** Only for lead departments: other units' rows in their content area, and those they commented on. */
  guidanceRows: number | null;
  guidedRows: number;
  /** Proactive items (policy interpretations included) formed in the plan's year whose statutory time limit has passed or that are published. */
  disclosureDue: number;
  /** Of those, published by their due date. */
  disclosureOnTime: number;
  /** Published after the due date. */
  disclosureLate: number;
  /** Past the due date and still unpublished. */
  disclosureOverdue: number;
  /** The plan year's 政府信息公开工作年度报告 (from the report module): due date, first publication, state. */
  annualReport?: { due: string; publishedOn: string | null; state: string } | null;
};

export type FactorScore = { key: FactorKey; label: string; applies: boolean; score: number; weight: number; explanation: string };
export type UnitScore = { unitId: number; unitName: string; total: number; factors: FactorScore[]; rank: number };

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

export function scoreUnit(f: UnitFacts, s: AssessmentScheme): Omit<UnitScore, 'rank'> {
  const factors: FactorScore[] = [];
  const add = (key: FactorKey, applies: boolean, score: number, explanation: string) =>
    factors.push({ key, label: FACTOR_LABELS[key], applies, score: applies ? Math.max(0, Math.min(1, score)) : 0, weight: s.weights[key], explanation });

  if (f.firstSubmittedOn === null) add('timely', true, 0, '未报送台账');
  else if (!f.submissionDue || f.firstSubmittedOn <= f.submissionDue) add('timely', true, 1, `${f.firstSubmittedOn}报送${f.submissionDue ? `，截止${f.submissionDue}，按时` : ''}`);
  else add('timely', true, s.latePartial, `${f.firstSubmittedOn}报送，晚于截止日${f.submissionDue}，得${pct(s.latePartial)}`);

  // A ledger without measures cannot earn completion or "no overdue" marks.
  if (f.measuresTotal === 0) add('completion', true, 0, '未填写工作举措');
  else if (f.measuresDue === 0) add('completion', true, 1, '尚无到期举措');
  else add('completion', true, f.measuresDone / f.measuresDue, `应完成${f.measuresDue}项，已完成${f.measuresDone}项（${pct(f.measuresDone / f.measuresDue)}）`);

  if (f.measuresTotal === 0) add('overdue', true, 0, '未填写工作举措');
  else add('overdue', true, 1 - f.overdue * s.overduePenalty, f.overdue === 0 ? '无逾期举措' : `逾期${f.overdue}项，每项扣${pct(s.overduePenalty)}`);

  if (f.measuresDone === 0) add('evidence', false, 0, '尚无已完成举措，不计此项');
  else add('evidence', true, f.doneWithEvidence / f.measuresDone, `已完成${f.measuresDone}项中${f.doneWithEvidence}项有佐证材料`);

  if (f.guidanceRows === null) add('guidance', false, 0, '非牵头部门，不计此项');
  else if (f.guidanceRows === 0) add('guidance', false, 0, '牵头内容下暂无其他单位任务，不计此项');
  else add('guidance', true, f.guidedRows / f.guidanceRows, `牵头内容涉及其他单位${f.guidanceRows}项任务，已指导${f.guidedRows}项`);

  if (f.disclosureDue === 0) add('disclosure', false, 0, '本年度尚无到期的主动公开信息，不计此项');
  else {
    add('disclosure', true, f.disclosureOnTime / f.disclosureDue,
      `应公开${f.disclosureDue}条，按时${f.disclosureOnTime}条${f.disclosureLate ? `，超期公开${f.disclosureLate}条` : ''}${f.disclosureOverdue ? `，逾期未公开${f.disclosureOverdue}条` : ''}（${pct(f.disclosureOnTime / f.disclosureDue)}）`);
  }

  const ar = f.annualReport;
  if (!ar || (ar.state !== 'on_time' && ar.state !== 'published_late' && ar.state !== 'overdue')) add('annualReport', false, 0, ar ? `年度报告法定期限${ar.due}未到，不计此项` : '无年度报告数据，不计此项');
  else if (ar.state === 'on_time') add('annualReport', true, 1, `${ar.publishedOn}公开，期限${ar.due}，按时`);
  else if (ar.state === 'published_late') add('annualReport', true, s.latePartial, `${ar.publishedOn}公开，晚于法定期限${ar.due}，得${pct(s.latePartial)}`);
  else add('annualReport', true, 0, `法定期限${ar.due}已过，年度报告仍未公开`);

  const applicable = factors.filter((x) => x.applies);
  const wsum = applicable.reduce((a, x) => a + x.weight, 0);
  const total = wsum === 0 ? 0 : (100 * applicable.reduce((a, x) => a + x.weight * x.score, 0)) / wsum;
  return { unitId: f.unitId, unitName: f.unitName, total: Math.round(total * 10) / 10, factors };
}

/** Scores and ranks; equal totals share a rank (1, 2, 2, 4). */
export function rankUnits(facts: readonly UnitFacts[], s: AssessmentScheme): UnitScore[] {
  const scored = facts.map((f) => scoreUnit(f, s)).sort((a, b) => b.total - a.total || a.unitName.localeCompare(b.unitName, 'zh-CN'));
  let rank = 0;
  return scored.map((u, i) => {
    if (i === 0 || scored[i - 1]!.total !== u.total) rank = i + 1;
    return { ...u, rank };
  });
}
