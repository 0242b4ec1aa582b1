// Link checker for the self-inspection: crawls the public site in-process (app.inject, as an anonymous
// visitor), checks every internal link, image and attachment it finds, and optionally external links
// (timeout, bounded concurrency, an off switch; when off they are reported as unchecked).
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/schema.js';

export type LinkProblem = { url: string; status: number | string; foundOn: string };
export type CrawlResult = {
  pages: number; checked: number; broken: LinkProblem[];
  external: { total: number; checked: number; broken: LinkProblem[]; unchecked: number };
  truncated: boolean;
};
export type CrawlOptions = {
  maxRequests?: number;
  external?: { enabled: boolean; timeoutMs?: number; concurrency?: number; fetcher?: (url: string, signal: AbortSignal) => Promise<number> };
  /** Extra paths to check (e.g. every item from the sitemap). */
  seeds?: string[];
};

// The app the crawler injects into, per database (set when the site routes are registered in this process).
const targets = new WeakMap<Db, FastifyInstance>();
export const setCrawlTarget = (db: Db, app: FastifyInstance) => {
  targets.set(db, app);
};
export const crawlTarget = (db: Db) => targets.get(db) ?? null;

const ATTR = /\s(?:href|src)="([^"]*)"/g;
const unescapeAttr = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
/** Pages whose links are followed: public HTML without a query string (lists with filters are only checked). */
const followable = (path: string) => !path.includes('?') && !/^\/(static|attachments|feed|sitemap|robots|preferences|login|logout|console|api)\b/.test(path);
/** Internal URLs not requested at all (they only redirect or need a session). */
const skipped = (path: string) => /^\/(preferences|logout|console|login\?)/.test(path);

export function linksOf(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(ATTR)) out.push(unescapeAttr(m[1]!));
  return out;
}

async function pool<T>(items: T[], n: number, run: (t: T) => Promise<void>) {
  let i = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (i < items.length) await run(items[i++]!);
  }));
}

const defaultFetcher = async (url: string, signal: AbortSignal) => {
  const head = await fetch(url, { method: 'HEAD', redirect: 'follow', signal });
  if (head.status !== 405 && head.status !== 501) return head.status;
  return (await fetch(url, { method: 'GET', redirect: 'follow', signal })).status;
};

export async function crawlSite(app: FastifyInstance, o: CrawlOptions = {}): Promise<CrawlResult> {
  const max = o.maxRequests ?? 3000;
  const seen = new Map<string, number | string>();
  const foundOn = new Map<string, string>();
  const external = new Map<string, string>();
  const queue: string[] = ['/', ...(o.seeds ?? [])];
  for (const s of queue) foundOn.set(s, '/');
  let pages = 0;
  let truncated = false;
  while (queue.length) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    if (seen.size >= max) { truncated = true; break; }
    const res = await app.inject({ method: 'GET', url: path });
    seen.set(path, res.statusCode);
    const html = res.statusCode === 200 && String(res.headers['content-type'] ?? '').startsWith('text/html') && followable(path.split('#')[0]!) ? res.body : null;
    if (!html) continue;
    pages++;
    for (const raw of linksOf(html)) {
      if (!raw || raw.startsWith('#') || /^(mailto|tel|javascript|data):/i.test(raw)) continue;
      if (/^https?:\/\//i.test(raw)) {
        if (!external.has(raw)) external.set(raw, path);
        continue;
      }
      if (!raw.startsWith('/') || raw.startsWith('//')) continue;
      const url = raw.split('#')[0]!;
      if (skipped(url) || seen.has(url) || foundOn.has(url)) continue;
      foundOn.set(url, path);
      queue.push(url);
    }
  }
  const broken: LinkProblem[] = [...seen].filter(([, s]) => typeof s !== 'number' || s >= 400).map(([url, status]) => ({ url, status, foundOn: foundOn.get(url) ?? '/' }));
  const ext = { total: external.size, checked: 0, broken: [] as LinkProblem[], unchecked: external.size };
  if (o.external?.enabled && external.size) {
    const fetcher = o.external.fetcher ?? defaultFetcher;
    const timeoutMs = o.external.timeoutMs ?? 8000;
    ext.unchecked = 0;
    await pool([...external], o.external.concurrency ?? 4, async ([url, page]) => {
      const ac = new AbortController();
      const timer = setTimeout(() => ac.abort(), timeoutMs);
      try {
        const status = await fetcher(url, ac.signal);
        ext.checked++;
        if (status >= 400) ext.broken.push({ url, status, foundOn: page });
      } catch (err) {
        ext.checked++;
        ext.broken.push({ url, status: ac.signal.aborted ? `超时（${timeoutMs / 1000}秒）` : `无法访问（${(err as Error).message.slice(0, 60)}）`, foundOn: page });
      } finally {
        clearTimeout(timer);
      }
    });
  }
  return { pages, checked: seen.size, broken, external: ext, truncated };
}
