// The append-only audit log: its page and API.
import type { GongkaiModule } from '../app/module.js';

export const auditModule: GongkaiModule = {
  name: 'audit',
  routes: async (app) => (await import('./audit.routes.js')).auditRoutes(app),
  nav: [{ href: '/console/audit', label: '审计日志', order: 92, roles: ['admin', 'auditor'] }],
};
