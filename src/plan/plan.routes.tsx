// Routes of the plan module.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../web/app.js';

export async function planRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  void app; void deps;
}
