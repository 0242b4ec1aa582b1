// 考核: per-unit facts from the ledgers, scored by the configurable scheme (assessment-score.ts),
// ranked, traceable (the facts behind every score), exportable to .xlsx.
import ExcelJS from 'exceljs';
import { writeAudit } from '../audit/public.js';
import { requireAdmin, requireAreaReader } from '../auth/policy.js';
import { getCalendar } from '../calendar/public.js';
import type { Ctx } from '../lib/context.js';
import { notFound } from '../lib/errors.js';
import { todayCst } from '../lib/time.js';
import { parseInput } from '../lib/validate.js';
import { FACTOR_KEYS, FACTOR_LABELS, parseScheme, rankUnits, schemeFromInput, schemeInput, type AssessmentScheme, type UnitFacts } from './assessment-score.js';
import * as repo from './ledger.repo.js';
import { dutyMapForPlan, putSetting, settingValue, unitIdsOfPlan } from './ledger.repo.js';
import * as arepo from './assessment.repo.js';
import { cstDate, resolvePlan, submissionState, type Plan } from './ledger.service.js';
import { xlsxName } from './ledger-excel.js';
import { complianceByUnit } from '../disclosure/public.js';
import { leadDutiesOfPlan } from '../plan/public.js';
import { reportTimeliness } from '../report/public.js';

const SCHEME_KEY = 'ledger.assessment_scheme';

export async function getScheme(ctx: Ctx): Promise<AssessmentScheme> {
  return parseScheme(await settingValue(ctx.db, SCHEME_KEY));
}

export async function saveScheme(ctx: Ctx, raw: unknown): Promise<AssessmentScheme> {
  requireAdmin(ctx.actor);
  const scheme = schemeFromInput(parseInput(schemeInput, raw));
  const before = await getScheme(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    await putSetting(tx, SCHEME_KEY, JSON.stringify(scheme));
    await writeAudit(tx, ctx, { action: 'ledger.assessment_scheme', entity: 'setting', entityId: SCHEME_KEY, before, after: scheme });
  });
  return scheme;
}

/** Lead departments: which other units' rows fall in their content areas, per lead unit. */
async function leadRows(ctx: Ctx, plan: Plan) {
  const duties = await leadDutiesOfPlan(ctx.db, plan.id);
  const map = await dutyMapForPlan(ctx.db, plan.id, duties);
  const tasksByLead = new Map<number, Set<number>>();
  for (const d of duties) {
    if (!d.unit_id) continue;
    const s = tasksByLead.get(d.unit_id) ?? new Set<number>();
    for (const t of map.get(d.id)?.taskIds ?? []) s.add(t);
    tasksByLead.set(d.unit_id, s);
  }
  const rows = await arepo.rowsOfPlan(ctx.db, plan.id);
  const guidance = await arepo.guidanceOfPlan(ctx.db, plan.id);
  return { tasksByLead, rows, guidance };
}

export async function unitFacts(ctx: Ctx, plan: Plan, asOf: string): Promise<UnitFacts[]> {
  const cal = await getCalendar(ctx.db, plan.area_id);
  const unitIds = await unitIdsOfPlan(ctx.db, plan.id, plan.area_id);
  const ledgers = await repo.ledgersOfPlan(ctx.db, plan.id);
  for (const l of ledgers) if (!unitIds.includes(l.unit_id)) unitIds.push(l.unit_id);
  if (!unitIds.length) return [];
  const units = await arepo.unitNames(ctx.db, unitIds);
  const stats = new Map((await arepo.measureStatsByUnit(ctx.db, plan.id, asOf)).map((r) => [r.unit_id, r]));
  const lead = await leadRows(ctx, plan);
  const byUnit = new Map(ledgers.map((l) => [l.unit_id, l]));
  // Statutory disclosure timeliness (20 working days; interpretations 3) of the plan's year, from the disclosure module.
  const disclosure = new Map((await complianceByUnit(ctx, { year: plan.year })).map((c) => [c.unitId, c]));
  // The plan year's annual report (published by 31 January / 31 March of the next year), from the report module.
  const annual = new Map((await reportTimeliness(ctx.db, plan.area_id, plan.year, asOf)).map((r) => [r.unitId, r]));
  return units.map((u) => {
    const d = disclosure.get(u.id);
    const onTime = (d?.onTime ?? 0) + (d?.interpretationsOnTime ?? 0);
    const late = (d?.late ?? 0) + (d?.interpretationsLate ?? 0);
    const overdueItems = d?.overduePending ?? 0;
    const s = stats.get(u.id);
    const led = lead.tasksByLead.get(u.id);
    let guidanceRows: number | null = null;
    let guidedRows = 0;
    if (led) {
      const theirs = lead.rows.filter((r) => r.unit_id !== u.id && led.has(r.task_id));
      guidanceRows = theirs.length;
      const guided = new Set(lead.guidance.filter((g) => g.author_unit_id === u.id).map((g) => g.row_id));
      guidedRows = theirs.filter((r) => guided.has(r.id)).length;
    }
    const sub = submissionState(plan, byUnit.get(u.id), cal, asOf);
    return {
      unitId: u.id, unitName: u.name, firstSubmittedOn: sub.submittedOn, submissionDue: sub.due,
      measuresTotal: Number(s?.total ?? 0), measuresDue: Number(s?.due ?? 0), measuresDone: Number(s?.done ?? 0), overdue: Number(s?.overdue ?? 0), doneWithEvidence: Number(s?.evidenced ?? 0),
      guidanceRows, guidedRows,
      disclosureDue: onTime + late + overdueItems, disclosureOnTime: onTime, disclosureLate: late, disclosureOverdue: overdueItems,
      annualReport: annual.get(u.id) ?? null,
    };
  });
}

export async function assessment(ctx: Ctx, planId?: number | null) {
  requireAreaReader(ctx.actor);
  const plan = await resolvePlan(ctx, planId);
  if (!plan) return null;
  const asOf = todayCst();
  const scheme = await getScheme(ctx);
  const facts = await unitFacts(ctx, plan, asOf);
  return { plan, asOf, scheme, scores: rankUnits(facts, scheme), facts };
}

/** The facts behind one unit's score, itemised. */
export async function assessmentDetail(ctx: Ctx, planId: number, unitId: number) {
  const a = await assessment(ctx, planId);
  if (!a) throw notFound('工作方案');
  const score = a.scores.find((s) => s.unitId === unitId);
  const facts = a.facts.find((f) => f.unitId === unitId);
  if (!score || !facts) throw notFound('单位');
  const ledger = await repo.findLedgerFor(ctx.db, a.plan.id, unitId);
  const measures = ledger ? await arepo.measuresWithEvidenceCount(ctx.db, ledger.id) : [];
  const versions = ledger ? (await repo.versionsOfLedger(ctx.db, ledger.id)).reverse() : [];
  const lead = await leadRows(ctx, a.plan);
  const led = lead.tasksByLead.get(unitId);
  const unitNames = new Map((await arepo.allUnitNames(ctx.db)).map((u) => [u.id, u.name]));
  const guidance = led ? lead.rows.filter((r) => r.unit_id !== unitId && led.has(r.task_id)).map((r) => ({
    ledgerId: r.ledger_id, unitName: unitNames.get(r.unit_id) ?? '', seq: r.seq,
    comments: lead.guidance.filter((g) => g.row_id === r.id && g.author_unit_id === unitId),
  })) : [];
  return { ...a, score, facts, ledger, measures: measures.map((m) => ({ ...m, evidence: Number(m.evidence ?? 0), due: m.status === 'done' || (m.deadline !== null && m.deadline < a.asOf) })), versions, guidance, cstDate };
}

export async function exportAssessment(ctx: Ctx, planId?: number | null): Promise<{ buffer: Buffer; fileName: string }> {
  const a = await assessment(ctx, planId);
  if (!a) throw notFound('工作方案');
  const wb = new ExcelJS.Workbook();
  wb.creator = '政务公开平台';
  const ws = wb.addWorksheet('考核结果', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const cols = ['排名', '单位', '总分', ...FACTOR_KEYS.map((k) => `${FACTOR_LABELS[k]}（权重${a.scheme.weights[k]}）`), '得分依据'];
  ws.addRow([`${a.plan.title} 台账工作考核结果（截至${a.asOf}）`]);
  ws.mergeCells(1, 1, 1, cols.length);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.addRow(cols).font = { bold: true };
  for (const s of a.scores) {
    ws.addRow([s.rank, s.unitName, s.total, ...s.factors.map((f) => (f.applies ? Math.round(f.score * 1000) / 10 : '不计')), s.factors.map((f) => `${f.label}：${f.explanation}`).join('；')]);
  }
  ws.columns.forEach((c, i) => { c.width = i === 1 ? 22 : i === cols.length - 1 ? 80 : 14; });
  ws.getColumn(cols.length).alignment = { wrapText: true, vertical: 'top' };
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), fileName: xlsxName(`台账考核结果-${a.plan.year}`) };
}
