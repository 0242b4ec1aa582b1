// Front door of the portal module: the public reference data and public-item lists other modules
// (the site module's sub-columns and self-inspection) may read. Everything here is public content only.
export { refData, withDescendants, type Category, type RefData } from './portal.service.js';
export { categoryStats, listPublic, countPublic, type PublicListRow } from './portal.repo.js';
export { ItemList, Breadcrumb, Pager } from './portal.views.js';
export { cachedPage } from './page-cache.js';
export { column as columnMeta, absoluteUrl } from './standard-meta.js';
