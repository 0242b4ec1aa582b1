import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { crawlSite, linksOf } from './crawl.js';

const page = (body: string) => `<!doctype html><html><body>${body}</body></html>`;

async function site() {
  const app = Fastify();
  const html = (b: string) => async (_req: unknown, reply: { type: (t: string) => { send: (s: string) => unknown } }) => reply.type('text/html; charset=utf-8').send(page(b));
  app.get('/', html('<a href="/a">a</a> <a href="/gone">x</a> <img src="/static/logo.png" alt=""> <a href="https://ok.example/">ok</a> <a href="https://slow.example/">slow</a> <a href="mailto:x@y">m</a> <a href="#top">t</a>'));
  app.get('/a', html('<a href="/">home</a> <a href="/list?page=2">p2</a> <a href="https://bad.example/">bad</a>'));
  app.get('/list', html('<a href="/never-followed">n</a>'));
  app.get('/static/logo.png', async () => 'png');
  await app.ready();
  return app;
}

test('links and images are found; mailto and fragments ignored', () => {
  assert.deepEqual(linksOf('<a href="/x?a=1&amp;b=2">x</a><img src="/i.png">'), ['/x?a=1&b=2', '/i.png']);
});

test('internal links are checked; pages with a query are checked but not followed; external links off = unchecked', async () => {
  const app = await site();
  const r = await crawlSite(app, { external: { enabled: false } });
  assert.deepEqual(r.broken, [{ url: '/gone', status: 404, foundOn: '/' }]);
  assert.ok(!r.broken.some((b) => b.url === '/never-followed'), '/list?page=2 is checked, not followed');
  assert.deepEqual([r.external.total, r.external.checked, r.external.unchecked], [3, 0, 3]);
  await app.close();
});

test('external links: bounded concurrency, a timeout, failures reported with the page they are on', async () => {
  const app = await site();
  let running = 0;
  let peak = 0;
  const fetcher = async (url: string, signal: AbortSignal) => {
    running++;
    peak = Math.max(peak, running);
    try {
      if (url.includes('slow')) await new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
      return url.includes('bad') ? 500 : 200;
    } finally {
      running--;
    }
  };
  const r = await crawlSite(app, { external: { enabled: true, timeoutMs: 50, concurrency: 2, fetcher } });
  assert.ok(peak <= 2);
  assert.equal(r.external.checked, 3);
  assert.deepEqual(r.external.broken.map((b) => [b.url, String(b.status), b.foundOn]).sort(), [
    ['https://bad.example/', '500', '/a'], ['https://slow.example/', '超时（0.05秒）', '/'],
  ]);
  await app.close();
});
