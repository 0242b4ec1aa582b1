// The append-only, hash-chained audit log: its page, API, `gongkai audit verify` and the retention job.
import type { GongkaiModule } from '../app/module.js';
import { registerAuditCommands } from './audit.commands.js';
import { auditHashChain, auditRetention } from './audit.migrations.js';

export const auditModule: GongkaiModule = {
  name: 'audit',
  migrations: [auditHashChain, auditRetention],
  routes: async (app) => (await import('./audit.routes.js')).auditRoutes(app),
  commands: registerAuditCommands,
  // Once a day, records older than GONGKAI_AUDIT_RETENTION_DAYS (≥ 180) are removed.
  jobs: [{
    name: 'audit.retention',
    label: '审计日志保存期限',
    everyMinutes: 24 * 60,
    run: async (ctx) => {
      const [{ securitySettings }, { purgeAuditLog }] = await Promise.all([import('../auth/public.js'), import('./audit-chain.js')]);
      const n = await purgeAuditLog(ctx.db, ctx, securitySettings().auditRetentionDays);
      return n ? `删除超过保存期限的审计记录 ${n} 条` : '';
    },
  }],
  nav: [{ href: '/console/audit', label: '审计日志', order: 92, roles: ['admin', 'auditor'] }],
};
