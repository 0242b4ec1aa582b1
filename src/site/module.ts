// Site identity (footer identifiers, standard meta tags, 联系我们), the four standard sub-columns of
// 政府信息公开 for every body, reading aids, the 用词检查 sign-off guard and the self-inspection (网站自查).
import type { GongkaiModule } from '../app/module.js';
import { PLATFORM_CHECK_META } from './check-meta.js';
import { installIdentityProvider } from './identity-cache.js';
import { setPublicBaseUrl } from './base-url.js';
import { SITE_MIGRATIONS } from './site.migrations.js';
import { registerSiteCommands } from './site.commands.js';

export const SITE_CHECK_JOB = 'site.self-check';

export const siteModule: GongkaiModule = {
  name: 'site',
  migrations: SITE_MIGRATIONS,
  init: async (config) => {
    // Only an operator-set PUBLIC_BASE_URL names the site's domain; absolute links otherwise use the config default.
    setPublicBaseUrl(process.env.PUBLIC_BASE_URL ? config.publicBaseUrl : null);
    installIdentityProvider();
    // The guard's code (and the disclosure front door) load lazily, keeping the CLI's start light — but before any
    // command or request runs: a sign-off must never slip past the 用词检查 while the import is still loading.
    (await import('./dictionary.js')).installWordingGuard();
  },
  commands: registerSiteCommands,
  routes: async (app, deps) => {
    (await import('./dictionary.js')).installWordingGuard();
    await (await import('./site.routes.js')).siteRoutes(app, deps);
  },
  siteChecks: PLATFORM_CHECK_META.map((m) => ({ ...m, run: async (ctx, areaId) => (await import('./checks.js')).runPlatformCheck(m.id, ctx, areaId) })),
  jobs: [{
    name: SITE_CHECK_JOB,
    label: '网站自查（每日）',
    everyMinutes: 24 * 60,
    run: async (ctx) => {
      const r = await (await import('./self-check.service.js')).runSiteCheck(ctx, { trigger: 'job' });
      return `网站自查：不合格${r.fails}项，其中单项否决${r.vetoes}项`;
    },
  }],
  nav: [
    { href: '/console/site-check', label: '网站自查', order: 71, roles: ['admin', 'auditor'] },
    { href: '/console/site', label: '网站标识', order: 72, roles: ['admin'] },
    { href: '/console/site/offices', label: '公开指南机构信息', order: 73, roles: ['admin'] },
  ],
};
