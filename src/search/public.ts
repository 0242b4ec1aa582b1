// Front door of the search module: public full-text search, the index kept in step with items,
// and the public-content generation that invalidates the portal's caches on every node.
export { bumpGeneration, filteredDocs, publicVersion, publicVersions, readGeneration, type DocFilter } from './search.repo.js';
export { searchPublic, type SearchOutcome } from './search.service.js';
export { ITEM_TYPES, SEARCH_LABELS, VALIDITIES } from './search.schema.js';
export { prepareItemIndex, syncItemIndex } from './search.sync.js';
export { rebuildIndex } from './search.indexer.js';
export type { HighlightSegment } from './text/segment.js';
export { foldText, isSingleHan, wordParts } from './text/normalize.js';
export { STOPWORDS } from './text/stopwords.js';
export { segmentQuery as textTerms } from './text/segment.js';
