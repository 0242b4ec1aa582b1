// `gongkai ledger …`: Excel export/import of unit ledgers, the tracking job, the assessment.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { cliError, withDb } from '../cli/cli-context.js';
import type { Ctx } from '../lib/context.js';

// Services are loaded when a command runs (exceljs and the ledger services are heavy), so the CLI starts faster.
const svc = () => import('./ledger.service.js');
const excel = () => import('./ledger-excel.js');

const planOpt = (v?: string): number | null => {
  if (v === undefined) return null;
  if (!/^\d+$/.test(v)) throw cliError(`方案编号应为数字：${v}`);
  return Number(v);
};

async function planAndUnit(ctx: Ctx, unitName: string, planId: number | null) {
  const plan = await (await svc()).resolvePlan(ctx, planId);
  if (!plan) throw cliError('尚未导入工作方案');
  const org = await import('../org/public.js');
  const found = await org.unitByName(ctx.db, await org.actorArea(ctx), unitName);
  if (!found) throw cliError(`单位不存在：${unitName}`);
  return { plan, unit: { id: found.id, name: found.name } };
}

function writeOut(out: string, buffer: Buffer, force?: boolean): string {
  const target = resolve(out);
  if (existsSync(target) && !force) throw cliError(`目标文件已存在：${target}（加 --force 覆盖）`);
  writeFileSync(target, buffer);
  return target;
}

export function registerLedgerCommands(program: Command): void {
  const ledger = program.command('ledger').description('单位政务公开工作任务台账');

  ledger.command('export').description('导出台账为 .xlsx（附件3格式）：--unit 一个单位，或 --all 全区（每单位一个工作表）')
    .option('--unit <name>', '单位名称')
    .option('--all', '全区所有责任单位')
    .requiredOption('--out <file>', '输出文件（.xlsx）')
    .option('--plan <id>', '工作方案编号（默认最新）')
    .option('--force', '覆盖已存在的文件')
    .action(async (o: { unit?: string; all?: boolean; out: string; plan?: string; force?: boolean }) => {
      if (!o.unit === !o.all) throw cliError('请指定 --unit <单位名称> 或 --all 之一');
      await withDb(async (ctx) => {
        if (o.all) {
          const r = await (await excel()).exportDistrict(ctx, planOpt(o.plan));
          console.log(`已导出全区台账（${r.sheets}个单位）：${writeOut(o.out, r.buffer, o.force)}`);
          return;
        }
        const { plan, unit } = await planAndUnit(ctx, o.unit!, planOpt(o.plan));
        const id = await (await svc()).createLedger(ctx, { planId: plan.id, unitId: unit.id });
        const r = await (await excel()).exportLedger(ctx, id);
        console.log(`已导出${unit.name}台账：${writeOut(o.out, r.buffer, o.force)}`);
      }, '命令行：台账导出');
    });

  ledger.command('import <file>').description('导入单位填写的附件3台账（.xlsx）；有任何错误则不写入')
    .requiredOption('--unit <name>', '单位名称')
    .option('--plan <id>', '工作方案编号（默认最新）')
    .action(async (file: string, o: { unit: string; plan?: string }) => {
      const path = resolve(file);
      if (!existsSync(path)) throw cliError(`文件不存在：${path}`);
      const buffer = readFileSync(path);
      await withDb(async (ctx) => {
        const { plan, unit } = await planAndUnit(ctx, o.unit, planOpt(o.plan));
        const id = await (await svc()).createLedger(ctx, { planId: plan.id, unitId: unit.id });
        const r = await (await excel()).importLedger(ctx, id, buffer);
        for (const w of r.warnings) console.error(`提示 ${w.sheet || '-'} 第${w.row || '-'}行 ${w.column || '-'}：${w.message}`);
        if (!r.ok) {
          for (const e of r.errors) console.error(`错误 ${e.sheet || '-'} 第${e.row || '-'}行 ${e.column || '-'}：${e.message}`);
          throw cliError(`文件有 ${r.errors.length} 处问题，未导入任何内容`);
        }
        const s = r.summary;
        console.log(`已导入${unit.name}台账：${s.rows}项任务，新增${s.added}条、修改${s.updated}条、删除${s.removed}条、未变${s.unchanged}条举措，新增进展${s.progressNotes}条`);
      }, '命令行：台账导入');
    });

  ledger.command('create-all').description('为方案的所有责任单位生成台账')
    .option('--plan <id>', '工作方案编号（默认最新）')
    .action(async (o: { plan?: string }) => {
      await withDb(async (ctx) => {
        const plan = await (await svc()).resolvePlan(ctx, planOpt(o.plan));
        if (!plan) throw cliError('尚未导入工作方案');
        console.log(`已生成 ${await (await svc()).createAllLedgers(ctx, plan.id)} 个台账`);
      }, '命令行：生成台账');
    });

  ledger.command('remind').description('立即运行逾期标记与到期提醒（每条提醒只发一次，可重复运行）')
    .option('--date <YYYY-MM-DD>', '按指定日期运行（默认今天）')
    .action(async (o: { date?: string }) => {
      if (o.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(o.date)) throw cliError('日期格式应为 YYYY-MM-DD');
      await withDb(async (ctx) => {
        const r = await (await import('./ledger-tracking.js')).runLedgerTracking(ctx, o.date);
        console.log(`标记逾期 ${r.markedOverdue} 项；新提醒：提前 ${r.reminders.before}，到期 ${r.reminders.due}，逾期 ${r.reminders.overdue}；通知 ${r.notified} 人次；邮件发送 ${r.mail.sent}，失败 ${r.mail.failed}`);
      }, '命令行：台账提醒');
    });

  ledger.command('assess').description('导出台账工作考核结果（.xlsx）')
    .requiredOption('--out <file>', '输出文件（.xlsx）')
    .option('--plan <id>', '工作方案编号（默认最新）')
    .option('--force', '覆盖已存在的文件')
    .action(async (o: { out: string; plan?: string; force?: boolean }) => {
      await withDb(async (ctx) => {
        const r = await (await import('./ledger-assessment.js')).exportAssessment(ctx, planOpt(o.plan));
        console.log(`已导出考核结果：${writeOut(o.out, r.buffer, o.force)}`);
      }, '命令行：台账考核');
    });
}
