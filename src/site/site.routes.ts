// Registers the site module's pages; every request first makes this database's identity current.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app/module.js';
import { useIdentityOf } from './identity.js';
import { identityRoutes } from './identity.routes.js';
import { subcolumnRoutes } from './subcolumns.routes.js';
import { selfCheckRoutes } from './self-check.routes.js';
import { setCrawlTarget } from './crawl.js';

export async function siteRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.addHook('onRequest', async (req) => {
    if (req.method === 'GET' && !req.url.startsWith('/static/') && !req.url.startsWith('/api/')) await useIdentityOf(req.ctx.db);
  });
  await identityRoutes(app);
  await subcolumnRoutes(app);
  await selfCheckRoutes(app);
  setCrawlTarget(deps.handle.db, app);
}
