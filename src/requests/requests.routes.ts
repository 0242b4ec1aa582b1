// All routes of the requests module.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app/module.js';
import { requestsApiRoutes } from './requests.api.js';

export async function requestsRoutes(app: FastifyInstance, _deps: AppDeps) {
  await requestsApiRoutes(app);
  await (await import('./appeals.routes.js')).appealsConsoleRoutes(app);
}
