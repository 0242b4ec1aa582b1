// SQL of the ledger workflow: state changes guarded against concurrent transitions, frozen versions
// (snapshots) and their decisions, and comments (unit, return, guidance).
import { sql, type Insertable, type Updateable } from 'kysely';
import type { LedgerCommentsTable, LedgerStatus, LedgersTable, LedgerVersionsTable } from '../db/ledger.tables.js';
import type { Db } from '../db/schema.js';

/** Moves the ledger from `from` to `to`; false when another request changed its state first. */
export async function moveStatus(tx: Db, id: number, from: LedgerStatus, to: LedgerStatus, at: string): Promise<boolean> {
  const r = await tx.updateTable('ledgers').set({ status: to, updated_at: at, revision: sql<number>`revision + 1` }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
export async function updateLedger(tx: Db, id: number, values: Updateable<LedgersTable>): Promise<void> {
  await tx.updateTable('ledgers').set(values).where('id', '=', id).execute();
}
export async function insertComment(tx: Db, values: Insertable<LedgerCommentsTable>): Promise<number> {
  return (await tx.insertInto('ledger_comments').values(values).returning('id').executeTakeFirstOrThrow()).id;
}
export async function insertVersion(tx: Db, values: Insertable<LedgerVersionsTable>): Promise<void> {
  await tx.insertInto('ledger_versions').values(values).execute();
}
export async function decideVersion(tx: Db, ledgerId: number, version: number, values: Pick<Updateable<LedgerVersionsTable>, 'decision' | 'decided_at' | 'decided_by' | 'decision_comment'>): Promise<void> {
  await tx.updateTable('ledger_versions').set(values).where('ledger_id', '=', ledgerId).where('version', '=', version).execute();
}
