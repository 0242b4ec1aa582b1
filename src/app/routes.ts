// Registers every module's routes (src/app/modules.ts), behind the console/API login guard.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/errors.js';
import { apiDocsRoutes } from '../web/api-docs.js';
import { consoleHomeRoutes } from './console-home.js';
import { decodedPath } from '../web/http.js';
import type { AppDeps } from './module.js';
import { MODULES } from './modules.js';

export async function registerRoutes(app: FastifyInstance, deps: AppDeps) {
  // Staff pages and the API need a user; the public portal does not.
  // The check uses the route the router matched (and the decoded path), never the raw URL:
  // `/%61pi/v1/users` reaches the /api/v1/users handler, so it must meet the same guard.
  app.addHook('preHandler', async (req, reply) => {
    const paths = [req.routeOptions.url ?? '', decodedPath(req), req.url.split('?')[0] ?? ''];
    const staff = paths.some((p) => p === '/console' || p.startsWith('/console/'));
    const api = paths.some((p) => p.startsWith('/api/v1/') && !p.startsWith('/api/v1/public/'));
    if ((staff || api) && req.ctx.actor.kind !== 'user') throw new AppError('unauthorized', 'login_required', '请先登录');
    // A forced password change (first login, admin reset, expiry) or a required second-factor enrolment
    // comes first: until then only the account page (and /api/v1/me) may be used.
    const a = req.ctx.actor;
    if ((staff || api) && a.kind === 'user' && (a.mustChangePassword || a.mustEnrolTotp)) {
      const open = paths.some((p) => p === '/console/account' || p.startsWith('/console/account/') || p === '/api/v1/me');
      if (!open) {
        const what = a.mustChangePassword ? 'password' : 'totp';
        if (api) {
          throw a.mustChangePassword
            ? new AppError('forbidden', 'password_change_required', '请先在账号页面修改密码')
            : new AppError('forbidden', 'totp_enrolment_required', '请先在账号页面启用双因素认证');
        }
        return reply.redirect(`/console/account?required=${what}`, 303);
      }
    }
  });
  await consoleHomeRoutes(app);
  for (const m of MODULES) if (m.routes) await m.routes(app, deps);
  await apiDocsRoutes(app);
}
