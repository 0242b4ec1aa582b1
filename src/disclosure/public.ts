// Front door of the disclosure module: what other modules may use of government information items.
export { isPublicItem, publicItemWhere, type VisibilityFields } from './public-rule.js';
export { complianceByUnit } from './compliance.service.js';
export { DEFAULT_CATALOG, DEFAULT_TOPICS, flattenCategories } from './category-defaults.js';
export { ensureDefaultCategories } from './categories.repo.js';
export { TYPE_LABELS, VALIDITY_LABELS } from './labels.js';
export { sanitizeBody } from './pure/sanitize.js';
export { WITHHELD_BASES, WITHHELD_BASIS_CODES, type WithheldBasis, type WithheldBasisCode } from './pure/legal-basis.js';
export { cleanFileName, inspectAttachment } from './attachment-file.js';
export { scanPersonalData } from './pure/privacy-scan.js';
