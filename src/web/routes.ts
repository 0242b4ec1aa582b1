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

export async function registerRoutes(app: FastifyInstance, deps: AppDeps) {
  // Staff pages and the API need a user; the public portal does not.
  app.addHook('preHandler', async (req) => {
    const path = req.url.split('?')[0] ?? '';
    const staff = path === '/console' || path.startsWith('/console/');
    const api = path.startsWith('/api/v1/') && !path.startsWith('/api/v1/public/');
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
