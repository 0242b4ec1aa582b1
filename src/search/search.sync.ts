// The contract between publishing and search: call syncItemIndex inside the same transaction
// as any change to an item (publish, withdraw, edit, validity change). The search module makes
// the index match the item: indexed when published and proactive, absent otherwise.
import type { Db, Dialect } from '../db/schema.js';

export async function syncItemIndex(tx: Db, dialect: Dialect, itemId: number): Promise<void> {
  void tx; void dialect; void itemId; // replaced by the search module's implementation
}
