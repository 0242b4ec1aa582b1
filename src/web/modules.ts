// The feature modules' route registrations, in one list.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from './app.js';
import { disclosureRoutes } from '../disclosure/disclosure.routes.js';
import { ledgerRoutes } from '../ledger/ledger.routes.js';
import { planRoutes } from '../plan/plan.routes.js';
import { portalRoutes } from '../portal/portal.routes.js';

export async function registerModuleRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await planRoutes(app, deps);
  await ledgerRoutes(app, deps);
  await disclosureRoutes(app, deps);
  await portalRoutes(app, deps);
}
