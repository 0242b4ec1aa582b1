// Registers every module's routes, behind the console/API login guard.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/errors.js';
import { auditRoutes } from '../audit/audit.routes.js';
import { calendarRoutes } from '../calendar/calendar.routes.js';
import { authRoutes } from '../auth/auth.routes.js';
import { orgRoutes } from '../org/org.routes.js';
import type { AppDeps } from './app.js';
import { apiDocsRoutes } from './api-docs.js';
import { consoleHomeRoutes } from './console-home.js';
import { registerModuleRoutes } from './modules.js';
import { decodedPath } from './http.js';

export async function registerRoutes(app: FastifyInstance, deps: AppDeps) {
  // Staff pages and the API need a user; the public portal does not.
  // The check uses the route the router matched (and the decoded path), never the raw URL:
  // `/%61pi/v1/users` reaches the /api/v1/users handler, so it must meet the same guard.
  app.addHook('preHandler', async (req) => {
    const paths = [req.routeOptions.url ?? '', decodedPath(req), req.url.split('?')[0] ?? ''];
    const staff = paths.some((p) => p === '/console' || p.startsWith('/console/'));
    const api = paths.some((p) => p.startsWith('/api/v1/') && !p.startsWith('/api/v1/public/'));
    if ((staff || api) && req.ctx.actor.kind !== 'user') throw new AppError('unauthorized', 'login_required', '请先登录');
  });
  await authRoutes(app, deps);
  await consoleHomeRoutes(app);
  await orgRoutes(app);
  await auditRoutes(app);
  await calendarRoutes(app);
  await registerModuleRoutes(app, deps);
  await apiDocsRoutes(app);
}
