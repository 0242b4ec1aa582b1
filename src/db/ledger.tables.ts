// Tables of the ledger module (台账). Owned by src/ledger; filled in by its migration 20261128_02xx.
export interface LedgerTables {}
