// 依申请公开: information requests from application to reply, on the statutory clock.
import type { GongkaiModule } from '../app/module.js';
import { REQUESTS_MIGRATIONS } from './requests.migrations.js';
import { RequestEventRefused } from './request-events.js';
import { AppError } from '../lib/errors.js';

export const requestsModule: GongkaiModule = {
  name: 'requests',
  migrations: REQUESTS_MIGRATIONS,
  routes: async (app, deps) => (await import('./requests.routes.js')).requestsRoutes(app, deps),
  nav: [
    { href: '/console/requests/appeals', label: '复议诉讼台账', order: 66, roles: ['admin', 'auditor'] },
  ],
  errorMapper: (err) => (err instanceof RequestEventRefused ? new AppError('conflict', err.code, err.message) : null),
};
