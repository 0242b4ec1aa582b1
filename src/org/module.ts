// Units tree (市 → 区 → 部门/镇街) and users.
import type { GongkaiModule } from '../app/module.js';

export const orgModule: GongkaiModule = {
  name: 'org',
  routes: async (app) => (await import('./org.routes.js')).orgRoutes(app),
  nav: [
    { href: '/console/units', label: '单位管理', order: 90, roles: ['admin', 'auditor'] },
    { href: '/console/users', label: '用户管理', order: 91, roles: ['admin', 'auditor'] },
  ],
};
