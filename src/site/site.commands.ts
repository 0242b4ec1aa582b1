// `gongkai site check`: the self-inspection from the command line (the daily job does the same).
import type { Command } from 'commander';
import { withDb } from '../cli/cli-context.js';
import { loadConfig } from '../config/config.js';

export function registerSiteCommands(program: Command): void {
  const site = program.command('site').description('网站自查等');
  site.command('check').description('运行网站自查并保存当天结果；输出各项指标（--json 输出 JSON）；有单项否决不合格时退出码为 1')
    .option('--json', '输出 JSON')
    .action(async (o: { json?: boolean }) => {
      const code = await withDb(async (ctx, handle) => {
        const [{ buildApp }, { runSiteCheck }] = await Promise.all([import('../app/app.js'), import('./self-check.service.js')]);
        const app = await buildApp({ config: loadConfig(), handle }); // the crawler checks links against the app in-process
        await app.ready();
        try {
          const r = await runSiteCheck(ctx, { trigger: 'cli' });
          if (o.json) process.stdout.write(`${JSON.stringify(r)}\n`);
          else {
            for (const x of r.results) console.log(`${x.status === 'PASS' ? '合格' : x.status === 'FAIL' ? '不合格' : '未能判断'}\t${x.veto ? '单项否决' : '扣分'}\t${x.label}\t${x.figure}`);
            console.log(`单项否决不合格 ${r.vetoes} 项，不合格合计 ${r.fails} 项`);
          }
          return r.vetoes ? 1 : 0;
        } finally {
          await app.close();
        }
      }, '命令行管理员');
      process.exitCode = code;
    });
}
