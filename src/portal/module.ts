// The public 政府信息公开专栏: pages, search page, feeds, sitemap, public API; themed collections.
import type { GongkaiModule } from '../app/module.js';

export const portalModule: GongkaiModule = {
  name: 'portal',
  routes: async (app, deps) => (await import('./portal.routes.js')).portalRoutes(app, deps),
  nav: [{ href: '/console/collections', label: '特色主题', order: 70, roles: ['admin'] }],
};
