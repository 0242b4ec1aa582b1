// Account commands (issue 17): `gongkai user reset-password --name X` (prints a one-time password, forces
// a change at the next login, revokes the user's tokens and sessions), `gongkai token list|revoke`.
import type { Command } from 'commander';
import { cliError, withDb } from '../cli/cli-context.js';

const sub = (program: Command, name: string, description: string): Command =>
  program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);

export function registerAuthCommands(program: Command): void {
  sub(program, 'user', '用户').command('reset-password').description('重置用户密码：打印一次性新密码，下次登录须修改；该用户的会话和访问令牌随之失效')
    .requiredOption('--name <username>', '用户名')
    .action(async (o: { name: string }) => {
      await withDb(async (ctx) => {
        const u = await ctx.db.selectFrom('users').select(['id']).where('username', '=', o.name).executeTakeFirst();
        if (!u) throw cliError(`用户不存在：${o.name}`);
        const password = await (await import('../org/public.js')).resetPassword(ctx, u.id);
        console.log(`已重置 ${o.name} 的密码。一次性密码：${password}`);
        console.log('（只显示这一次；该用户下次登录须设置新密码，原有会话和访问令牌已失效）');
      }, '命令行：重置密码');
    });

  const token = sub(program, 'token', 'API 访问令牌');
  token.command('list').description('列出访问令牌（不含令牌本身）')
    .option('--user <username>', '只列出该用户的令牌')
    .option('--json', '以 JSON 输出')
    .action(async (o: { user?: string; json?: boolean }) => {
      await withDb(async (ctx) => {
        let userId: number | undefined;
        if (o.user) {
          const u = await ctx.db.selectFrom('users').select(['id']).where('username', '=', o.user).executeTakeFirst();
          if (!u) throw cliError(`用户不存在：${o.user}`);
          userId = u.id;
        }
        const rows = await (await import('./tokens.js')).listApiTokens(ctx, { userId });
        if (o.json) { console.log(JSON.stringify(rows)); return; }
        for (const t of rows) {
          const state = t.revoked_at ? `已撤销 ${t.revoked_at}` : t.expires_at && t.expires_at <= new Date().toISOString() ? '已过期' : '有效';
          console.log(`#${t.id}\t${t.username}\t${t.name}\t${t.scope}${t.module ? `/${t.module}` : ''}\t到期 ${t.expires_at ?? '-'}\t最近使用 ${t.last_used_at ?? '-'}\t${state}`);
        }
        if (!rows.length) console.log('没有访问令牌');
      });
    });
  token.command('revoke <id>').description('撤销一个访问令牌').action(async (id: string) => {
    if (!/^\d{1,9}$/.test(id)) throw cliError('令牌编号应为数字');
    await withDb(async (ctx) => {
      await (await import('./tokens.js')).revokeApiToken(ctx, Number(id));
      console.log(`令牌 #${id} 已撤销`);
    }, '命令行：撤销令牌');
  });
}
