// Builds the Fastify application: plugins, authentication, CSRF, error pages, and every module's routes.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { actorFromApiToken, actorFromSession } from '../auth/public.js';
import { anonymous } from '../lib/context.js';
import { AppError } from '../lib/errors.js';
import { registerRoutes } from './routes.js';
import { renderErrorPage } from '../web/error-page.js';
import { decodedPath, isApi, SESSION_COOKIE } from '../web/http.js';
import { storageFault } from '../web/db-errors.js';
import { setNavEntries } from '../web/nav.js';
import { deferMultipartCsrf } from '../web/multipart-csrf.js';
import { unreadCount } from '../notify/public.js';
import type { AppDeps } from './module.js';
import { allNavEntries, MODULES } from './modules.js';

export { SESSION_COOKIE } from '../web/http.js';
export type { AppDeps } from './module.js';

/** The first module error mapper that recognises the error wins; otherwise the error is unchanged. */
function mapModuleError(err: unknown): unknown {
  for (const m of MODULES) {
    const e = m.errorMapper?.(err);
    if (e) return e;
  }
  return err;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
function decodeUtf8(body: Buffer): string {
  try {
    return utf8.decode(body);
  } catch {
    throw new AppError('invalid', 'bad_encoding', '请求内容不是有效的 UTF-8 编码');
  }
}

/** What helmet sends, for the few answers produced before its hook runs (router errors). */
const FALLBACK_SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;form-action 'self';frame-ancestors 'none';object-src 'none';base-uri 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};
/** Longer URLs than any page needs are refused early (the central 414 page). */
const MAX_URL_LENGTH = 2048;

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, handle } = deps;
  for (const m of MODULES) await m.init?.(config);
  setNavEntries(allNavEntries());
  const app = Fastify({
    logger: deps.logger ? { level: 'info' } : false,
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    genReqId: () => randomUUID(),
    routerOptions: { maxParamLength: 200 },
    // Malformed URLs (bad percent-escapes) fail in the router, before any hook: answer with the central
    // error page / JSON and the same security headers as every other response.
    frameworkErrors: (_err, req, res) => {
      const reply = res as unknown as FastifyReply;
      reply.headers(FALLBACK_SECURITY_HEADERS);
      if (isApi(req)) return reply.status(400).send({ error: { code: 'bad_url', message: '请求地址格式不正确', fields: {} } });
      return reply.status(400).type('text/html; charset=utf-8').send(renderErrorPage(req, 400, '请求地址有误', '您访问的地址格式不正确，请检查后重试。').html);
    },
  });

  // Bodies: strict UTF-8 for JSON and forms, so broken input is refused rather than silently mangled.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => {
    try {
      const text = decodeUtf8(body as Buffer);
      done(null, text.length ? JSON.parse(text) : {});
    } catch (err) {
      done(err instanceof AppError ? err : new AppError('invalid', 'bad_json', '请求内容不是有效的 JSON'), undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_req, body, done) => {
    try {
      const text = decodeUtf8(body as Buffer);
      const out: Record<string, string> = {};
      for (const [k, v] of new URLSearchParams(text)) {
        if (k.includes('\ufffd') || v.includes('\ufffd')) throw new AppError('invalid', 'bad_encoding', '请求内容不是有效的 UTF-8 编码');
        out[k] = v;
      }
      done(null, out);
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"], frameAncestors: ["'none'"], objectSrc: ["'none'"], upgradeInsecureRequests: null,
      },
    },
    // HSTS only when the site is really served over https (PUBLIC_BASE_URL): never pin plain-http installs.
    hsts: config.secure ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  });
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(csrf, {
    cookieKey: 'gk_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'strict', path: '/', secure: config.secure ? true : 'auto' },
    // The token comes from the form body or the x-csrf-token header only: never the query string, where it
    // would reach access logs, browser history and Referer headers (issue 19).
    getToken: (req) => {
      const b = req.body as Record<string, unknown> | undefined;
      const t = (b && typeof b._csrf === 'string' && b._csrf) || req.headers['x-csrf-token'];
      return typeof t === 'string' ? t : '';
    },
  });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 5, fields: 50 } });
  await app.register(fastifyStatic, {
    root: fileURLToPath(new URL('../web/static/', import.meta.url)),
    prefix: '/static/',
    maxAge: 3600_000,
  });

  app.decorate('publicBaseUrl', config.publicBaseUrl);
  app.decorateRequest('ctx', null as never);
  app.decorateRequest('authKind', 'none');
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('unread', null);

  // Who is asking: a bearer token (scripts) or the session cookie (people).
  app.addHook('onRequest', async (req) => {
    if (req.url.length > MAX_URL_LENGTH) throw new AppError('invalid', 'url_too_long', '请求地址过长');
    req.ctx = { db: handle.db, dialect: handle.dialect, actor: anonymous, requestId: req.id, ip: req.ip ?? null, userAgent: (req.headers['user-agent'] ?? '').slice(0, 300) || null };
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      const actor = await actorFromApiToken(handle.db, auth.slice(7).trim(), req.method, decodedPath(req));
      if (actor instanceof AppError) throw actor;
      req.ctx.actor = actor;
      req.authKind = 'bearer';
      return;
    }
    const raw = req.cookies[SESSION_COOKIE];
    if (raw) {
      const un = req.unsignCookie(raw);
      if (un.valid && un.value) {
        const actor = await actorFromSession(handle.db, un.value);
        if (actor) {
          req.ctx.actor = actor;
          req.authKind = 'session';
          req.sessionToken = un.value;
          // The navigation shows the unread count on every console page.
          if (actor.kind === 'user' && req.method === 'GET' && req.url.startsWith('/console')) req.unread = await unreadCount(handle.db, actor.userId);
        }
      }
    }
  });

  // Staff pages, the login pages and the non-public API are never stored by browsers or proxies.
  app.addHook('onSend', async (req, reply, payload) => {
    const p = decodedPath(req);
    const staff = p === '/console' || p.startsWith('/console/') || p.startsWith('/login') || p === '/logout'
      || (p.startsWith('/api/') && !p.startsWith('/api/v1/public/') && p !== '/api/docs' && !p.startsWith('/api/docs/'));
    if (staff) {
      reply.header('cache-control', 'no-store');
      reply.header('pragma', 'no-cache');
    }
    return payload;
  });

  // CSRF on every state-changing request made with cookies (bearer-token scripts are not exposed to CSRF).
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS' || req.authKind === 'bearer') return done();
    // Upload forms may carry the token in the multipart body; those routes verify it themselves.
    if (deferMultipartCsrf(req)) return done();
    // Anonymous public JSON endpoints (e.g. a public comment) that opt out: a request with no session
    // carries no ambient credentials, so there is nothing to forge; signed-in browsers still need the token.
    if (req.authKind === 'none' && (req.routeOptions.config as { anonymousJson?: boolean } | undefined)?.anonymousJson && isApi(req)) return done();
    app.csrfProtection(req, reply, done);
  });

  app.setErrorHandler((original: FastifyError | AppError, req, reply) => {
    const err = mapModuleError(original) as FastifyError | AppError;
    let e: AppError;
    if (err instanceof AppError) e = err;
    else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.code === 'FST_REQ_FILE_TOO_LARGE' || err.statusCode === 413) e = new AppError('payload_too_large', 'payload_too_large', '提交的内容过大');
    else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.statusCode === 415) e = new AppError('unsupported_media', 'unsupported_media_type', '不支持的内容类型');
    else if (err.code?.startsWith('FST_CSRF')) e = new AppError('forbidden', 'csrf_invalid', '页面已过期或来源无效，请刷新页面后重试');
    else if (err.statusCode === 429) e = new AppError('rate_limited', 'rate_limited', '请求过于频繁，请稍后再试');
    else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) e = new AppError('invalid', 'bad_request', '请求格式不正确');
    else if (storageFault(err)) {
      // Disk full, database down or restarting: say so (503, retry later) and log the real error.
      const f = storageFault(err)!;
      req.log.error({ err, reqId: req.id }, f.logLine);
      if (!deps.logger) console.error(`[${req.id}] ${f.logLine}`);
      reply.header('retry-after', '30');
      if (isApi(req)) return reply.status(503).send({ error: { code: f.code, message: f.message, requestId: req.id, fields: {} } });
      return reply.status(503).type('text/html; charset=utf-8').send(renderErrorPage(req, 503, f.code === 'storage_full' ? '存储空间已满' : '服务暂时不可用', `${f.message}请求编号：${req.id}`).html);
    } else {
      req.log.error({ err, reqId: req.id }, 'unhandled error');
      if (!deps.logger) console.error(`[${req.id}]`, err);
      const body = { error: { code: 'internal_error', message: '服务器内部错误，请稍后重试', requestId: req.id, fields: {} } };
      if (isApi(req)) return reply.status(500).send(body);
      return reply.status(500).type('text/html; charset=utf-8').send(renderErrorPage(req, 500, '服务器内部错误', `很抱歉，处理您的请求时出错了。请稍后重试；如需联系管理员，请提供请求编号：${req.id}`).html);
    }
    if (e.kind === 'unauthorized' && !isApi(req) && e.code === 'login_required') {
      return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
    }
    if (isApi(req)) return reply.status(e.status).send({ error: { code: e.code, message: e.message, fields: e.fields } });
    return reply.status(e.status).type('text/html; charset=utf-8').send(renderErrorPage(req, e.status, titleFor(e.status), e.message).html);
  });

  app.setNotFoundHandler((req, reply) => {
    if (isApi(req)) return reply.status(404).send({ error: { code: 'not_found', message: '接口不存在', fields: {} } });
    return reply.status(404).type('text/html; charset=utf-8').send(renderErrorPage(req, 404, '页面不存在', '您访问的页面不存在或已被移除。').html);
  });

  await registerRoutes(app, deps);
  deps.extraRoutes?.(app);
  return app;
}

const titleFor = (status: number) =>
  ({ 400: '提交的内容有误', 401: '需要登录', 403: '没有权限', 404: '页面不存在', 409: '操作冲突', 422: '提交的内容有误', 413: '内容过大', 415: '不支持的内容类型', 429: '请求过于频繁' } as Record<number, string>)[status] ?? '出错了';
