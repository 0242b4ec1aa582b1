// The audit retention job: once a day, records older than GONGKAI_AUDIT_RETENTION_DAYS (≥ 180) are removed.
import { registerJob } from '../jobs/jobs.js';
import { securitySettings } from '../auth/security-settings.js';
import { purgeAuditLog } from './audit-chain.js';

registerJob({
  name: 'audit.retention',
  label: '审计日志保存期限',
  everyMinutes: 24 * 60,
  run: async (ctx) => {
    const n = await purgeAuditLog(ctx.db, ctx, securitySettings().auditRetentionDays);
    return n ? `删除超过保存期限的审计记录 ${n} 条` : '';
  },
});
