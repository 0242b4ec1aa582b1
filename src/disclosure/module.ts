// Government information items: attributes, 保密审查 workflow, privacy guard, normative validity,
// interpretations, gazette, compliance.
import type { GongkaiModule } from '../app/module.js';
import { registerDisclosureCommands } from './disclosure.commands.js';
import { DISCLOSURE_MIGRATIONS } from './disclosure.migrations.js';

export const VALIDITY_JOB = 'disclosure.validity-expiry';

export const disclosureModule: GongkaiModule = {
  name: 'disclosure',
  migrations: DISCLOSURE_MIGRATIONS,
  routes: async (app, deps) => (await import('./disclosure.routes.js')).disclosureRoutes(app, deps),
  commands: registerDisclosureCommands,
  jobs: [{
    name: VALIDITY_JOB,
    label: '规范性文件有效期届满失效',
    everyMinutes: 60,
    run: async (ctx) => `${await (await import('./validity.service.js')).expireNormativeDocuments(ctx)} 件规范性文件已标记为已失效`,
  }],
  nav: [
    { href: '/console/items', label: '政府信息', order: 40 },
    { href: '/console/compliance', label: '公开合规', order: 63, roles: ['admin', 'auditor'] },
    { href: '/console/items/import-historic', label: '历史信息导入', order: 64, roles: ['admin'] },
  ],
};
