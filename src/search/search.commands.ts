// `gongkai search …`: rebuild and check the public full-text index.
import type { Command } from 'commander';
import { withDb } from '../cli/cli-context.js';

// The indexer (jieba, worker pool) loads when a command runs, so the CLI starts faster.
const indexer = () => import('./search.indexer.js');

export function registerSearchCommands(program: Command): void {
  const search = program.command('search').description('全文检索索引');
  search.command('reindex').description('重建全文检索索引（恢复备份后或升级后使用；显示进度，服务可继续运行）')
    .action(async () => {
      await withDb(async (ctx) => {
        const r = await (await indexer()).rebuildIndex(ctx.db, ctx.dialect, { force: true, log: (l) => console.error(l) });
        if (!r) process.exitCode = 3;
        else console.log(`已索引 ${r.indexed} 条公开信息`);
      });
    });
  search.command('check').description('核对索引与公开信息，补充遗漏、移除不应公开的条目')
    .action(async () => {
      await withDb(async (ctx) => {
        const r = await (await indexer()).checkIndex(ctx.db, ctx.dialect);
        if (!r) {
          console.error('全文检索索引正在重建，请稍后再试');
          process.exitCode = 3;
          return;
        }
        if (r.shadowDropped) console.log('已清除中断的重建留下的临时索引');
        console.log(`移除 ${r.removed.length} 条，补充 ${r.added.length} 条`);
      });
    });
}
