// All routes of the decisions module.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app/module.js';
import { consultationRoutes } from './consultations.routes.js';

export async function decisionsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await consultationRoutes(app, deps);
}
