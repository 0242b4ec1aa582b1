// SQL for a ledger's measures (工作举措), their progress notes and evidence (佐证材料).
import type { Insertable, Updateable } from 'kysely';
import type { LedgerEvidenceTable, LedgerMeasuresTable, LedgerProgressTable } from '../db/ledger.tables.js';
import type { Db } from '../db/schema.js';

export async function insertMeasure(tx: Db, values: Insertable<LedgerMeasuresTable>): Promise<number> {
  return (await tx.insertInto('ledger_measures').values(values).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateMeasure(tx: Db, id: number, values: Updateable<LedgerMeasuresTable>): Promise<void> {
  await tx.updateTable('ledger_measures').set(values).where('id', '=', id).execute();
}
/** A measure and everything hanging from it (reminders sent, progress notes, evidence rows). */
export async function deleteMeasure(tx: Db, id: number): Promise<void> {
  await tx.deleteFrom('ledger_reminders').where('measure_id', '=', id).execute();
  await tx.deleteFrom('ledger_progress').where('measure_id', '=', id).execute();
  await tx.deleteFrom('ledger_evidence').where('measure_id', '=', id).execute();
  await tx.deleteFrom('ledger_measures').where('id', '=', id).execute();
}
export const evidenceStorageKeys = async (db: Db, measureId: number): Promise<(string | null)[]> =>
  (await db.selectFrom('ledger_evidence').select(['storage_key']).where('measure_id', '=', measureId).execute()).map((f) => f.storage_key);

export async function insertProgress(tx: Db, values: Insertable<LedgerProgressTable>): Promise<number> {
  return (await tx.insertInto('ledger_progress').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertEvidence(tx: Db, values: Insertable<LedgerEvidenceTable>): Promise<number> {
  return (await tx.insertInto('ledger_evidence').values(values).returning('id').executeTakeFirstOrThrow()).id;
}
export const findEvidence = (db: Db, ledgerId: number, id: number) =>
  db.selectFrom('ledger_evidence').selectAll().where('id', '=', id).where('ledger_id', '=', ledgerId).executeTakeFirst();
export async function deleteEvidence(tx: Db, id: number): Promise<void> {
  await tx.deleteFrom('ledger_evidence').where('id', '=', id).execute();
}
/** An uploaded evidence file with the task of its row (a lead department sees only its tasks' files). */
export const evidenceFileOf = (db: Db, ledgerId: number, id: number) =>
  db.selectFrom('ledger_evidence').innerJoin('ledger_measures', 'ledger_measures.id', 'ledger_evidence.measure_id')
    .innerJoin('ledger_rows', 'ledger_rows.id', 'ledger_measures.row_id')
    .select(['ledger_evidence.file_name', 'ledger_evidence.storage_key', 'ledger_evidence.mime', 'ledger_rows.task_id'])
    .where('ledger_evidence.id', '=', id).where('ledger_evidence.ledger_id', '=', ledgerId).where('ledger_evidence.kind', '=', 'file').executeTakeFirst();

/** Open measures (not done) of a plan task's rows, in every ledger: what a changed time limit moves. */
export const openMeasuresOfTask = (db: Db, taskId: number) =>
  db.selectFrom('ledger_measures').innerJoin('ledger_rows', 'ledger_rows.id', 'ledger_measures.row_id')
    .innerJoin('ledgers', 'ledgers.id', 'ledger_measures.ledger_id')
    .selectAll('ledger_measures').select(['ledgers.area_id'])
    .where('ledger_rows.task_id', '=', taskId).where('ledger_measures.status', '<>', 'done')
    .orderBy('ledger_measures.id').execute();
