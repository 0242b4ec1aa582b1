// SQL the public question pages need beyond the engine and the services' own queries.
import type { Db } from '../db/schema.js';

/** entry id → its form (问答/解读…) for the given entries. */
export const entryFormsOf = async (db: Db, ids: number[]): Promise<Map<number, string>> =>
  new Map(ids.length ? (await db.selectFrom('qa_entries').select(['id', 'form']).where('id', 'in', ids).execute()).map((r) => [r.id, r.form]) : []);
export const messageDueOn = async (db: Db, id: number): Promise<string> =>
  (await db.selectFrom('qa_messages').select('due_on').where('id', '=', id).executeTakeFirstOrThrow()).due_on;
