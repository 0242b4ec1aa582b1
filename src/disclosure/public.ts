// Front door of the disclosure module: what other modules may use of government information items.
export { isPublicItem, publicItemWhere, type VisibilityFields } from './public-rule.js';
export { complianceByUnit } from './compliance.service.js';
export { DEFAULT_CATALOG, DEFAULT_TOPICS, flattenCategories } from './category-defaults.js';
export { ensureDefaultCategories } from './categories.repo.js';
export { TYPE_LABELS, VALIDITY_LABELS } from './labels.js';
export { sanitizeBody } from './pure/sanitize.js';
export { canReadItem } from './item-policy.js';
export { WITHHELD_BASES, WITHHELD_BASIS_CODES, withheldBasis, type WithheldBasis, type WithheldBasisCode } from './pure/legal-basis.js';
export { withValidityToday } from './validity-display.js';
export { cleanFileName, inspectAttachment, sniffKind, type AttachmentKind } from './attachment-file.js';
export { gazetteIssuesForYear, interpretationsForYear, normativeCountsForYear, publishedItemsForYear, type NormativeYear } from './report-figures.js';
export { itemRefs, type ItemRef } from './item-refs.js';
export { maskAll, scanPersonalData, type PrivacyHit } from './pure/privacy-scan.js';
// Other modules register their documents as items through the one path: a draft, then 保密审查 and publication here.
export { createItem as createDraftItem } from './items.service.js';
/** A draft that names its source in the item's history (依申请公开 art. 44), written in one transaction with the caller's records. */
export { createProposedDraft } from './items.service.js';
export { documentStates, documentTexts, inForceToday, publicDocuments, type DocState } from './published-texts.js';
export { registerSignoffGuard, type GuardHit, type SignoffGuard } from './signoff-guards.js';
export { normativeWithoutValidity, publicItemTexts, undatedPublishedItems } from './site-facts.js';
export { itemsAwaitingSignoff, unitsWithReviewers } from './inbox.repo.js';
export { canPickItem, describePick, pickedItem, pickItems, type PickPurpose, type PickRow } from './item-picker.service.js';
export { findPublishedItems } from './picker.repo.js';
export { PickerResults, PickerSearch, pickTitle, type PickChoice, type PickerProps } from './item-picker.views.js';
