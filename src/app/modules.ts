// The one list of modules. The web app (routes, error mappers), the CLI (commands), the migrator,
// the scheduler (jobs) and the console menu all loop over it. Order = route registration order.
import type { GongkaiModule } from './module.js';
import type { Job } from '../jobs/jobs.js';
import { auditModule } from '../audit/module.js';
import { authModule } from '../auth/module.js';
import { calendarModule } from '../calendar/module.js';
import { decisionsModule } from '../decisions/module.js';
import { disclosureModule } from '../disclosure/module.js';
import { ledgerModule } from '../ledger/module.js';
import { notifyModule } from '../notify/module.js';
import { orgModule } from '../org/module.js';
import { planModule } from '../plan/module.js';
import { portalModule } from '../portal/module.js';
import { requestsModule } from '../requests/module.js';
import { searchModule } from '../search/module.js';
import { reportModule } from '../report/module.js';
import { qaModule } from '../qa/module.js';
import { siteModule } from '../site/module.js';

export const MODULES: readonly GongkaiModule[] = [
  authModule,
  orgModule,
  auditModule,
  calendarModule,
  notifyModule,
  planModule,
  ledgerModule,
  disclosureModule,
  searchModule,
  portalModule,
  reportModule,
  requestsModule,
  decisionsModule,
  qaModule,
  siteModule,
];

export const allJobs = (): Job[] => MODULES.flatMap((m) => m.jobs ?? []);
export const allNavEntries = () => MODULES.flatMap((m) => m.nav ?? []);
