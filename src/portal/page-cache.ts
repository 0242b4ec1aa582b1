// Rendered pages for anonymous visitors, kept per URL and display preferences (长辈模式, reading aids) and keyed by the public-content
// version (the generation bumped in every transaction that changes what is public, plus the set of
// published gazette issues), so a withdrawn item's or issue's page is never served from here after
// the withdrawal commits. Staff (any logged-in actor) bypass it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SafeHtml } from '#jsx/jsx-runtime';
import type { Db } from '../db/schema.js';
import { publicVersion } from '../search/public.js';
import { todayCst } from '../lib/time.js';
import { displayKey, sendHtml } from '../web/http.js';

type Entry = { generation: string; at: number; html: string; status: number };
const MAX_ENTRIES = 2000;
const MAX_HTML = 256 * 1024;
/** A safety net only: unit and category changes bump the generation too (org and category services). */
const TTL_MS = 60_000;
const caches = new WeakMap<Db, Map<string, Entry>>();
let enabled = true;

export const setPageCacheEnabled = (on: boolean) => {
  enabled = on;
};

export type Rendered = SafeHtml | { page: SafeHtml; status: number };

/** Wraps a page handler: anonymous GETs are answered from the cache when the generation still matches. */
export const cachedPage = (render: (req: FastifyRequest, reply: FastifyReply) => Promise<Rendered>) =>
  async (req: FastifyRequest, reply: FastifyReply) => {
    const out = async () => {
      const r = await render(req, reply);
      return 'page' in r ? r : { page: r, status: 200 };
    };
    if (!enabled || req.ctx.actor.kind !== 'anonymous') {
      const r = await out();
      return sendHtml(reply, r.page, r.status);
    }
    const generation = await publicVersion(req.ctx.db);
    let cache = caches.get(req.ctx.db);
    if (!cache) caches.set(req.ctx.db, (cache = new Map()));
    // Today is part of the key: what a page shows (e.g. validity) can change at midnight.
    const key = `${todayCst()}|${displayKey(req)}|${req.url}`;
    const hit = cache.get(key);
    if (hit && hit.generation === generation && Date.now() - hit.at < TTL_MS) {
      return reply.status(hit.status).type('text/html; charset=utf-8').send(hit.html);
    }
    const r = await out();
    cache.delete(key);
    if (r.page.html.length <= MAX_HTML) {
      cache.set(key, { generation, at: Date.now(), html: r.page.html, status: r.status });
      if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    }
    return sendHtml(reply, r.page, r.status);
  };
