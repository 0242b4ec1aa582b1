// 重大行政决策 and public participation: the decision catalog, consultations with feedback (采纳情况),
// 列席 meetings and 政府开放日.
import type { GongkaiModule } from '../app/module.js';
import { DECISIONS_MIGRATIONS } from './decisions.migrations.js';

export const decisionsModule: GongkaiModule = {
  name: 'decisions',
  migrations: DECISIONS_MIGRATIONS,
  routes: async (app, deps) => (await import('./decisions.routes.js')).decisionsRoutes(app, deps),
  nav: [{ href: '/console/decisions', label: '决策与参与', order: 45 }],
  inbox: async (ctx) => (await import('./dashboard.service.js')).inbox(ctx),
};
