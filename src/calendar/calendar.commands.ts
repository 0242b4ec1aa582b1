// `gongkai calendar …`: deadline arithmetic for scripts, rule parsing, notice import.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { cliError, withDb } from '../cli/cli-context.js';
import { calendarFor, calendarToAppError, importCalendar } from './calendar.service.js';
import { parseTimeLimit } from './deadline-rules.js';
import type { WorkingCalendar } from './working-calendar.js';

async function readStdinLines(): Promise<string[]> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
}

const message = (err: unknown) => {
  const e = calendarToAppError(err);
  return e instanceof Error ? e.message : String(e);
};

function addAnswer(cal: WorkingCalendar, date: string, nText: string, explain: boolean): string {
  if (!/^-?\d+$/.test(nText ?? '')) throw cliError(`工作日数无效：「${nText ?? ''}」，应为整数`);
  const n = Number(nText);
  if (!explain) return cal.addWorkingDays(date, n);
  const r = cal.explainAddWorkingDays(date, n);
  const lines = [r.due, `起算日 ${date}（不计入），第 ${n} 个工作日`];
  for (const w of r.warnings) lines.push(`警告：${w}`);
  const rows = [...r.counted.map((c) => ({ d: c.date, t: `计入 第${c.ordinal}个工作日` })), ...r.skipped.map((s) => ({ d: s.date, t: `跳过 ${s.reason}` }))].sort((a, b) => (a.d < b.d ? -1 : 1));
  for (const row of rows) lines.push(`  ${row.d} ${row.t}`);
  return lines.join('\n');
}

export function registerCalendarCommands(program: Command): void {
  const cal = program.command('calendar').description('工作日历与期限计算');

  cal.command('add-working-days [date] [n]').description('起算日（不计入）后第 n 个工作日的日期')
    .option('--explain', '列出计入和跳过的日期')
    .option('--stdin', '从标准输入逐行读取「日期 工作日数」，逐行输出结果')
    .action(async (date: string | undefined, n: string | undefined, o: { explain?: boolean; stdin?: boolean }) => {
      await withDb(async (ctx) => {
        const calendar = await calendarFor(ctx);
        if (o.stdin) {
          const out: string[] = [];
          for (const line of await readStdinLines()) {
            const [d, k] = line.trim().split(/\s+/);
            try { out.push(addAnswer(calendar, d ?? '', k ?? '', Boolean(o.explain))); } catch (err) { out.push(`错误：${message(err)}`); process.exitCode = 2; }
          }
          process.stdout.write(out.join('\n') + '\n');
          return;
        }
        if (!date || n === undefined) throw cliError('用法：gongkai calendar add-working-days <日期> <工作日数>');
        try { console.log(addAnswer(calendar, date, n, Boolean(o.explain))); } catch (err) { throw cliError(message(err)); }
      });
    });

  cal.command('is-working-day [date]').description('是否为工作日：输出 true 或 false')
    .option('--stdin', '从标准输入逐行读取日期')
    .action(async (date: string | undefined, o: { stdin?: boolean }) => {
      await withDb(async (ctx) => {
        const calendar = await calendarFor(ctx);
        if (o.stdin) {
          const out: string[] = [];
          for (const line of await readStdinLines()) {
            try { out.push(String(calendar.isWorkingDay(line.trim()))); } catch (err) { out.push(`错误：${message(err)}`); process.exitCode = 2; }
          }
          process.stdout.write(out.join('\n') + '\n');
          return;
        }
        if (!date) throw cliError('用法：gongkai calendar is-working-day <日期>');
        try { console.log(String(calendar.isWorkingDay(date))); } catch (err) { throw cliError(message(err)); }
      });
    });

  cal.command('rule <text>').description('把时限要求文字解析为结构化规则（JSON）')
    .requiredOption('--year <year>', '方案年度')
    .action((text: string, o: { year: string }) => {
      if (!/^\d{4}$/.test(o.year)) throw cliError('年度应为四位数字');
      const r = parseTimeLimit(text, Number(o.year));
      for (const w of r.warnings) console.error(`警告：${w}`);
      console.log(JSON.stringify(r.rules, null, 2));
    });

  cal.command('import <file>').description('导入节假日文件（本平台格式或 holiday-cn JSON），全部成功才写入')
    .action(async (file: string) => {
      let text: string;
      try { text = readFileSync(file, 'utf8'); } catch { throw cliError(`无法读取文件：${file}`); }
      await withDb(async (ctx) => {
        const r = await importCalendar(ctx, text);
        console.log(`已导入 ${r.years.join('、')} 年，共 ${r.days} 个日期`);
      });
    });
}
