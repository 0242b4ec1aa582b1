// Tables of the search module. Owned by src/search; filled in by its migration 20261128_03xx.
export interface SearchTables {}
