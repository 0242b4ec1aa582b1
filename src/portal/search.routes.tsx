// /search (HTML) — rate-limited per IP (config.searchRateLimit a minute), like the login route.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/errors.js';
import { searchPublic, type SearchOutcome } from '../search/public.js';
import type { AppDeps } from '../app/module.js';
import { pageMeta } from '../web/http.js';
import { cachedPage } from './page-cache.js';
import * as svc from './portal.service.js';
import { SearchPage } from './search.page.js';

/** The query string as the form's values (first value of repeated keys). */
export const queryValues = (q: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (!q || typeof q !== 'object') return out;
  for (const [k, v] of Object.entries(q as Record<string, unknown>)) {
    const x = Array.isArray(v) ? v[0] : v;
    if (typeof x === 'string') out[k] = x;
  }
  return out;
};

export const searchRateLimit = (deps: AppDeps) => ({ rateLimit: { max: deps.config.searchRateLimit, timeWindow: '1 minute' } });

export async function searchRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get('/search', { config: searchRateLimit(deps) }, cachedPage(async (req, reply) => {
    const ref = await svc.refData(req.ctx);
    const values = queryValues(req.query);
    const asked = ['q', 'category', 'unit', 'year', 'validity', 'type'].some((k) => k in values);
    let outcome: SearchOutcome | null = null;
    let errors: Record<string, string> = {};
    if (asked) {
      try {
        outcome = await searchPublic(req.ctx, ref.area.id, req.query);
      } catch (err) {
        if (!(err instanceof AppError) || err.kind !== 'invalid') throw err;
        errors = err.fields;
      }
    }
    const failed = Object.keys(errors).length > 0;
    const title = outcome && values.q ? `搜索：${values.q}` : '搜索';
    const page = <SearchPage meta={pageMeta(req, reply, title)} ref={ref} years={await svc.publicYears(req.ctx)} values={values} errors={errors} outcome={outcome} />;
    return { page, status: failed ? 400 : 200 };
  }));
}
