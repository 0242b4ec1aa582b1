// 网站自查: runs every module's indicators (MODULES' siteChecks, the platform's own included), keeps
// one result per area and day (the trend), and exports the sheet as .xlsx.
import ExcelJS from 'exceljs';
import type { SiteCheck, SiteCheckResult } from '../app/module.js';
import { MODULES } from '../app/modules.js';
import { writeAudit } from '../audit/public.js';
import { requireAdmin, requireAreaReader } from '../auth/policy.js';
import type { Ctx } from '../lib/context.js';
import { nowIso, todayCst } from '../lib/time.js';
import { actorArea } from '../org/public.js';

export type CheckOutcome = SiteCheckResult & { id: string; label: string; veto: boolean; threshold: string; module: string };
export type SiteCheckRun = { areaId: number; runOn: string; runAt: string; trigger: string; fails: number; vetoes: number; results: CheckOutcome[] };

/** Every module's indicators, in module order. */
export const allSiteChecks = (): { module: string; check: SiteCheck }[] =>
  MODULES.flatMap((m) => (m.siteChecks ?? []).map((check) => ({ module: m.name, check })));

export async function runSiteCheck(ctx: Ctx, o: { trigger: string; extra?: { module: string; check: SiteCheck }[] }): Promise<SiteCheckRun> {
  requireAdmin(ctx.actor);
  const areaId = await actorArea(ctx);
  const checks = [...allSiteChecks(), ...(o.extra ?? [])];
  const run: Ctx = { ...ctx }; // one object per run: the link indicators share one crawl
  const results: CheckOutcome[] = [];
  for (const { module, check } of checks) {
    let r: SiteCheckResult;
    try {
      r = await check.run(run, areaId);
    } catch (err) {
      r = { status: 'UNCERTAIN', figure: '检查出错，未得出结果', findings: [{ message: (err as Error).message.slice(0, 200) }] };
    }
    results.push({ id: check.id, label: check.label, veto: check.veto, threshold: check.threshold, module, ...r });
  }
  const out: SiteCheckRun = {
    areaId, runOn: todayCst(), runAt: nowIso(), trigger: o.trigger, results,
    fails: results.filter((r) => r.status === 'FAIL').length, vetoes: results.filter((r) => r.status === 'FAIL' && r.veto).length,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('site_check_runs').where('area_id', '=', areaId).where('run_on', '=', out.runOn).execute();
    await tx.insertInto('site_check_runs').values({ area_id: areaId, run_on: out.runOn, run_at: out.runAt, trigger: out.trigger, fails: out.fails, vetoes: out.vetoes, results_json: JSON.stringify(results) }).execute();
    await writeAudit(tx, ctx, { action: 'site.check', entity: 'site_check_run', entityId: out.runOn, after: { fails: out.fails, vetoes: out.vetoes, trigger: out.trigger }, areaId });
  });
  return out;
}

export async function latestRun(ctx: Ctx, day?: string): Promise<SiteCheckRun | null> {
  requireAreaReader(ctx.actor);
  const areaId = await actorArea(ctx);
  let q = ctx.db.selectFrom('site_check_runs').selectAll().where('area_id', '=', areaId);
  if (day) q = q.where('run_on', '=', day);
  const r = await q.orderBy('run_on', 'desc').executeTakeFirst();
  return r ? { areaId, runOn: r.run_on, runAt: r.run_at, trigger: r.trigger, fails: r.fails, vetoes: r.vetoes, results: JSON.parse(r.results_json) as CheckOutcome[] } : null;
}

/** Fails and vetoes per day, newest first (the trend). */
export async function trend(ctx: Ctx, days = 60) {
  requireAreaReader(ctx.actor);
  const areaId = await actorArea(ctx);
  return ctx.db.selectFrom('site_check_runs').select(['run_on', 'fails', 'vetoes', 'trigger']).where('area_id', '=', areaId).orderBy('run_on', 'desc').limit(days).execute();
}

export const STATUS_LABELS: Record<string, string> = { PASS: '合格', FAIL: '不合格', UNCERTAIN: '未能判断' };

/** The sheet as a workbook: 指标 (one row per indicator), 问题清单 (every finding with its link), 趋势. */
export async function exportWorkbook(run: SiteCheckRun, days: { run_on: string; fails: number; vetoes: number }[], origin: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '政务公开工作平台';
  const s1 = wb.addWorksheet('网站自查');
  s1.addRow([`网站自查结果（${run.runOn}）`]).font = { bold: true, size: 14 };
  s1.addRow([`单项否决不合格 ${run.vetoes} 项，不合格合计 ${run.fails} 项`]);
  s1.addRow([]);
  const head = s1.addRow(['指标', '类别', '阈值', '今日数值', '结果', '问题数']);
  head.font = { bold: true };
  for (const r of run.results) s1.addRow([r.label, r.veto ? '单项否决' : '扣分指标', r.threshold, r.figure, STATUS_LABELS[r.status] ?? r.status, r.findings.length]);
  s1.columns.forEach((c, i) => { c.width = [28, 10, 48, 30, 10, 8][i]; });
  const s2 = wb.addWorksheet('问题清单');
  s2.addRow(['指标', '问题', '处理页面']).font = { bold: true };
  for (const r of run.results) for (const f of r.findings) s2.addRow([r.label, f.message, f.href ? { text: `${origin}${f.href}`, hyperlink: `${origin}${f.href}` } : '']);
  s2.columns.forEach((c, i) => { c.width = [28, 70, 50][i]; });
  const s3 = wb.addWorksheet('趋势');
  s3.addRow(['日期', '不合格项', '单项否决不合格']).font = { bold: true };
  for (const d of days) s3.addRow([d.run_on, d.fails, d.vetoes]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
