// What the annual report reads of public participation: consultations held in a year by the given
// units (opened in that year), the comments they received, and how many have a published 采纳情况.
import type { Db } from '../db/schema.js';

export type ConsultationsYear = { held: number; comments: number; feedbackPublished: number };

export async function consultationsForYear(db: Db, unitIds: readonly number[], year: number): Promise<ConsultationsYear> {
  if (unitIds.length === 0) return { held: 0, comments: 0, feedbackPublished: 0 };
  const rows = await db.selectFrom('consultations').select(['n_pending', 'n_published', 'n_withheld', 'report_published_at'])
    .where('unit_id', 'in', [...unitIds]).where('opens_on', '>=', `${year}-01-01`).where('opens_on', '<=', `${year}-12-31`).execute();
  return {
    held: rows.length,
    comments: rows.reduce((n, r) => n + Number(r.n_pending) + Number(r.n_published) + Number(r.n_withheld), 0),
    feedbackPublished: rows.filter((r) => r.report_published_at !== null).length,
  };
}
