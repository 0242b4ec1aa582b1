// Front door of the audit module: every mutation writes its audit record through writeAudit, in the same transaction.
export { writeAudit } from './audit.repo.js';
export { formatLocal } from './audit-format.js';
export { recordPersonalDataRead } from './personal-data.js';
