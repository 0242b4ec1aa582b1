// SQL for annual reports that the routes need besides the service's own queries.
import type { Db } from '../db/schema.js';

/** Which editor a report belongs to (unit, year, scope), for the redirect after a transition. */
export const reportKey = (db: Db, id: number) =>
  db.selectFrom('report_annual').select(['unit_id', 'year', 'scope']).where('id', '=', id).executeTakeFirst();
