// Test harness: a real database (SQLite file or PostgreSQL database), the real app, and a cookie-keeping agent.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { bootstrap } from '../bootstrap.js';
import { loadConfig, type Config } from '../config/config.js';
import { createTestDb, type TestDb } from '../db/test-db.js';
import { systemActor, type Ctx } from '../lib/context.js';
import { createUser } from '../org/org.service.js';
import { buildApp } from '../app/app.js';

/** Meets the password policy (src/auth/password-policy.ts); test users need no first-login change. */
export const TEST_PASSWORD = 'Correct-Horse-Battery-42';

export type Harness = {
  app: FastifyInstance;
  tdb: TestDb;
  ctx: Ctx;
  areaId: number;
  unitId: (name: string) => Promise<number>;
  agent: () => Agent;
  login: (username: string, password?: string) => Promise<Agent>;
  close: () => Promise<void>;
};

/** Users created for every harness: one per role, plus a second unit's operator. */
export const USERS = {
  admin: { username: 't_admin', role: 'admin', unit: null },
  operator: { username: 't_operator', role: 'unit_operator', unit: '区财政局' },
  reviewer: { username: 't_reviewer', role: 'unit_reviewer', unit: '区财政局' },
  auditor: { username: 't_auditor', role: 'auditor', unit: null },
  otherOperator: { username: 't_other', role: 'unit_operator', unit: '区住建局' },
  otherReviewer: { username: 't_other_reviewer', role: 'unit_reviewer', unit: '区住建局' },
} as const;

export async function createHarness(opts: { extraSetup?: (ctx: Ctx, areaId: number) => Promise<void>; extraRoutes?: (app: FastifyInstance) => void; config?: Partial<Config>; env?: Record<string, string> } = {}): Promise<Harness> {
  const tdb = await createTestDb();
  const config = { ...loadConfig({ GONGKAI_DATA_DIR: tdb.dataDir, SESSION_SECRET: 'x'.repeat(40), PUBLIC_BASE_URL: 'http://localhost', GONGKAI_LOGIN_IP_MAX_FAILURES: '100000', ...opts.env }), databaseUrl: tdb.databaseUrl, loginRateLimit: 1000, searchRateLimit: 100000, requestSubmitRateLimit: 1000, commentRateLimit: 100000, ...opts.config };
  const { areaId } = await bootstrap(tdb, { demo: false });
  const ctx: Ctx = { db: tdb.db, dialect: tdb.dialect, actor: systemActor('测试') };
  const unitId = async (name: string) => (await tdb.db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  for (const u of Object.values(USERS)) {
    await createUser(ctx, { username: u.username, displayName: u.username, role: u.role, unitId: u.unit ? await unitId(u.unit) : areaId, password: TEST_PASSWORD, mustChangePassword: false });
  }
  if (opts.extraSetup) await opts.extraSetup(ctx, areaId);
  const app = await buildApp({ config, handle: tdb, extraRoutes: opts.extraRoutes });
  await app.ready();
  const agent = () => new Agent(app);
  return {
    app, tdb, ctx, areaId, unitId, agent,
    login: async (username, password = TEST_PASSWORD) => {
      const a = agent();
      const r = await a.loginAs(username, password);
      if (r.statusCode !== 303) throw new Error(`login as ${username} failed: ${r.statusCode}`);
      return a;
    },
    close: async () => {
      await app.close();
      await tdb.destroy();
    },
  };
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export class Agent {
  readonly #app: FastifyInstance;
  readonly cookies = new Map<string, string>();
  csrf = '';
  constructor(app: FastifyInstance) {
    this.#app = app;
  }
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  #remember(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (c.value === '' || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m) this.csrf = m[1]!;
  }
  async request(method: Method, url: string, opts: { form?: Record<string, string>; json?: unknown; headers?: Record<string, string>; payload?: string | Buffer; withCsrf?: boolean } = {}) {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    let payload: string | Buffer | undefined = opts.payload;
    if (opts.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams({ ...(opts.withCsrf === false ? {} : { _csrf: this.csrf }), ...opts.form }).toString();
    } else if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      if (opts.withCsrf !== false && this.csrf) headers['x-csrf-token'] = this.csrf;
      payload = JSON.stringify(opts.json);
    }
    const res = await this.#app.inject({ method, url, headers, payload });
    this.#remember(res);
    return res;
  }
  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, { headers });
  }
  /** Loads a page first (to obtain a CSRF token), then posts the form. */
  async postForm(url: string, form: Record<string, string>, pageUrl?: string) {
    if (pageUrl) await this.get(pageUrl);
    return this.request('POST', url, { form });
  }
  async loginAs(username: string, password: string) {
    await this.get('/login');
    return this.request('POST', '/login', { form: { username, password } });
  }
}
