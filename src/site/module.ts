// Site identity (footer identifiers, standard meta tags, 联系我们), the four standard sub-columns of
// 政府信息公开 for every body, reading aids, and the self-inspection (网站自查).
import type { GongkaiModule } from '../app/module.js';
import { installIdentityProvider } from './identity.js';
import { SITE_MIGRATIONS } from './site.migrations.js';

export const siteModule: GongkaiModule = {
  name: 'site',
  migrations: SITE_MIGRATIONS,
  init: () => installIdentityProvider(),
  routes: async (app) => (await import('./site.routes.js')).siteRoutes(app),
  nav: [
    { href: '/console/site', label: '网站标识', order: 72, roles: ['admin'] },
    { href: '/console/site/offices', label: '公开指南机构信息', order: 73, roles: ['admin'] },
  ],
};
