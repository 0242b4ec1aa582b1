// 依申请公开: information requests from application to reply, on the statutory clock.
import type { GongkaiModule } from '../app/module.js';
import { registerRequestsCommands } from './requests.commands.js';
import { REQUESTS_MIGRATIONS } from './requests.migrations.js';
import { RequestEventRefused } from './request-events.js';
import { AppError } from '../lib/errors.js';

export const requestsModule: GongkaiModule = {
  name: 'requests',
  migrations: REQUESTS_MIGRATIONS,
  commands: registerRequestsCommands,
  routes: async (app, deps) => (await import('./requests.routes.js')).requestsRoutes(app, deps),
  jobs: [{
    name: 'requests.reminders',
    label: '依申请公开到期提醒、逾期提醒、待确认提醒；征求意见期满自动恢复计时',
    everyMinutes: 60,
    run: async (ctx) => {
      const r = await (await import('./console.service.js')).runReminders(ctx);
      return `即将到期 ${r.dueSoon}；逾期 ${r.overdue}；待确认 ${r.pending}；自动恢复计时 ${r.resumed}`;
    },
  }],
  nav: [
    { href: '/console/requests', label: '依申请公开', order: 45 },
    { href: '/console/requests/dashboard', label: '依申请看板', order: 46 },
    { href: '/console/requests/appeals', label: '复议诉讼台账', order: 66, roles: ['admin', 'auditor'] },
  ],
  inbox: async (ctx) => (await import('./console.service.js')).inboxEntries(ctx),
  errorMapper: (err) => (err instanceof RequestEventRefused ? new AppError('conflict', err.code, err.message) : null),
};
