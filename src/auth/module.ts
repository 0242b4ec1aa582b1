// Accounts, sessions, API tokens, login pages.
import type { GongkaiModule } from '../app/module.js';

export const authModule: GongkaiModule = {
  name: 'auth',
  routes: async (app, deps) => (await import('./auth.routes.js')).authRoutes(app, deps),
};
