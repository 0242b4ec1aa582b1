// 政府信息公开工作年度报告: generated from the ledger of record, checked, signed off, filed and published.
import type { GongkaiModule } from '../app/module.js';
import { REPORT_MIGRATIONS } from './report.migrations.js';

export const reportModule: GongkaiModule = {
  name: 'report',
  migrations: REPORT_MIGRATIONS,
};
