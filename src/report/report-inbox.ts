// The report module's lines in the 工作台 inbox and its self-inspection indicator (网站自查).
import type { InboxEntry, SiteCheckResult } from '../app/module.js';
import type { Ctx } from '../lib/context.js';
import { todayCst } from '../lib/time.js';
import { deadlineRows, lastReportYear } from './report-deadlines.js';
import { seesAllReports } from './report-policy.js';

export async function reportInbox(ctx: Ctx): Promise<InboxEntry[]> {
  if (ctx.actor.kind !== 'user') return [];
  const a = ctx.actor;
  const year = lastReportYear();
  const rows = await deadlineRows(ctx.db, a.areaId, year);
  const out: InboxEntry[] = [];
  const href = `/console/reports?year=${year}`;
  if (seesAllReports(a)) {
    const toFile = rows.filter((r) => r.report?.status === 'signed_off').length;
    const toPublish = rows.filter((r) => r.report?.status === 'filed').length;
    const late = rows.filter((r) => r.state === 'overdue').length;
    if (toFile) out.push({ label: `${year}年度报告待备案`, count: toFile, href });
    if (toPublish) out.push({ label: `${year}年度报告已备案待公开`, count: toPublish, href });
    if (late) out.push({ label: `${year}年度报告逾期未公开的单位`, count: late, href, urgent: true });
    return out;
  }
  const mine = rows.find((r) => r.unitId === a.unitId);
  if (!mine) return out;
  const editor = `/console/reports/annual?year=${year}&unit=${mine.unitId}`;
  if (!mine.publishedOn) out.push({ label: `${year}年度政府信息公开工作年度报告待完成（${mine.due}前公开）`, count: 1, href: editor, urgent: mine.state !== 'open' });
  const failing = (mine.report?.check_fails ?? 0) + (mine.report?.check_unexplained ?? 0);
  if (failing && !mine.publishedOn) out.push({ label: '年度报告未通过或待说明的校验', count: failing, href: editor, urgent: true });
  return out;
}

export async function annualOnTimeCheck(ctx: Ctx, areaId: number): Promise<SiteCheckResult> {
  const year = lastReportYear();
  const today = todayCst();
  const rows = await deadlineRows(ctx.db, areaId, year, today);
  const late = rows.filter((r) => r.late);
  const published = rows.filter((r) => r.publishedOn).length;
  const findings = late.map((r) => ({ message: `${r.unitName}：${r.publishedOn ? `${r.publishedOn}公开，晚于${r.due}` : `${r.due}前未公开`}`, href: `/console/reports/annual?year=${year}&unit=${r.unitId}` }));
  const dueAll = rows.every((r) => today > r.due);
  const status = late.length ? 'FAIL' : dueAll || published === rows.length ? 'PASS' : 'UNCERTAIN';
  return { status, figure: `${year}年度报告已公开${published}/${rows.length}个单位，逾期${late.length}个`, findings };
}
