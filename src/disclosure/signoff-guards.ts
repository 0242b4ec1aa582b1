// Checks other modules add to the reviewer's sign-off (the site module's 用词检查: 敏感词, leaders'
// names and titles, 错别字). Like the privacy guard, hits block sign-off until the reviewer confirms them.
import type { Db } from '../db/schema.js';

export type GuardHit = { message: string };
export type SignoffGuard = {
  name: string;
  /** Hits in an item's title and body text. */
  check: (db: Db, item: { id: number; title: string; body_text: string }) => Promise<GuardHit[]>;
  /** Called in the sign-off transaction when the reviewer confirmed the hits. */
  confirmed?: (tx: Db, itemId: number, hits: GuardHit[]) => Promise<void>;
};

const guards: SignoffGuard[] = [];
export function registerSignoffGuard(g: SignoffGuard): void {
  const i = guards.findIndex((x) => x.name === g.name);
  if (i >= 0) guards[i] = g;
  else guards.push(g);
}

export async function signoffGuardHits(db: Db, item: { id: number; title: string; body_text: string }) {
  const out: { guard: SignoffGuard; hits: GuardHit[] }[] = [];
  for (const g of guards) {
    const hits = await g.check(db, item);
    if (hits.length) out.push({ guard: g, hits });
  }
  return out;
}
