// Routes of the portal module.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../web/app.js';

export async function portalRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  void app; void deps;
}
