// Reads used by the public decision pages (the routes never query; see docs/CONVENTIONS.md).
import type { Db } from '../db/schema.js';

/** Consultations of the area open today (opens_on ≤ today ≤ closes_on), closing first. */
export const openConsultations = (db: Db, areaId: number, today: string) =>
  db.selectFrom('consultations').selectAll().where('area_id', '=', areaId).where('opens_on', '<=', today).where('closes_on', '>=', today).orderBy('closes_on').execute();

/** The 列席 meetings of one catalog item. */
export const meetingsOfDecision = (db: Db, decisionId: number) =>
  db.selectFrom('meetings').select(['id', 'title', 'meeting_on']).where('decision_id', '=', decisionId).orderBy('id').execute();

/** The name of the catalog item a consultation belongs to, or null. */
export const decisionName = async (db: Db, decisionId: number): Promise<{ id: number; name: string } | null> =>
  (await db.selectFrom('decisions').select(['id', 'name']).where('id', '=', decisionId).executeTakeFirst()) ?? null;
