// Registers every module's routes (src/app/modules.ts), behind the console/API login guard.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/errors.js';
import { apiDocsRoutes } from '../web/api-docs.js';
import { consoleHomeRoutes } from '../web/console-home.js';
import type { AppDeps } from './module.js';
import { MODULES } from './modules.js';

export async function registerRoutes(app: FastifyInstance, deps: AppDeps) {
  // Staff pages and the API need a user; the public portal does not.
  app.addHook('preHandler', async (req) => {
    const path = req.url.split('?')[0] ?? '';
    const staff = path === '/console' || path.startsWith('/console/');
    const api = path.startsWith('/api/v1/') && !path.startsWith('/api/v1/public/');
    if ((staff || api) && req.ctx.actor.kind !== 'user') throw new AppError('unauthorized', 'login_required', '请先登录');
  });
  await consoleHomeRoutes(app);
  for (const m of MODULES) if (m.routes) await m.routes(app, deps);
  await apiDocsRoutes(app);
}
