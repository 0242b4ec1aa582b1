// All routes of the requests module.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app/module.js';
import { requestsApiRoutes } from './requests.api.js';

export async function requestsRoutes(app: FastifyInstance, deps: AppDeps) {
  await requestsApiRoutes(app);
  await (await import('./intake.routes.js')).intakeRoutes(app, deps);
  await (await import('./appeals.routes.js')).appealsConsoleRoutes(app);
  await (await import('./fee.routes.js')).feeRoutes(app);
  await (await import('./console.routes.js')).consoleRoutes(app, deps);
  await (await import('./letters.routes.js')).letterRoutes(app, deps);
}
