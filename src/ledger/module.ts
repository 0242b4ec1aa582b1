// Unit ledgers (台账): measures, review workflow, tracking job, dashboard, assessment, 回头看.
import type { GongkaiModule } from '../app/module.js';
import { registerLedgerCommands } from './ledger.commands.js';
import { LEDGER_MIGRATIONS } from './ledger.migrations.js';

export const ledgerModule: GongkaiModule = {
  name: 'ledger',
  migrations: LEDGER_MIGRATIONS,
  routes: async (app, deps) => (await import('./ledger.routes.js')).ledgerRoutes(app, deps),
  commands: registerLedgerCommands,
  jobs: [{
    name: 'ledger-tracking',
    label: '台账逾期标记与到期提醒',
    // Hourly, so the first run after midnight (CST) happens soon; the unique keys make it daily in effect.
    everyMinutes: 60,
    run: async (ctx) => {
      const { runLedgerTracking } = await import('./ledger-tracking.js');
      const r = await runLedgerTracking(ctx);
      return `标记逾期 ${r.markedOverdue} 项；提醒 提前${r.reminders.before} 到期${r.reminders.due} 逾期${r.reminders.overdue}；通知 ${r.notified} 人次；邮件 发送${r.mail.sent} 失败${r.mail.failed}`;
    },
  }],
  nav: [
    { href: '/console/ledgers', label: '台账', order: 30 },
    { href: '/console/ledger-dashboard', label: '台账总览', order: 60, roles: ['admin', 'auditor'] },
    { href: '/console/assessment', label: '考核', order: 61, roles: ['admin', 'auditor'] },
    { href: '/console/lookback', label: '回头看', order: 62, roles: ['admin', 'auditor'] },
  ],
};
