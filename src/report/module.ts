// 政府信息公开工作年度报告: generated from the ledger of record, checked, signed off, filed and published.
import type { GongkaiModule } from '../app/module.js';
import { REPORT_MIGRATIONS } from './report.migrations.js';

export const reportModule: GongkaiModule = {
  name: 'report',
  migrations: REPORT_MIGRATIONS,
  routes: async (app) => (await import('./report.routes.js')).reportRoutes(app),
  commands: (program) => {
    // Loaded when a command runs (the CLI imports every module.ts at start).
    const report = program.command('report').description('政府信息公开工作年度报告');
    report.command('annual')
      .description('生成年度报告（表二至表四、六个部分、校验），输出 JSON 或 .docx')
      .requiredOption('--year <year>', '报告年度，如 2022')
      .option('--unit <unit>', '单位名称或编号（默认区政府，汇总）')
      .option('--scope <scope>', '统计范围：本级 或 汇总')
      .option('--json', '输出 JSON（与 API 相同的标签）')
      .option('--out <file>', '写出 .docx 文件')
      .action(async (opts: { year: string; unit?: string; scope?: string; json?: boolean; out?: string }) => (await import('./report.commands.js')).annualCommand(opts));
  },
  jobs: [{
    name: 'report.deadlines',
    label: '年度报告期限提醒',
    everyMinutes: 60,
    run: async (ctx) => `年度报告提醒 ${await (await import('./report-deadlines.js')).runReportReminders(ctx)} 人次`,
  }],
  nav: [{ href: '/console/reports', label: '年度报告', order: 64 }],
  inbox: async (ctx) => (await import('./report-inbox.js')).reportInbox(ctx),
  siteChecks: [{
    id: 'report.annual_on_time',
    label: '政府信息公开工作年度报告按时公开',
    veto: false,
    threshold: '各部门、镇（街道）1月31日前、区政府3月31日前公开上一年度报告',
    run: async (ctx, areaId) => (await import('./report-inbox.js')).annualOnTimeCheck(ctx, areaId),
  }],
};
