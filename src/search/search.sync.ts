// The contract between publishing and search: call syncItemIndex inside the same transaction
// as any change to an item (publish, withdraw, edit, validity change). The search module makes
// the index match the item: indexed when published and proactive, absent otherwise.
import type { Db, Dialect } from '../db/schema.js';
import { syncOne } from './search.indexer.js';

export async function syncItemIndex(tx: Db, dialect: Dialect, itemId: number): Promise<void> {
  await syncOne(tx, dialect, itemId);
}
