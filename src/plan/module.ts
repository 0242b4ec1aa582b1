// Work plans: import (text/docx/xlsx), tasks, responsible units, copy to next year.
import type { GongkaiModule } from '../app/module.js';
import { registerPlanCommands } from './plan.commands.js';
import { PLAN_MIGRATIONS } from './plan.migrations.js';

export const planModule: GongkaiModule = {
  name: 'plan',
  migrations: PLAN_MIGRATIONS,
  routes: async (app, deps) => (await import('./plan.routes.js')).planRoutes(app, deps),
  commands: registerPlanCommands,
  nav: [{ href: '/console/plans', label: '工作方案', order: 20 }],
};
