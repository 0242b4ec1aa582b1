// CSRF for file uploads without putting the token in the URL (where it would reach logs and
// Referer headers). A multipart form carries `_csrf` as its first field; routes that read their
// multipart body themselves opt in with `config: { csrfInBody: true }`, the global check defers to
// them, and they verify the token from the body before acting on anything (readMultipart does).
// The x-csrf-token header keeps working for scripts and enhanced forms; a `?_csrf=` query is never read.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.js';

const deferred = new WeakSet<FastifyRequest>();

/** Called by the global CSRF hook: true when this request's token is checked from the multipart body later. */
export function deferMultipartCsrf(req: FastifyRequest): boolean {
  const cfg = req.routeOptions?.config as { csrfInBody?: boolean } | undefined;
  if (!cfg?.csrfInBody || !req.isMultipart() || req.headers['x-csrf-token']) return false;
  deferred.add(req);
  return true;
}

export const csrfDeferred = (req: FastifyRequest): boolean => deferred.has(req);

/** Verifies a token read from the body against the session's CSRF secret (same check as the global hook). */
export function verifyCsrfToken(req: FastifyRequest, reply: FastifyReply, token: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const refuse = () => reject(new AppError('forbidden', 'csrf_invalid', '页面已过期或来源无效，请刷新页面后重试'));
    const r = req as unknown as { body: unknown };
    const saved = r.body;
    r.body = { _csrf: token ?? '' };
    try {
      // csrfProtection is synchronous: it calls next() or reply.send(error).
      const shim = { unsignCookie: (v: string) => reply.unsignCookie(v), send: refuse };
      (req.server as unknown as { csrfProtection: (q: unknown, p: unknown, n: () => void) => void }).csrfProtection(req, shim, () => {
        deferred.delete(req);
        resolve();
      });
    } catch {
      refuse();
    } finally {
      r.body = saved;
    }
  });
}

/** The `_csrf` field that @fastify/multipart collected before the file part (req.file().fields). */
export function tokenFromFields(fields: unknown): string | undefined {
  const f = (fields as Record<string, unknown> | undefined)?._csrf;
  const one = Array.isArray(f) ? f[0] : f;
  const v = (one as { value?: unknown } | undefined)?.value;
  return typeof v === 'string' ? v : undefined;
}
