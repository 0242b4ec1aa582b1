// Accounts, sessions, API tokens, second factor, login and account pages, security settings.
import type { GongkaiModule } from '../app/module.js';
import { registerAuthCommands } from './auth.commands.js';
import { authSecurity } from './auth.migrations.js';
import { setSecuritySettings } from './security-settings.js';

export const authModule: GongkaiModule = {
  name: 'auth',
  migrations: [authSecurity],
  init: (config) => setSecuritySettings(config.security),
  routes: async (app, deps) => {
    await (await import('./auth.routes.js')).authRoutes(app, deps);
    await (await import('./account.routes.js')).accountRoutes(app);
  },
  commands: registerAuthCommands,
};
