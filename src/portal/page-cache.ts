// Rendered pages for anonymous visitors, kept per URL and display preferences (长辈模式, reading aids) and keyed by the
// public-content versions (search/public.ts `publicVersions`: the generation bumped in every transaction that
// changes what is public, plus the set of published gazette issues). Staff (any logged-in actor) bypass it.
//
// Coherence (issue 18: publishing several items a second must not make the portal render every page
// on every request):
// - A withdrawal, an edit, a masked name, a renamed unit, a gazette issue… (anything but a pure addition)
//   changes `removals`: no request that starts after it commits is answered with a page cached
//   before it, nor joins a render that started before it.
// - A pure addition (an item became public) changes only `full`. A page cached before it may still be
//   served while it is younger than ADDITION_LAG_MS; once it is REFRESH_AFTER_MS old, one request
//   re-renders it (the others keep getting the cached page meanwhile). So a new publication shows on
//   every cached page at most ADDITION_LAG_MS after it commits (normally REFRESH_AFTER_MS + a render).
// - Requests for a page nobody may serve stale share one render (single flight), instead of 200
//   connections rendering the same page at once.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SafeHtml } from '#jsx/jsx-runtime';
import type { Db } from '../db/schema.js';
import { publicVersions } from '../search/public.js';
import { todayCst } from '../lib/time.js';
import { displayKey, sendHtml } from '../web/http.js';

type Versions = { full: string; removals: string };
type Entry = Versions & { at: number; html: string; status: number };
type Page = { page: SafeHtml; status: number };
type Flight = Versions & { done: Promise<Page> };
const MAX_ENTRIES = 2000;
const MAX_HTML = 256 * 1024;
/** A safety net only: unit and category changes bump the generation too (org and category services). */
const TTL_MS = 60_000;
/** The bound: a page cached before a new publication is never served once it is this old. */
export const ADDITION_LAG_MS = 2_000;
/** A page stale only by additions is re-rendered (by one request) once it is this old. */
export const REFRESH_AFTER_MS = 1_000;
const caches = new WeakMap<Db, { entries: Map<string, Entry>; flights: Map<string, Flight> }>();
let enabled = true;
let clock = () => Date.now();

export const setPageCacheEnabled = (on: boolean) => {
  enabled = on;
};
/** Tests: a settable clock for the cache's ages (null: the real one). */
export const setPageCacheClockForTests = (now: (() => number) | null) => {
  clock = now ?? (() => Date.now());
};

export type Rendered = SafeHtml | { page: SafeHtml; status: number };

/** Wraps a page handler: anonymous GETs are answered from the cache when its versions allow (see above). */
export const cachedPage = (render: (req: FastifyRequest, reply: FastifyReply) => Promise<Rendered>) =>
  async (req: FastifyRequest, reply: FastifyReply) => {
    const out = async (): Promise<Page> => {
      const r = await render(req, reply);
      return 'page' in r ? r : { page: r, status: 200 };
    };
    if (!enabled || req.ctx.actor.kind !== 'anonymous') {
      const r = await out();
      return sendHtml(reply, r.page, r.status);
    }
    // Ages count from before the versions are read: a change committed later is younger than the page.
    const t0 = clock();
    const v = await publicVersions(req.ctx.db);
    let c = caches.get(req.ctx.db);
    if (!c) caches.set(req.ctx.db, (c = { entries: new Map(), flights: new Map() }));
    const { entries, flights } = c;
    // Today is part of the key: what a page shows (e.g. validity) can change at midnight.
    const key = `${todayCst()}|${displayKey(req)}|${req.url}`;
    const hit = entries.get(key);
    const age = hit ? t0 - hit.at : Infinity;
    const send = (e: { status: number; html: string }) => reply.status(e.status).type('text/html; charset=utf-8').send(e.html);
    if (hit && age < TTL_MS && hit.full === v.full) return send(hit);
    const flight = flights.get(key);
    // Stale by additions only: serve it while young; past REFRESH_AFTER_MS one request renders anew.
    if (hit && hit.removals === v.removals && age < ADDITION_LAG_MS && (age < REFRESH_AFTER_MS || flight)) return send(hit);
    // A render started under the same removals version holds everything withdrawn so far: share it.
    if (flight && flight.removals === v.removals) {
      const r = await flight.done;
      return sendHtml(reply, r.page, r.status);
    }
    const done = out();
    const mine: Flight = { ...v, done };
    flights.set(key, mine);
    let r: Page;
    try {
      r = await done;
    } finally {
      if (flights.get(key) === mine) flights.delete(key);
    }
    // A render that started before the stored page's never replaces it.
    const now = entries.get(key);
    if (!now || now.at <= t0) {
      entries.delete(key);
      if (r.page.html.length <= MAX_HTML) {
        entries.set(key, { ...v, at: t0, html: r.page.html, status: r.status });
        if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      }
    }
    return sendHtml(reply, r.page, r.status);
  };
