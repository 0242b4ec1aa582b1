// 重大行政决策 and public participation: the decision catalog, consultations with feedback (采纳情况),
// 列席 meetings and 政府开放日.
import type { GongkaiModule } from '../app/module.js';
import { registerDecisionsCommands } from './decisions.commands.js';
import { DECISIONS_MIGRATIONS } from './decisions.migrations.js';

export const decisionsModule: GongkaiModule = {
  name: 'decisions',
  migrations: DECISIONS_MIGRATIONS,
  routes: async (app, deps) => (await import('./decisions.routes.js')).decisionsRoutes(app, deps),
  commands: registerDecisionsCommands,
  jobs: [{
    name: 'decisions.reminders',
    label: '征求意见采纳情况和列席遴选提醒',
    everyMinutes: 60,
    run: async (ctx) => {
      const r = await (await import('./reminders.js')).runDecisionReminders(ctx);
      return r.feedback || r.meetings ? `提醒 采纳情况${r.feedback} 列席遴选${r.meetings}` : '';
    },
  }],
  nav: [{ href: '/console/decisions', label: '决策与参与', order: 45 }],
  inbox: async (ctx) => (await import('./dashboard.service.js')).inbox(ctx),
};
