// Front door of the ledger module: what other modules may use of the unit ledgers (台账).
export { ledgerProgress, type LedgerProgress } from './ledger-progress.repo.js';
export { deleteLedgerRows, ledgerRowsOfTask, setLedgerRowRole, type TaskLedgerRow } from './ledger-plan-sync.repo.js';
export { inboxFor, urgeUnit, type InboxSection } from './ledger-inbox.js';
export { recomputeMeasureDueDates } from './ledger-measures.service.js';
