// Annual reports: gather the figures of record through the other modules' front doors, generate, check,
// save what the unit enters, and run the workflow draft → signed_off → filed (备案) → published.
// A published report is corrected only by a new version; every published version stays readable.
import { bumpGeneration } from '../search/public.js';
import { z } from 'zod';
import { writeAudit } from '../audit/public.js';
import { requireAreaReader } from '../auth/policy.js';
import type { Db } from '../db/schema.js';
import * as reportRepo from './report.repo.js';
import type { ReportAnnualTable } from '../db/report.tables.js';
import { gazetteIssuesForYear, interpretationsForYear, normativeCountsForYear, publishedItemsForYear } from '../disclosure/public.js';
import { consultationsForYear } from '../decisions/public.js';
import { actorLabel, type Ctx } from '../lib/context.js';
import { fail, invalid, notFound } from '../lib/errors.js';
import { nowIso, todayCst } from '../lib/time.js';
import { optionalText, parseInput, strictNumberInput } from '../lib/validate.js';
import { ledgerProgress } from '../ledger/public.js';
import { actorArea, findUnit, listUnitsInArea, unitByName, unitsUnder } from '../org/public.js';
import type { Selectable } from 'kysely';
import { blockers, runChecks, type Check } from './report-checks.js';
import { requireReportOffice, requireReportReader, requireReportSignOff, requireReportWriter } from './report-policy.js';
import { parseFeeWan, T3_CARRY_OUT, TABLE3_COLUMNS, type ReportScope, type Table3Column } from './report-format.js';
import { buildReport, paragraphs, type AnnualReportDoc, type ReportInput } from './report-generate.js';
import { loadRequestsYear } from './requests-source.js';

export type ReportRow = Selectable<ReportAnnualTable>;
export type Unit = NonNullable<Awaited<ReturnType<typeof findUnit>>>;
export const AREA_KINDS = new Set(['区', '市']);
export const STATUS_LABELS: Record<ReportRow['status'], string> = { draft: '草稿', signed_off: '单位已审签', filed: '已备案', published: '已公开' };
export const MIN_YEAR = 2021;

/** Short names of the checks that may be UNCERTAIN, as printed in 六 beside their explanation. */
export const CHECK_TITLES: Record<string, string> = {
  'cross.carry_over': '关于“上年结转”与上年“结转下年度继续办理”的核对',
  'cross.normative_in_force': '关于行政规范性文件现行有效件数的跨年核对',
  'cross.rules_in_force': '关于规章现行有效件数的跨年核对',
  't2.penalties_published': '关于行政处罚决定数量与平台公开数的核对',
};

export type Composed = {
  body: Unit;
  year: number;
  scope: ReportScope;
  row: ReportRow | null;
  input: ReportInput;
  doc: AnnualReportDoc;
  checks: Check[];
  blocking: { fails: Check[]; unexplained: Check[] };
};

export const defaultScope = (body: { kind: string }): ReportScope => (AREA_KINDS.has(body.kind) ? '汇总' : '本级');

/** A unit by id or by name, in the actor's area (the public: the default area). */
export async function resolveBody(ctx: Ctx, ref: string | number | undefined): Promise<Unit> {
  const areaId = await actorArea(ctx);
  const s = String(ref ?? '').trim();
  if (!s) throw invalid({ unit: '请指定单位（名称或编号）' });
  const u = /^\d+$/.test(s) ? await findUnit(ctx.db, Number(s)) : await unitByName(ctx.db, areaId, s);
  if (!u || (u.area_id !== areaId && u.id !== areaId) || u.kind === '市') throw notFound('单位');
  return u;
}

export function parseYear(raw: unknown): number {
  const y = strictNumberInput(typeof raw === 'string' ? raw.trim() : raw) as number;
  const max = Number(todayCst().slice(0, 4));
  if (!Number.isInteger(y) || y < MIN_YEAR || y > max) throw invalid({ year: `请填写${MIN_YEAR}至${max}之间的年份` });
  return y;
}

export function parseScope(raw: unknown, body: Unit): ReportScope {
  if (raw === undefined || raw === null || raw === '') return defaultScope(body);
  if (raw === '本级' || raw === '汇总') return raw;
  throw invalid({ scope: '统计范围应为“本级”或“汇总”' });
}

export const scopeUnitIds = async (db: Db, body: Unit, scope: ReportScope): Promise<number[]> =>
  scope === '本级' ? [body.id] : (await unitsUnder(db, body.id)).filter((u) => u.kind !== '市').map((u) => u.id);

export const findReport = (db: Db, unitId: number, year: number, scope: ReportScope) =>
  db.selectFrom('report_annual').selectAll().where('unit_id', '=', unitId).where('year', '=', year).where('scope', '=', scope).executeTakeFirst();

const latestVersion = (db: Db, reportId: number) =>
  db.selectFrom('report_versions').selectAll().where('report_id', '=', reportId).orderBy('version', 'desc').limit(1).executeTakeFirst();

export type Snapshot = { doc: AnnualReportDoc; checks: Check[] };
const problemsOf = (doc: AnnualReportDoc) => doc.sections[4]?.paragraphs.join('\n') ?? '';

/** Last year's figures: its published report on the platform, else the figures entered once. */
async function priorFigures(db: Db, body: Unit, year: number, scope: ReportScope): Promise<ReportInput['prior']> {
  const last = await findReport(db, body.id, year - 1, scope);
  const v = last ? await latestVersion(db, last.id) : undefined;
  if (v) {
    const s = JSON.parse(v.snapshot_json) as Snapshot;
    return {
      year: year - 1, source: 'published',
      carryOver: s.doc.table3[T3_CARRY_OUT] as Record<Table3Column, number>,
      normativeInForce: (s.doc.table2.行政规范性文件?.现行有效件数 as number | null) ?? null,
      rulesInForce: (s.doc.table2.规章?.现行有效件数 as number | null) ?? null,
      problemsText: problemsOf(s.doc),
    };
  }
  const e = await db.selectFrom('report_prior_figures').selectAll().where('unit_id', '=', body.id).where('year', '=', year - 1).where('scope', '=', scope).executeTakeFirst();
  if (!e) return null;
  return {
    year: e.year, source: 'entered', carryOver: JSON.parse(e.carry_over_json) as Record<Table3Column, number>,
    normativeInForce: e.normative_in_force, rulesInForce: e.rules_in_force, problemsText: e.problems_text || null,
  };
}

const feeE4 = (s: string) => {
  const [i, f = ''] = s.split('.');
  return Number(i) * 10_000 + Number(f.padEnd(4, '0'));
};
const feeFromE4 = (n: number) => parseFeeWan(`${Math.floor(n / 10_000)}.${String(n % 10_000).padStart(4, '0')}`)!;

/** 汇总: the entered table-2 figures are the sums of the units' 本级 reports; a unit without a figure leaves the sum blank. */
async function summedEntered(db: Db, areaId: number, bodyId: number, unitIds: number[], year: number): Promise<ReportInput['entered'] & { missing: string[] }> {
  const rows = await db.selectFrom('report_annual')
    .select(['unit_id', 'permits', 'penalties', 'coercions', 'fees_wan'])
    .where('year', '=', year).where('scope', '=', '本级').where('unit_id', 'in', unitIds).execute();
  const byUnit = new Map(rows.map((r) => [r.unit_id, r]));
  const names = new Map((await listUnitsInArea(db, areaId)).map((u) => [u.id, u.name]));
  const missing: string[] = [];
  let permits: number | null = 0, penalties: number | null = 0, coercions: number | null = 0, fees: number | null = 0;
  for (const id of unitIds) {
    const r = byUnit.get(id);
    // The body itself (e.g. the district government) counts only if it keeps a 本级 report of its own.
    if (!r && id === bodyId) continue;
    if (!r || r.permits === null || r.penalties === null || r.coercions === null || r.fees_wan === null) missing.push(names.get(id) ?? String(id));
    permits = r?.permits === null || r?.permits === undefined || permits === null ? null : permits + r.permits;
    penalties = r?.penalties === null || r?.penalties === undefined || penalties === null ? null : penalties + r.penalties;
    coercions = r?.coercions === null || r?.coercions === undefined || coercions === null ? null : coercions + r.coercions;
    fees = r?.fees_wan === null || r?.fees_wan === undefined || fees === null ? null : fees + feeE4(r.fees_wan);
  }
  return {
    permits, penalties, coercions, feesWan: fees === null ? null : feeFromE4(fees), missing,
    source: `各单位填报数据汇总（${rows.length}个单位已填报${missing.length ? `，尚未填报：${missing.join('、')}` : ''}）`,
  };
}

/** Everything the generator needs, from the modules of record. Throws report_no_data for a year without any data. */
export async function compose(db: Db, areaId: number, body: Unit, year: number, scope: ReportScope, row?: ReportRow | null): Promise<Composed> {
  const stored = row === undefined ? (await findReport(db, body.id, year, scope)) ?? null : row;
  const unitIds = await scopeUnitIds(db, body, scope);
  const [req, norm, items, interp, ledger, prior, consultations] = await Promise.all([
    loadRequestsYear(db, unitIds, year),
    normativeCountsForYear(db, unitIds, year),
    publishedItemsForYear(db, areaId, unitIds, year),
    interpretationsForYear(db, unitIds, year),
    ledgerProgress(db, { areaId, planYear: year, unitIds }),
    priorFigures(db, body, year, scope),
    consultationsForYear(db, unitIds, year),
  ]);
  const gazette = AREA_KINDS.has(body.kind) ? await gazetteIssuesForYear(db, areaId, year) : null;
  const anyRequests = Object.values(req.table3).some((r) => Object.values(r).some((v) => v !== 0)) || Object.values(req.table4).some((r) => Object.values(r).some((v) => v !== 0));
  if (!stored && !anyRequests && items.total === 0 && norm.issued === 0 && norm.inForce === 0 && norm.repealed === 0 && !ledger && !prior && !(gazette ?? 0)) {
    throw fail('report_no_data', `${body.name}${year}年没有任何依申请公开、主动公开、规范性文件或工作台账数据，无法生成年度报告`);
  }
  const entered = scope === '汇总'
    ? await summedEntered(db, areaId, body.id, unitIds, year)
    : { permits: stored?.permits ?? null, penalties: stored?.penalties ?? null, coercions: stored?.coercions ?? null, feesWan: stored?.fees_wan ?? null, source: stored?.figures_source ?? '' };
  const explanations = JSON.parse(stored?.explanations_json ?? '{}') as Record<string, string>;
  const input: ReportInput = {
    year, unitName: body.name, scope,
    sourceYears: { requests: req.year, disclosure: year, ledger: ledger?.planYear ?? null },
    table3: req.table3, table4: req.table4,
    normative: { issued: norm.issued, repealed: norm.repealed, inForce: norm.inForce },
    rules: null,
    entered: { permits: entered.permits, penalties: entered.penalties, coercions: entered.coercions, feesWan: entered.feesWan, source: entered.source },
    penaltyItemsPublished: items.penalties,
    overview: { itemsByCategory: items.byCategory, itemsTotal: items.total, interpretations: interp, gazetteIssues: gazette, consultations },
    requests: { onTimeRate: req.onTimeRate, medianWorkingDays: req.medianWorkingDays, fees: req.fees },
    ledger,
    texts: { overview: stored?.overview_text ?? '', problems: stored?.problems_text ?? '', other: stored?.other_text ?? '' },
    explanations: {},
    prior,
    normativeDocs: norm.documents,
    version: stored?.version ?? 1,
    changeNote: stored?.change_note ?? '',
  };
  const checks = runChecks(buildReport(input), input, input.texts.problems);
  // Only explanations of checks that are UNCERTAIN now are printed (in 六).
  const uncertain = new Map(checks.filter((c) => c.status === 'UNCERTAIN').map((c) => [c.id, c]));
  input.explanations = Object.fromEntries(Object.entries(explanations).filter(([id, t]) => uncertain.has(id) && t.trim()));
  input.uncertainLabels = Object.fromEntries([...uncertain.keys()].map((id) => [id, CHECK_TITLES[id] ?? id]));
  const doc = buildReport(input);
  return { body, year, scope, row: stored, input, doc, checks, blocking: blockers(checks, input.explanations) };
}

const requireReader = (ctx: Ctx, body: Unit): void => requireReportReader(ctx.actor, body);
/** Admins of the area edit every body's report; unit operators and reviewers their own unit's (report-policy.ts). */
const requireWriter = (ctx: Ctx, body: Unit): void => requireReportWriter(ctx.actor, body);

export type ReportQuery = { year?: unknown; unit?: unknown; scope?: unknown };

export async function getReport(ctx: Ctx, q: ReportQuery): Promise<Composed> {
  const body = await resolveBody(ctx, q.unit as string);
  requireReader(ctx, body);
  const year = parseYear(q.year);
  const scope = parseScope(q.scope, body);
  return compose(ctx.db, await actorArea(ctx), body, year, scope);
}

// ── input ──

const countField = (label: string) => z.unknown().transform((v, c) => {
  if (v === undefined || v === null || v === '') return null;
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim().replace(/[，,]/g, '') : '';
  if (s === '') return null;
  if (/^-\d+(\.\d+)?$/.test(s)) { c.addIssue({ code: 'custom', message: `${label}不能为负数` }); return z.NEVER; }
  if (!/^\d{1,9}$/.test(s)) { c.addIssue({ code: 'custom', message: `${label}须填写整数（没有的填0）` }); return z.NEVER; }
  return Number(s);
});
const feeField = z.unknown().transform((v, c) => {
  if (v === undefined || v === null || v === '') return null;
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
  if (s === '') return null;
  if (/^-/.test(s)) { c.addIssue({ code: 'custom', message: '行政事业性收费不能为负数' }); return z.NEVER; }
  if (/^\d+\.\d{5,}$/.test(s)) { c.addIssue({ code: 'custom', message: '行政事业性收费以万元为单位，最多保留4位小数' }); return z.NEVER; }
  const p = parseFeeWan(s);
  if (p === null) { c.addIssue({ code: 'custom', message: '行政事业性收费须填写数字（万元，最多4位小数；没有的填0）' }); return z.NEVER; }
  return p;
});
const longText = (label: string) => z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string({ error: `${label}必须是文本` })
  .transform((s) => s.replace(/\r\n/g, '\n').trim()).pipe(z.string().max(20_000, `${label}不能超过20000字`)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/.test(s), `${label}包含无效字符（可能是编码错误）`)));

export const FIELD_LABELS: Record<string, string> = {
  year: '年份', unit: '单位', scope: '统计范围', permits: '行政许可决定数量', penalties: '行政处罚决定数量', coercions: '行政强制决定数量',
  feesWan: '行政事业性收费（万元）', figuresSource: '数据来源说明', overviewText: '总体情况（本单位补充）', problemsText: '存在的主要问题及改进情况',
  otherText: '其他需要报告的事项', changeNote: '更正说明', file: '表二填报文件',
};

const saveInput = z.object({
  permits: countField('行政许可决定数量'),
  penalties: countField('行政处罚决定数量'),
  coercions: countField('行政强制决定数量'),
  feesWan: feeField,
  figuresSource: optionalText('数据来源说明', 300),
  overviewText: longText('总体情况（本单位补充）'),
  problemsText: longText('存在的主要问题及改进情况'),
  otherText: longText('其他需要报告的事项'),
  changeNote: longText('更正说明'),
  explanations: z.record(z.string(), longText('说明')).optional(),
});

/** Form fields `explain.<checkId>` → explanations. */
export function explanationsFromForm(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (k.startsWith('explain.') && typeof v === 'string') out[k.slice('explain.'.length)] = v;
  return out;
}

const summary = (c: Composed) => ({ check_fails: c.blocking.fails.length, check_unexplained: c.blocking.unexplained.length, checked_at: nowIso() });

/** Creates or updates the draft: entered figures, texts, explanations. Bad input or a year without data writes nothing. */
export async function saveReport(ctx: Ctx, q: ReportQuery, raw: Record<string, unknown>): Promise<Composed> {
  const body = await resolveBody(ctx, q.unit as string);
  requireWriter(ctx, body);
  const year = parseYear(q.year);
  const scope = parseScope(q.scope, body);
  const areaId = await actorArea(ctx);
  const existing = (await findReport(ctx.db, body.id, year, scope)) ?? null;
  if (existing && existing.status !== 'draft') throw fail('wrong_status', `报告当前为“${STATUS_LABELS[existing.status]}”，不能修改${existing.status === 'published' ? '（已公开的报告只能通过发布更正版本修改）' : '（请先退回草稿）'}`);
  const explanations = raw.explanations && typeof raw.explanations === 'object' ? raw.explanations : explanationsFromForm(raw);
  const input = parseInput(saveInput, { ...raw, explanations });
  if (scope === '汇总' && (input.permits !== null || input.penalties !== null || input.coercions !== null || input.feesWan !== null)) {
    throw invalid({ permits: '汇总报告的表二填报数据由各单位报告汇总生成，不能直接填写' });
  }
  if (existing && existing.version > 1 && !input.changeNote) throw invalid({ changeNote: '更正版本须说明更正了哪些内容' });
  // Compose first: a year without any data is refused before anything is written.
  await compose(ctx.db, areaId, body, year, scope, existing ?? null);
  const at = nowIso();
  const values = {
    permits: input.permits, penalties: input.penalties, coercions: input.coercions, fees_wan: input.feesWan,
    figures_source: input.figuresSource ?? '', overview_text: input.overviewText, problems_text: input.problemsText, other_text: input.otherText,
    explanations_json: JSON.stringify(Object.fromEntries(Object.entries(input.explanations ?? {}).filter(([, v]) => v))),
    change_note: existing && existing.version > 1 ? input.changeNote : '',
    updated_at: at,
  };
  const id = await ctx.db.transaction().execute(async (tx) => {
    const before = (await findReport(tx, body.id, year, scope)) ?? null;
    if (before && before.status !== 'draft') throw fail('wrong_status', '报告状态已变化，请刷新后重试');
    let rid: number;
    if (before) {
      await tx.updateTable('report_annual').set(values).where('id', '=', before.id).execute();
      rid = before.id;
    } else {
      const r = await tx.insertInto('report_annual').values({
        ...values, area_id: areaId, unit_id: body.id, year, scope, status: 'draft', version: 1,
        signed_off_at: null, signed_off_by: null, filed_at: null, filed_by: null, published_at: null, first_published_on: null, created_at: at,
      }).returning('id').executeTakeFirstOrThrow();
      rid = r.id;
    }
    const after = (await findReport(tx, body.id, year, scope))!;
    const c = await compose(tx, areaId, body, year, scope, after);
    await tx.updateTable('report_annual').set(summary(c)).where('id', '=', rid).execute();
    await writeAudit(tx, ctx, { action: before ? 'report.update' : 'report.create', entity: 'report_annual', entityId: rid, before, after: values, areaId });
    return rid;
  });
  return compose(ctx.db, areaId, body, year, scope, (await ctx.db.selectFrom('report_annual').selectAll().where('id', '=', id).executeTakeFirst()) ?? null);
}

/** 表二 figures from the unit's .xlsx (the template); the texts stay as saved. Any error writes nothing. */
export async function importFigures(ctx: Ctx, q: ReportQuery, buf: Buffer): Promise<Composed> {
  const { parseFiguresWorkbook } = await import('./report-xlsx.js');
  const figures = await parseFiguresWorkbook(buf);
  const body = await resolveBody(ctx, q.unit as string);
  const row = (await findReport(ctx.db, body.id, parseYear(q.year), parseScope(q.scope, body))) ?? null;
  return saveReport(ctx, q, {
    overviewText: row?.overview_text ?? '', problemsText: row?.problems_text ?? '', otherText: row?.other_text ?? '', changeNote: row?.change_note ?? '',
    explanations: JSON.parse(row?.explanations_json ?? '{}') as Record<string, string>,
    ...figures,
  });
}

// ── workflow ──

export type Transition = 'sign_off' | 'file' | 'publish' | 'reopen' | 'correct';
export const TRANSITION_LABELS: Record<Transition, string> = { sign_off: '单位审签', file: '备案', publish: '公开', reopen: '退回草稿', correct: '发布更正版本' };

function requireNoBlockers(c: Composed, what: string): void {
  if (c.blocking.fails.length) {
    throw fail('report_checks_failed', `有${c.blocking.fails.length}项校验未通过，不能${what}：${c.blocking.fails.slice(0, 3).map((x) => x.message).join('；')}${c.blocking.fails.length > 3 ? '……' : ''}`);
  }
  if (c.blocking.unexplained.length) {
    throw fail('report_unexplained', `有${c.blocking.unexplained.length}项待核实的校验尚未书面说明，不能${what}：${c.blocking.unexplained.map((x) => CHECK_TITLES[x.id] ?? x.id).join('；')}`);
  }
}

export async function transition(ctx: Ctx, reportId: number, action: Transition, raw: Record<string, unknown> = {}): Promise<ReportRow> {
  const row = await ctx.db.selectFrom('report_annual').selectAll().where('id', '=', reportId).executeTakeFirst();
  const body = row ? await findUnit(ctx.db, row.unit_id) : undefined;
  if (!row || !body) throw notFound('年度报告');
  requireReader(ctx, body);
  const areaId = row.area_id;
  const need = (s: ReportRow['status'][]) => {
    if (!s.includes(row.status)) throw fail('wrong_status', `报告当前为“${STATUS_LABELS[row.status]}”，不能${TRANSITION_LABELS[action]}`);
  };
  if (action === 'sign_off') { requireReportSignOff(ctx.actor, body); need(['draft']); }
  if (action === 'file') { requireReportOffice(ctx.actor); need(['signed_off']); }
  if (action === 'publish') { requireReportOffice(ctx.actor); need(['filed']); }
  if (action === 'reopen') {
    requireWriter(ctx, body);
    need(['signed_off', 'filed']);
    // Undoing a 备案 is the office's decision.
    if (row.status === 'filed') requireReportOffice(ctx.actor);
  }
  if (action === 'correct') { requireWriter(ctx, body); need(['published']); }
  const c = await compose(ctx.db, areaId, body, row.year, row.scope, row);
  if (action === 'file') requireNoBlockers(c, '备案');
  if (action === 'publish') requireNoBlockers(c, '公开');
  if (action === 'publish' && row.version > 1 && !row.change_note.trim()) throw invalid({ changeNote: '更正版本须说明更正了哪些内容' });
  const changeNote = action === 'correct' ? parseInput(z.object({ changeNote: longText('更正说明').pipe(z.string().min(1, '请说明为什么更正、更正哪些内容')) }), raw).changeNote : '';
  const at = nowIso();
  const who = actorLabel(ctx.actor);
  await ctx.db.transaction().execute(async (tx) => {
    const cur = await tx.selectFrom('report_annual').select(['status', 'version']).where('id', '=', reportId).executeTakeFirstOrThrow();
    if (cur.status !== row.status || cur.version !== row.version) throw fail('wrong_status', '报告状态已变化，请刷新后重试');
    const set: Partial<ReportRow> = { updated_at: at };
    if (action === 'sign_off') Object.assign(set, { status: 'signed_off', signed_off_at: at, signed_off_by: who });
    if (action === 'file') Object.assign(set, { status: 'filed', filed_at: at, filed_by: who });
    if (action === 'reopen') Object.assign(set, { status: 'draft', signed_off_at: null, signed_off_by: null, filed_at: null, filed_by: null });
    if (action === 'correct') Object.assign(set, { status: 'draft', version: row.version + 1, change_note: changeNote, signed_off_at: null, signed_off_by: null, filed_at: null, filed_by: null });
    if (action === 'publish') {
      const on = todayCst();
      Object.assign(set, { status: 'published', published_at: at, first_published_on: row.first_published_on ?? on });
      const snapshot: Snapshot = { doc: c.doc, checks: c.checks };
      await tx.insertInto('report_versions').values({
        report_id: reportId, version: row.version, published_at: at, published_on: on, published_by: who, change_note: row.change_note, snapshot_json: JSON.stringify(snapshot),
      }).execute();
    }
    await tx.updateTable('report_annual').set({ ...set, ...summary(c) }).where('id', '=', reportId).execute();
    await writeAudit(tx, ctx, { action: `report.${action}`, entity: 'report_annual', entityId: reportId, before: { status: row.status, version: row.version }, after: set, areaId });
    // A publication shows on cached portal pages (the body's 政府信息公开年报 sub-column) on every node at once.
    if (action === 'publish') await bumpGeneration(tx);
  });
  return (await ctx.db.selectFrom('report_annual').selectAll().where('id', '=', reportId).executeTakeFirstOrThrow());
}

// ── published versions (public) ──

export type PublishedReport = { row: ReportRow; body: Unit; version: Selectable<import('../db/report.tables.js').ReportVersionsTable>; snapshot: Snapshot; versions: { version: number; published_on: string; change_note: string }[] };

export async function publishedReport(ctx: Ctx, q: ReportQuery & { version?: unknown }): Promise<PublishedReport> {
  const body = await resolveBody(ctx, q.unit as string).catch(() => { throw notFound('年度报告'); });
  const year = strictNumberInput(q.year) as number;
  if (!Number.isInteger(year)) throw notFound('年度报告');
  const scope = q.scope === '本级' || q.scope === '汇总' ? q.scope : defaultScope(body);
  const row = await findReport(ctx.db, body.id, year, scope);
  if (!row || !row.first_published_on) throw notFound('年度报告');
  return loadPublished(ctx.db, row, body, q.version);
}

export async function publishedReportById(ctx: Ctx, id: number, version?: unknown): Promise<PublishedReport> {
  const row = await ctx.db.selectFrom('report_annual').selectAll().where('id', '=', id).executeTakeFirst();
  const areaId = await actorArea(ctx);
  if (!row || !row.first_published_on || row.area_id !== areaId) throw notFound('年度报告');
  const body = (await findUnit(ctx.db, row.unit_id))!;
  return loadPublished(ctx.db, row, body, version);
}

async function loadPublished(db: Db, row: ReportRow, body: Unit, version?: unknown): Promise<PublishedReport> {
  const all = await db.selectFrom('report_versions').selectAll().where('report_id', '=', row.id).orderBy('version', 'desc').execute();
  const wanted = version === undefined || version === '' ? all[0] : all.find((v) => String(v.version) === String(version));
  if (!wanted) throw notFound('年度报告');
  return {
    row, body, version: wanted, snapshot: JSON.parse(wanted.snapshot_json) as Snapshot,
    versions: all.map((v) => ({ version: v.version, published_on: v.published_on, change_note: v.change_note })),
  };
}

/** Every published report of the area (newest year first), for the 专栏 column. */
export async function listPublished(ctx: Ctx) {
  const areaId = await actorArea(ctx);
  const units = new Map((await listUnitsInArea(ctx.db, areaId)).map((u) => [u.id, u]));
  const rows = await ctx.db.selectFrom('report_annual')
    .select(['id', 'unit_id', 'year', 'scope', 'version', 'first_published_on', 'published_at'])
    .where('area_id', '=', areaId).where('first_published_on', 'is not', null).orderBy('year', 'desc').orderBy('id').execute();
  return rows.map((r) => ({ ...r, unit_name: units.get(r.unit_id)?.name ?? '', unit_kind: units.get(r.unit_id)?.kind ?? '', sort: units.get(r.unit_id)?.sort ?? 0 }))
    .sort((a, b) => b.year - a.year || a.sort - b.sort || a.id - b.id);
}

/** The JSON of the API contract (labels exactly as the 2021 format). */
export function contractJson(doc: AnnualReportDoc, checks: Check[], extra: Record<string, unknown> = {}) {
  return {
    year: doc.year, unit: doc.unit, scope: doc.scope,
    table2: doc.table2, table3: doc.table3, table4: doc.table4,
    checks: checks.map((c) => ({ id: c.id, status: c.status, message: c.message, cells: c.cells })),
    title: doc.title, version: doc.version, sections: doc.sections, table2Notes: doc.table2Notes,
    ...extra,
  };
}

// ── prior-year figures (years before the platform) ──

const priorInput = z.object({
  ...Object.fromEntries(TABLE3_COLUMNS.map((c, i) => [`carry${i}`, countField(`上年结转下年度（${c}）`).refine((v) => v !== null, `请填写上年结转下年度（${c}），没有的填0`)])),
  normativeInForce: countField('上年行政规范性文件现行有效件数').refine((v) => v !== null, '请填写上年行政规范性文件现行有效件数'),
  rulesInForce: countField('上年规章现行有效件数'),
  source: optionalText('来源（如上年报告的发布网址）', 300),
  problemsText: longText('上年报告第五部分'),
});

export async function enterPriorFigures(ctx: Ctx, q: ReportQuery, raw: Record<string, unknown>): Promise<void> {
  const body = await resolveBody(ctx, q.unit as string);
  requireWriter(ctx, body);
  const year = parseYear(q.year);
  const scope = parseScope(q.scope, body);
  const v = parseInput(priorInput, raw) as Record<string, number | string | null>;
  const carry = Object.fromEntries(TABLE3_COLUMNS.map((c, i) => [c, v[`carry${i}`] as number])) as Record<Table3Column, number>;
  const six = TABLE3_COLUMNS.slice(0, 6).reduce((a, c) => a + carry[c], 0);
  if (six !== carry.总计) throw invalid({ carry6: `总计（${carry.总计}）应等于自然人与法人或其他组织各列之和（${six}）` });
  const areaId = await actorArea(ctx);
  const last = await findReport(ctx.db, body.id, year - 1, scope);
  if (last?.first_published_on) throw fail('report_prior_exists', `${year - 1}年度报告已在本平台公开，上年数据取自该报告，无需录入`);
  await ctx.db.transaction().execute(async (tx) => {
    const exists = await tx.selectFrom('report_prior_figures').select('id').where('unit_id', '=', body.id).where('year', '=', year - 1).where('scope', '=', scope).executeTakeFirst();
    if (exists) throw fail('report_prior_exists', `${body.name}${year - 1}年度的已公开数据已录入，不能重复录入`);
    const values = {
      area_id: areaId, unit_id: body.id, year: year - 1, scope, carry_over_json: JSON.stringify(carry),
      normative_in_force: v.normativeInForce as number, rules_in_force: (v.rulesInForce as number | null) ?? 0,
      source: (v.source as string | undefined) ?? '', problems_text: (v.problemsText as string) ?? '', entered_by: actorLabel(ctx.actor), created_at: nowIso(),
    };
    const r = await tx.insertInto('report_prior_figures').values(values).returning('id').executeTakeFirstOrThrow();
    await writeAudit(tx, ctx, { action: 'report.prior_figures', entity: 'report_prior_figures', entityId: r.id, after: values, areaId });
  });
}

export const priorFiguresOf = (db: Db, unitId: number, year: number, scope: ReportScope) =>
  db.selectFrom('report_prior_figures').selectAll().where('unit_id', '=', unitId).where('year', '=', year - 1).where('scope', '=', scope).executeTakeFirst();

export const versionsOf = (db: Db, reportId: number) =>
  db.selectFrom('report_versions').select(['version', 'published_on', 'published_by', 'change_note']).where('report_id', '=', reportId).orderBy('version', 'desc').execute();

export { paragraphs, requireAreaReader };

/** Which editor a report belongs to (unit, year, scope): where a transition returns to. Undefined for an unknown id. */
export const reportKeyOf = (ctx: Ctx, id: number) => reportRepo.reportKey(ctx.db, id);
