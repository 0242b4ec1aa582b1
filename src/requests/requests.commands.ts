// `gongkai requests list|overdue|export`.
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { cliError, withDb } from '../cli/cli-context.js';
import type { Ctx } from '../lib/context.js';

const yearOpt = (v?: string) => {
  if (v === undefined) return undefined;
  if (!/^\d{4}$/.test(v)) throw cliError(`年份应为四位数字：${v}`);
  return Number(v);
};

async function scope(ctx: Ctx, unitName?: string) {
  const { actorArea, unitByName } = await import('../org/public.js');
  const areaId = await actorArea(ctx);
  if (!unitName) return { areaId, unitId: undefined };
  const unit = await unitByName(ctx.db, areaId, unitName);
  if (!unit) throw cliError(`单位不存在：${unitName}`);
  return { areaId, unitId: unit.id };
}

export function registerRequestsCommands(program: Command): void {
  const cmd = program.command('requests').description('依申请公开：申请登记、逾期、导出登记台账');
  const print = async (ctx: Ctx, q: { areaId: number; unitId?: number; year?: number; overdueOn?: string }) => {
    const [{ registerRows }, { decisionLabel }, { STATE_LABELS }] = await Promise.all([import('./register-export.js'), import('./labels.js'), import('./request-events.js')]);
    const rows = await registerRows(ctx.db, q);
    for (const x of rows) {
      const r = x.row;
      console.log([r.number ?? `#${r.id}（待确认）`, x.handling || x.unit, r.received_on ?? '-', STATE_LABELS[r.state as keyof typeof STATE_LABELS] ?? r.state, r.due_on ?? '-', r.decision ? decisionLabel(r.decision) : '-'].join('\t'));
    }
    console.error(`共 ${rows.length} 件`);
  };
  cmd.command('list').description('列出申请（编号、承办单位、收到日期、状态、答复期限、结果；不含申请人信息）')
    .option('--year <yyyy>', '收到申请的年份').option('--unit <name>', '单位名称（受理或承办）')
    .action(async (o: { year?: string; unit?: string }) => {
      const year = yearOpt(o.year);
      await withDb(async (ctx) => print(ctx, { ...(await scope(ctx, o.unit)), year }), '命令行：申请列表');
    });
  cmd.command('overdue').description('列出已超过答复期限仍在办理的申请')
    .option('--unit <name>', '单位名称（受理或承办）')
    .action(async (o: { unit?: string }) => {
      await withDb(async (ctx) => print(ctx, { ...(await scope(ctx, o.unit)), overdueOn: (await import('../lib/time.js')).todayCst() }), '命令行：逾期申请');
    });
  cmd.command('export').description('导出政府信息公开申请登记台账（.xlsx）')
    .requiredOption('--year <yyyy>', '收到申请的年份').option('--unit <name>', '单位名称（受理或承办）')
    .requiredOption('--out <file>', '输出文件（.xlsx）').option('--force', '覆盖已存在的文件')
    .action(async (o: { year: string; unit?: string; out: string; force?: boolean }) => {
      const year = yearOpt(o.year)!;
      const target = resolve(o.out);
      if (existsSync(target) && !o.force) throw cliError(`目标文件已存在：${target}（加 --force 覆盖）`);
      await withDb(async (ctx) => {
        const s = await scope(ctx, o.unit);
        const title = `${year}年政府信息公开申请登记台账${o.unit ? `（${o.unit}）` : ''}`;
        const r = await (await import('./register-export.js')).exportRegister(ctx.db, { ...s, year }, title);
        writeFileSync(target, r.buffer);
        console.log(`已导出 ${r.rows} 件申请：${target}`);
      }, '命令行：导出申请登记台账');
    });
}
