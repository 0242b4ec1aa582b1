// serve, db migrate, backup, user add, token create.
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

  program.command('backup <file>').description('在服务运行时生成备份归档：SQLite 数据库的一致性快照 + 附件目录 uploads/ + 校验清单（PostgreSQL：只含附件，数据库请用 pg_dump）')
    .action(async (file: string) => {
      const { createBackup } = await import('./backup.js');
      const config = (await import('../config/config.js')).loadConfig();
      await withDb(async (_ctx, handle) => {
        const { manifest, target } = await createBackup(handle, config.dataDir, file, (l) => console.error(l));
        const uploads = manifest.files.filter((f) => f.path.startsWith('uploads/'));
        const bytes = manifest.files.reduce((n, f) => n + f.size, 0);
        console.log(`备份完成：${target}（${manifest.files.length} 个文件，${(bytes / 1048576).toFixed(1)} MB；其中附件 ${uploads.length} 个）`);
        if (!manifest.database) {
          console.log('PostgreSQL：本归档只包含附件目录 uploads/。数据库请另用 pg_dump 备份，例如：pg_dump --format=custom --file=gongkai.dump "$DATABASE_URL"');
          console.log('PostgreSQL: this archive holds the uploads/ folder only; back up the database with pg_dump (see README).');
        }
      });
    });

  program.command('restore <archive>').description('从备份归档恢复（先核对清单和校验和；数据目录正被运行中的服务使用时拒绝）')
    .option('--force', '数据目录已有数据时仍然恢复（原有文件移到 before-restore-时间/ 目录）')
    .action(async (archive: string, o: { force?: boolean }) => {
      const { restoreBackup } = await import('./backup.js');
      const config = (await import('../config/config.js')).loadConfig();
      const engine = config.databaseUrl && /^postgres/.test(config.databaseUrl) ? 'postgres' : 'sqlite';
      const { manifest, asideDir } = await restoreBackup(archive, config.dataDir, { force: !!o.force, engine });
      console.log(`已恢复备份（${manifest.createdAt}，${manifest.files.length} 个文件，校验和一致）到 ${config.dataDir}`);
      if (asideDir) console.log(`原有数据已移到 ${asideDir}`);
      if (!manifest.database) console.log('PostgreSQL：附件已恢复；数据库请用 pg_restore 恢复，例如：pg_restore --clean --dbname="$DATABASE_URL" gongkai.dump');
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
