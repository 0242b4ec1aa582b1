// Table 3 and table 4 come from the requests module's `requestsYear` — never typed.
import type { Db } from '../db/schema.js';
import { fail } from '../lib/errors.js';
import * as requests from '../requests/public.js';
import type { RequestsYear } from '../requests/public.js';

type RequestsYearFn = (db: Db, scope: { unitIds: readonly number[] }, year: number) => Promise<RequestsYear>;

export async function loadRequestsYear(db: Db, unitIds: readonly number[], year: number): Promise<RequestsYear> {
  const fn = (requests as unknown as { requestsYear?: RequestsYearFn }).requestsYear;
  if (typeof fn !== 'function') throw fail('report_requests_unavailable', '依申请公开模块尚未提供年度统计（requestsYear），无法生成表三、表四');
  return fn(db, { unitIds }, year);
}
