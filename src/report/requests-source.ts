// Table 3 and table 4 come from the requests module's `requestsYear` — never typed.
import type { Db } from '../db/schema.js';
import { requestsYear, type RequestsYear } from '../requests/public.js';

export const loadRequestsYear = (db: Db, unitIds: readonly number[], year: number): Promise<RequestsYear> => requestsYear(db, { unitIds }, year);
