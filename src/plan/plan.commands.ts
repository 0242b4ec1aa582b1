// `gongkai plan import <file> [--dry-run] [--json]`.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { cliError, withDb } from '../cli/cli-context.js';
import type { PlanPreview } from './plan.service.js';

/** The JSON contract of `plan import --json` (field names are relied on by other tools). */
export function planJson(p: PlanPreview) {
  return {
    plan: { docNumber: p.plan.docNumber, title: p.plan.title, issuer: p.plan.issuer, issuedOn: p.plan.issuedOn, year: p.plan.year },
    tasks: p.tasks.map((t) => ({ seq: t.seq, domain: t.domain, area: t.area, requirement: t.requirement, units: t.units.map((u) => ({ name: u.name, role: u.role, group: u.group })), timeLimit: t.timeLimit, rules: t.rules })),
    leadDuties: p.leadDuties.map((d) => ({ unit: d.unit, content: d.content, requirement: d.requirement })),
    warnings: p.warnings.map((w) => ({ row: w.row, message: w.message })),
  };
}

export function registerPlanCommands(program: Command): void {
  const plan = program.command('plan').description('年度工作方案');
  plan.command('import <file>').description('导入工作方案（.txt/.md、.docx 或任务分解表 .xlsx）；同一方案再次导入会原地更新')
    .option('--dry-run', '只解析和预览，不写入')
    .option('--json', '以 JSON 输出解析结果')
    .action(async (file: string, o: { dryRun?: boolean; json?: boolean }) => {
      let buf: Buffer;
      try { buf = readFileSync(file); } catch { throw cliError(`无法读取文件：${file}`); }
      const { importPlan, previewPlan } = await import('./plan.service.js'); // loaded when used: the CLI starts faster
      await withDb(async (ctx) => {
        const name = basename(file);
        if (o.dryRun) {
          const p = await previewPlan(ctx, buf, name);
          if (o.json) console.log(JSON.stringify(planJson(p), null, 2));
          else {
            console.log(`${p.plan.title}（${p.plan.docNumber ?? '无文号'}）：${p.tasks.length} 项任务，${p.leadDuties.length} 条牵头清单，${p.warnings.length} 条提示（未写入）`);
            for (const w of p.warnings) console.log(`  第${w.row}项：${w.message}`);
          }
          return;
        }
        process.stderr.write('正在导入…\n');
        const r = await importPlan(ctx, buf, name);
        if (o.json) console.log(JSON.stringify({ ...planJson(r.preview), planId: r.planId, created: r.created }, null, 2));
        else {
          console.log(`${r.created ? '已导入' : '已更新'}：${r.preview.plan.title}（id ${r.planId}），${r.tasks} 项任务${r.unitsCreated.length ? `；新增单位：${r.unitsCreated.join('、')}` : ''}`);
          for (const w of r.preview.warnings) console.log(`  第${w.row}项：${w.message}`);
        }
      });
    });
}
