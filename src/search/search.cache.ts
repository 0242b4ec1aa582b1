// A small LRU of finished search answers per database, keyed by the public-content generation:
// every publish/withdraw bumps the generation in its own transaction, so an answer computed
// before a withdrawal is never served after it commits (the next request reads the new number).
import type { Db } from '../db/schema.js';

const MAX_ENTRIES = 1000;
const caches = new WeakMap<Db, Map<string, unknown>>();
let enabled = true;

/** The benchmark switches the cache off to report uncached figures too. */
export const setSearchCacheEnabled = (on: boolean) => {
  enabled = on;
};

export async function cached<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
  if (!enabled) return compute();
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  if (cache.has(key)) {
    const v = cache.get(key) as T;
    cache.delete(key);
    cache.set(key, v);
    return v;
  }
  const v = await compute();
  cache.set(key, v);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return v;
}
