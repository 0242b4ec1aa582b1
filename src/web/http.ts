// Request-level helpers shared by routes: the acting user's context, HTML replies, API registry.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SafeHtml } from '#jsx/jsx-runtime';
import type { Ctx } from '../lib/context.js';
import type { PageMeta } from './components/layout.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** PUBLIC_BASE_URL: the origin of every absolute link the app writes. */
    publicBaseUrl: string;
  }
  interface FastifyRequest {
    ctx: Ctx;
    authKind: 'session' | 'bearer' | 'none';
    sessionToken: string | null;
    /** Unread notifications of the signed-in user, read for console pages (GET) only. */
    unread: number | null;
  }
}

export const SESSION_COOKIE = 'gk_session';

/** The request path with percent-escapes decoded, as the router sees it (`/%61pi/…` is `/api/…`). */
export function decodedPath(req: FastifyRequest): string {
  const raw = req.url.split('?')[0] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
export const isApi = (req: FastifyRequest) => decodedPath(req).startsWith('/api/');
export const elderOn = (req: FastifyRequest) => req.cookies?.gk_elder === '1';
/** Reading aids set by /preferences (cookies, so they work without JavaScript). */
export const readingPrefs = (req: FastifyRequest): NonNullable<PageMeta['prefs']> => {
  const c = req.cookies ?? {};
  const out: NonNullable<PageMeta['prefs']> = {};
  if (c.gk_text === 'l' || c.gk_text === 'xl') out.text = c.gk_text;
  if (c.gk_spacing === 'wide') out.spacing = 'wide';
  if (c.gk_contrast === 'high') out.contrast = 'high';
  if (c.gk_cursor === 'large') out.cursor = 'large';
  return out;
};
/** A short key of every display preference (page caches vary on it). */
export const displayKey = (req: FastifyRequest) => {
  const p = readingPrefs(req);
  return `${elderOn(req) ? 1 : 0}${p.text ?? '-'}${p.spacing ? 'w' : '-'}${p.contrast ? 'c' : '-'}${p.cursor ? 'p' : '-'}`;
};

export function pageMeta(req: FastifyRequest, reply: FastifyReply, title: string): PageMeta {
  const path = req.url.split('?')[0] ?? '/';
  const meta: PageMeta = { title, elder: elderOn(req), path, actor: req.ctx.actor, prefs: readingPrefs(req) };
  if (req.ctx.actor.kind === 'user') meta.csrf = reply.generateCsrf();
  if (req.unread !== null) meta.unread = req.unread;
  return meta;
}

export function sendHtml(reply: FastifyReply, page: SafeHtml, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(page.html);
}

/** Form bodies arrive as a flat string map; anything else is treated as empty. */
export const formBody = (req: FastifyRequest): Record<string, string> => {
  const b = req.body;
  if (!b || typeof b !== 'object' || Array.isArray(b)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(b as Record<string, unknown>)) if (typeof v === 'string') out[k] = v;
  return out;
};

export type ApiDoc = { method: string; url: string; summary: string; roles: string; body?: Record<string, string> };
export const apiDocs: ApiDoc[] = [];
export const documentApi = (d: ApiDoc) => {
  if (!apiDocs.some((x) => x.method === d.method && x.url === d.url)) apiDocs.push(d);
};

export const intParam = (v: unknown): number => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 && n < 2_147_483_647 ? n : -1;
};
