// `gongkai decisions draw --list 3,1,2 --seed "…" --seats 2`: re-runs a published 列席 draw offline
// (no database needed) — the same result as on the meeting page, for anyone who wants to check it.
import type { Command } from 'commander';
import { cliError } from '../cli/cli-context.js';

export function registerDecisionsCommands(program: Command): void {
  const d = program.command('decisions').description('重大行政决策与公众参与');
  d.command('draw').description('按公布的报名编号表和随机种子复算列席抽取结果（不需要数据库）')
    .requiredOption('--list <numbers>', '参与抽取的报名编号，逗号分隔')
    .requiredOption('--seed <text>', '公布的随机种子')
    .requiredOption('--seats <n>', '名额')
    .option('--json', '以 JSON 输出')
    .action(async (o: { list: string; seed: string; seats: string; json?: boolean }) => {
      const list = o.list.split(/[,，\s]+/).filter(Boolean).map(Number);
      if (!list.length || list.some((n) => !Number.isInteger(n) || n <= 0)) throw cliError('报名编号应为逗号分隔的正整数');
      const seats = Number(o.seats);
      if (!Number.isInteger(seats) || seats < 1) throw cliError('名额应为正整数');
      const { drawFromSeed } = await import('./pure/draw.js');
      const r = drawFromSeed(list, o.seed, seats);
      if (o.json) console.log(JSON.stringify(r));
      else console.log(`入选：${r.selected.join('、')}\n抽取顺序：${r.order.join('、')}`);
    });
}
