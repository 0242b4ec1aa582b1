// serve, db migrate, backup, user add, token create.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { cliError, reportCliError, withDb } from './cli-context.js';

export function registerCoreCommands(program: Command): void {
  program.command('serve').description('启动服务器（自动迁移数据库；首次启动创建演示账号并载入临淄区2022年工作方案）')
    .option('--no-demo', '不创建演示账号')
    .action(async (o: { demo: boolean }) => {
      const { startServer } = await import('../server.js');
      await startServer({ demo: o.demo }).catch((err) => {
        reportCliError(err);
        process.exit(process.exitCode ?? 1);
      });
    });

  const db = program.command('db').description('数据库');
  db.command('migrate').description('执行数据库迁移').action(async () => {
    await withDb(async () => console.log('数据库已是最新版本'));
  });

  program.command('backup <file>').description('在服务运行时生成 SQLite 数据库的一致性备份').action(async (file: string) => {
    await withDb(async (_ctx, handle) => {
      if (!handle.sqlite) throw cliError('PostgreSQL 请使用 pg_dump 备份 / use pg_dump for PostgreSQL');
      const target = resolve(file);
      if (existsSync(target)) throw cliError(`目标文件已存在：${target}`);
      let last = -1;
      await handle.sqlite.backup(target, {
        progress: ({ totalPages, remainingPages }) => {
          const pct = totalPages ? Math.round(((totalPages - remainingPages) / totalPages) * 100) : 100;
          if (pct !== last) process.stderr.write(`\r备份进度 ${pct}%`);
          last = pct;
          return 200;
        },
      });
      process.stderr.write('\n');
      console.log(`备份完成：${target}`);
    });
  });

  const user = program.command('user').description('用户');
  user.command('add').description('新增用户，打印初始密码')
    .requiredOption('--name <username>', '用户名')
    .requiredOption('--role <role>', 'admin | unit_operator | unit_reviewer | auditor')
    .option('--unit <unit>', '所属单位名称（联络员、审核人必填）')
    .option('--display-name <name>', '姓名')
    .option('--password <password>', '初始密码（省略则自动生成）')
    .action(async (o: { name: string; role: string; unit?: string; displayName?: string; password?: string }) => {
      await withDb(async (ctx) => {
        const area = await ctx.db.selectFrom('units').select(['id']).where('kind', '=', '区').orderBy('id').executeTakeFirstOrThrow();
        let unitId = area.id;
        if (o.unit) {
          const u = await ctx.db.selectFrom('units').select(['id']).where('name', '=', o.unit).executeTakeFirst();
          if (!u) throw cliError(`单位不存在：${o.unit}`);
          unitId = u.id;
        }
        const r = await (await import('../org/public.js')).createUser(ctx, { username: o.name, displayName: o.displayName ?? o.name, role: o.role, unitId, password: o.password });
        console.log(`用户已创建：${o.name}（id ${r.id}）${o.password ? '' : `，初始密码：${r.password}`}`);
      });
    });

  const token = program.command('token').description('API 访问令牌');
  token.command('create').description('为用户创建 API 令牌（只显示一次）')
    .requiredOption('--user <username>', '用户名')
    .option('--name <name>', '令牌用途', '脚本')
    .option('--scope <scope>', 'read（只读）| read_write（读写）', 'read_write')
    .option('--module <module>', '只允许访问一个模块（/api/v1/<module>/…）')
    .option('--expires-days <days>', '有效期天数（1–366）', '90')
    .action(async (o: { user: string; name: string; scope: string; module?: string; expiresDays: string }) => {
      if (!/^\d{1,3}$/.test(o.expiresDays)) throw cliError('有效期天数应为1至366');
      await withDb(async (ctx) => console.log((await (await import('../auth/public.js')).issueApiToken(ctx, { username: o.user, name: o.name, scope: o.scope, module: o.module ?? null, expiresDays: Number(o.expiresDays) })).token));
    });
}
