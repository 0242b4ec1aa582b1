// `gongkai qa …`: rebuild the clause index, ask a question from the command line.
import type { Command } from 'commander';
import { withDb } from '../cli/cli-context.js';

export function registerQaCommands(program: Command): void {
  const qa = program.command('qa').description('政策问答');
  qa.command('reindex').description('重新拆分全部公开政策文件的条款（恢复备份或升级后使用）；引用失效文件的问答条目退回待审核')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { json?: boolean }) => {
      await withDb(async (ctx) => {
        const r = await (await import('./clause-index.js')).reindexClauses(ctx, { full: true });
        console.log(opts.json ? JSON.stringify(r) : `已拆分 ${r.split} 件文件、${r.clauses} 个条款；移出 ${r.removed} 件；退回待审核的问答条目 ${r.suspended.length} 条`);
      });
    });
  qa.command('ask <question>').description('提问（与门户 /ask 相同的答复，JSON 输出）')
    .action(async (question: string) => {
      await withDb(async (ctx) => {
        const { answerQuestion } = await import('./engine.js');
        const { portalAreaId } = await import('./consult.service.js');
        console.log(JSON.stringify(await answerQuestion(ctx.db, ctx.dialect, await portalAreaId(ctx.db), question), null, 2));
      });
    });
}
