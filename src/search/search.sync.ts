// The contract between publishing and search: call syncItemIndex inside the same transaction
// as any change to an item (publish, withdraw, edit, validity change). The search module makes
// the index match the item: indexed when published and proactive, absent otherwise.
import type { Db, Dialect } from '../db/schema.js';
import { prepareIndexDoc, syncOne } from './search.indexer.js';

export async function syncItemIndex(tx: Db, dialect: Dialect, itemId: number): Promise<void> {
  await syncOne(tx, dialect, itemId);
}

/**
 * Optional, before the transaction that will publish or change an item: segments its text now (jieba is
 * the slow part), so syncItemIndex inside the transaction only writes. Harmless when the item turns out
 * not to be public or changes in between (syncItemIndex then segments itself).
 */
export async function prepareItemIndex(db: Db, itemId: number): Promise<void> {
  await prepareIndexDoc(db, itemId);
}
