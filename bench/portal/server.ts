/**
 * The real app on loopback for bench/portal/http.ts, in its own process so the load generator
 * does not share its event loop. Prints "listening <port>" when ready.
 *   node --import tsx bench/portal/server.ts <sqlite file | postgres url> [cache=on|off: the search answer cache and the anonymous page cache]
 */
import { openDatabase } from '../../src/db/connect.js';
import { loadConfig } from '../../src/config/config.js';
import { setPageCacheEnabled } from '../../src/portal/page-cache.js';
import { setSearchCacheEnabled } from '../../src/search/search.cache.js';
import { buildApp } from '../../src/app/app.js';
import { OUT } from '../search/bench-db.js';

const target = process.argv[2]!;
if (process.argv[3] === 'off') {
  setSearchCacheEnabled(false);
  setPageCacheEnabled(false);
}
const handle = openDatabase({ databaseUrl: target.startsWith('postgres') ? target : `sqlite:${target}`, dataDir: OUT });
// The search rate limit is raised for the run: 50 connections from one IP would otherwise get 429 after 120 requests.
const config = { ...loadConfig({ GONGKAI_DATA_DIR: OUT, SESSION_SECRET: 'b'.repeat(40) }), searchRateLimit: 10_000_000 };
const app = await buildApp({
  config, handle,
  extraRoutes: (a) => { a.get('/bench/static', async (_req, reply) => reply.type('text/plain; charset=utf-8').send('ok')); },
});
await app.listen({ port: 0, host: '127.0.0.1' });
const addr = app.server.address();
console.log(`listening ${typeof addr === 'object' && addr ? addr.port : 0}`);
process.on('SIGTERM', () => { void app.close().then(() => handle.close()).then(() => process.exit(0)); });
