// The 用词检查 dictionary in the settings table, edited by the admin; the sign-off guard it installs.
import { writeAudit } from '../audit/public.js';
import { requireAdmin } from '../auth/policy.js';
import type { Db } from '../db/schema.js';
import type { Ctx } from '../lib/context.js';
import { nowIso } from '../lib/time.js';
import { registerSignoffGuard } from '../disclosure/public.js';
import { checkWording, DEFAULT_DICTIONARY, parseDictionary, type Dictionary } from './wording.js';

const KEY = 'site.dictionary';

export async function loadDictionary(db: Db): Promise<Dictionary> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return DEFAULT_DICTIONARY;
  try {
    return { ...DEFAULT_DICTIONARY, ...(JSON.parse(row.value) as Partial<Dictionary>) };
  } catch {
    return DEFAULT_DICTIONARY;
  }
}

export async function saveDictionary(ctx: Ctx, raw: Record<string, string>): Promise<Dictionary> {
  requireAdmin(ctx.actor);
  const d = parseDictionary(raw);
  await ctx.db.transaction().execute(async (tx) => {
    const r = await tx.updateTable('settings').set({ value: JSON.stringify(d) }).where('key', '=', KEY).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) await tx.insertInto('settings').values({ key: KEY, value: JSON.stringify(d) }).execute();
    await writeAudit(tx, ctx, { action: 'site.dictionary', entity: 'settings', entityId: KEY, after: { sensitive: d.sensitive.length, leaders: d.leaders.length, typos: d.typos.length } });
  });
  return d;
}

export const wordingOf = (dict: Dictionary, item: { title: string; body_text: string }) => checkWording(`${item.title}\n${item.body_text}`, dict);

/** Hits on an item that its reviewer has not confirmed at sign-off. */
export async function unconfirmedHits(db: Db, dict: Dictionary, item: { id: number; title: string; body_text: string }) {
  const hits = wordingOf(dict, item);
  if (!hits.length) return [];
  const done = new Set((await db.selectFrom('site_wording_confirmations').select('hit').where('item_id', '=', item.id).execute()).map((r) => r.hit));
  return hits.filter((h) => !done.has(h.message));
}

export function installWordingGuard(): void {
  registerSignoffGuard({
    name: 'site.wording',
    check: async (db, item) => (await unconfirmedHits(db, await loadDictionary(db), item)).map((h) => ({ message: h.message })),
    confirmed: async (tx, itemId, hits) => {
      for (const h of hits) {
        await tx.insertInto('site_wording_confirmations').values({ item_id: itemId, hit: h.message.slice(0, 300), confirmed_at: nowIso() })
          .onConflict((oc) => oc.columns(['item_id', 'hit']).doNothing()).execute();
      }
    },
  });
}
