// The published annual reports of one body, for other modules' pages (the 专栏's 政府信息公开年报 sub-column).
import type { Db } from '../db/schema.js';

export type PublishedReportRef = { id: number; year: number; scope: string; title: string; publishedOn: string; href: string };

export async function publishedReportsOf(db: Db, unitId: number): Promise<PublishedReportRef[]> {
  const rows = await db.selectFrom('report_annual').innerJoin('units', 'units.id', 'report_annual.unit_id')
    .select(['report_annual.id', 'report_annual.year', 'report_annual.scope', 'report_annual.first_published_on', 'units.name'])
    .where('report_annual.unit_id', '=', unitId).where('report_annual.first_published_on', 'is not', null)
    .orderBy('report_annual.year', 'desc').orderBy('report_annual.id').execute();
  return rows.map((r) => ({
    id: r.id, year: r.year, scope: r.scope, publishedOn: r.first_published_on!, href: `/reports/annual/${r.id}`,
    title: `${r.name}${r.year}年政府信息公开工作年度报告${r.scope === '汇总' ? '（汇总）' : ''}`,
  }));
}
