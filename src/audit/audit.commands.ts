// `gongkai audit verify`: walks the audit log's hash chain and reports the first broken link.
import type { Command } from 'commander';
import { withDb } from '../cli/cli-context.js';

const REASONS = { hash_mismatch: '记录内容与哈希不符（记录被修改）', link_mismatch: '与上一条记录的链接断开（记录被删除、插入或重排）', missing_hash: '记录缺少哈希' } as const;

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('审计日志');
  audit.command('verify')
    .description('校验审计日志哈希链，报告第一处断开的记录')
    .option('--json', '以 JSON 输出')
    .action(async (o: { json?: boolean }) => {
      const { verifyAuditChain } = await import('./audit-chain.js');
      const r = await withDb((ctx) => verifyAuditChain(ctx.db));
      if (o.json) console.log(JSON.stringify(r));
      else if (r.ok) console.log(`审计日志完整：共 ${r.rows} 条记录；最新记录 #${r.headId ?? '-'}，链头哈希 ${r.headHash}（可另行记录，用于日后比对）`);
      else console.log(`审计日志校验失败：第一处断开在记录 #${r.brokenId}：${REASONS[r.reason]}（已校验 ${r.rows} 条）`);
      if (!r.ok) process.exitCode = 3;
    });
}
