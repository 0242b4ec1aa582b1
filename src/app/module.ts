// What a module plugs into the platform. Every feature folder has a `module.ts` exporting one
// `GongkaiModule`; `src/app/modules.ts` is the one list that the web app, the CLI, the migrator,
// the scheduler and the console menu loop over. Adding a module = one folder + one line there.
//
// Keep module.ts files light: the CLI imports every one of them at start, so routes and job bodies
// are loaded lazily (`await import(...)`) and only migrations (plain data) are imported eagerly.
import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/config.js';
import type { DbHandle } from '../db/connect.js';
import type { MigrationDef } from '../db/migrations/helpers.js';
import type { Job } from '../jobs/jobs.js';
import type { Ctx } from '../lib/context.js';
import type { AppError } from '../lib/errors.js';
import type { NavEntry } from '../web/nav.js';

export type { Job } from '../jobs/jobs.js';
export type { NavEntry } from '../web/nav.js';

/** What routes get: configuration and the database handle. */
export type AppDeps = { config: Config; handle: DbHandle; logger?: boolean; extraRoutes?: (app: FastifyInstance) => void };

export type GongkaiModule = {
  /** Folder name, e.g. 'disclosure'. */
  name: string;
  /** Append-only migrations this module owns (names `YYYYMMDD_HHMM_<module>_<what>`, see docs/CONVENTIONS.md). */
  migrations?: readonly MigrationDef[];
  /** Called once at start (server and CLI) with the validated configuration; awaited before anything runs. */
  init?: (config: Config) => void | Promise<void>;
  /** Registers the module's pages and API routes. */
  routes?: (app: FastifyInstance, deps: AppDeps) => Promise<void>;
  /** Adds the module's `gongkai …` commands. */
  commands?: (program: Command) => void;
  /** Background jobs; the scheduler runs each under a database lock. */
  jobs?: readonly Job[];
  /** Console menu entries. */
  nav?: readonly NavEntry[];
  /** What this module puts in a signed-in user's to-do inbox on 工作台 (counts with links). */
  inbox?: (ctx: Ctx) => Promise<InboxEntry[]>;
  /** Indicators this module contributes to the site self-inspection (网站自查). */
  siteChecks?: readonly SiteCheck[];
  /** Turns the module's own error types into AppErrors for the central error handler (null: not mine). */
  errorMapper?: (err: unknown) => AppError | null;
};

/** One line of the to-do inbox: e.g. { label: '待答复的依申请公开', count: 3, href: '/console/requests?due=week', urgent: true }. */
export type InboxEntry = { label: string; count: number; href: string; urgent?: boolean };

/** One indicator of the self-inspection, laid out like the national indicator sheet. */
export type SiteCheck = {
  id: string;
  label: string;
  /** 单项否决: failing it fails the site. */
  veto: boolean;
  /** The threshold in words, e.g. '超过3个月未答复的留言 = 0'. */
  threshold: string;
  run: (ctx: Ctx, areaId: number) => Promise<SiteCheckResult>;
};
export type SiteCheckResult = {
  status: 'PASS' | 'FAIL' | 'UNCERTAIN';
  /** Today's figure in words, e.g. '最早未答复留言已 12 天'. */
  figure: string;
  /** Each finding with the page to fix it. */
  findings: { message: string; href?: string }[];
};
