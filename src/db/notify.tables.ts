// Tables of the notify module (src/notify). `notifications`, `outbox` and `user_contacts` were
// created by the ledger migration and are typed in ledger.tables.ts; they belong to notify now.

/** Exactly-once bookkeeping: one row per notice key ever sent (e.g. `ledger.urge:12:2026-12-01`). */
export interface NotifyOnceTable {
  key: string;
  created_at: string;
}

export interface NotifyTables {
  notify_once: NotifyOnceTable;
}
