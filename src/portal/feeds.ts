// RSS 2.0 feeds and the sitemap: plain string building with XML escaping (no markup from data).

/** Escapes text for XML and drops characters XML 1.0 forbids (control characters, lone surrogates). */
export function xmlEscape(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export type FeedItem = { url: string; title: string; summary: string; date: Date; category: string; author: string; /** RFC 822 text overriding `date` (China time). */ pubDate?: string };
export type Feed = { title: string; link: string; self: string; description: string; items: FeedItem[]; updated: Date };

/** RSS 2.0 with an atom:link to itself (as validators ask). Dates in RFC 822 form. */
export function renderRss(f: Feed): string {
  const el = (name: string, value: string) => `<${name}>${xmlEscape(value)}</${name}>`;
  const items = f.items.map((i) => [
    '<item>', el('title', i.title), el('link', i.url), `<guid isPermaLink="true">${xmlEscape(i.url)}</guid>`,
    el('pubDate', i.pubDate ?? i.date.toUTCString()), el('category', i.category), el('author', i.author), el('description', i.summary), '</item>',
  ].join(''));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>',
    el('title', f.title), el('link', f.link), el('description', f.description), '<language>zh-cn</language>',
    `<atom:link href="${xmlEscape(f.self)}" rel="self" type="application/rss+xml"/>`,
    el('lastBuildDate', f.updated.toUTCString()),
    ...items,
    '</channel></rss>',
  ].join('\n');
}

export type SitemapUrl = { loc: string; lastmod?: string };

export function renderSitemap(urls: readonly SitemapUrl[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls.map((u) => `<url><loc>${xmlEscape(u.loc)}</loc>${u.lastmod ? `<lastmod>${xmlEscape(u.lastmod)}</lastmod>` : ''}</url>`),
    '</urlset>',
  ].join('\n');
}

/** A publication date as an instant: the recorded time, else the date at 00:00 China time. */
export const publishedInstant = (publishedAt: string | null, publishedOn: string): Date => {
  const d = publishedAt ? new Date(publishedAt) : new Date(`${publishedOn}T00:00:00+08:00`);
  return Number.isNaN(d.getTime()) ? new Date(`${publishedOn}T00:00:00+08:00`) : d;
};

/** First ~200 characters of the body text, whitespace collapsed. */
export const summaryOf = (text: string, max = 200) => {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
};

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');
/**
 * The RSS pubDate of an item in China time (+0800) on the shown 发布日期: the recorded sign-off time when it
 * falls on that day, else 00:00 of it (historic imports keep their original date).
 */
export function pubDateCst(publishedAt: string | null, publishedOn: string): string {
  const at = publishedAt ? new Date(publishedAt) : null;
  let local = new Date(`${publishedOn}T00:00:00Z`); // fields read in UTC = the China-time wall clock
  if (at && !Number.isNaN(at.getTime())) {
    const shifted = new Date(at.getTime() + 8 * 3600_000);
    if (shifted.toISOString().slice(0, 10) === publishedOn) local = shifted;
  }
  return `${DAYS[local.getUTCDay()]}, ${p2(local.getUTCDate())} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ${p2(local.getUTCHours())}:${p2(local.getUTCMinutes())}:${p2(local.getUTCSeconds())} +0800`;
}
