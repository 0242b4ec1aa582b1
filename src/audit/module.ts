// The append-only, hash-chained audit log: its page, API and `gongkai audit verify`.
import type { GongkaiModule } from '../app/module.js';
import { registerAuditCommands } from './audit.commands.js';
import { auditHashChain } from './audit.migrations.js';

export const auditModule: GongkaiModule = {
  name: 'audit',
  migrations: [auditHashChain],
  routes: async (app) => (await import('./audit.routes.js')).auditRoutes(app),
  commands: registerAuditCommands,
  nav: [{ href: '/console/audit', label: '审计日志', order: 92, roles: ['admin', 'auditor'] }],
};
