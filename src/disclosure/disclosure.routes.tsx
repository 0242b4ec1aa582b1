// Routes of the disclosure module.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../web/app.js';

export async function disclosureRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  void app; void deps;
}
