// Routes of the ledger module.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../web/app.js';

export async function ledgerRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  void app; void deps;
}
