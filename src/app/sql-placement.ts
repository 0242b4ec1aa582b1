// SQL lives in *.repo.ts (called by services); routes and pages never query. This finds the queries that do not.
//
// A "query" is a line of code (not a comment line) of a route or page file — `*.routes.ts(x)` or `*pages.tsx` —
// that matches one of QUERY_PATTERNS: `.selectFrom(`, `.insertInto(`, `.updateTable(`, `.deleteFrom(`,
// a Kysely `sql\`` template, or `.transaction()` (a mutation belongs in a service). Tests are not scanned.
import { countByFile, scanSources, type SourceHit } from './source-scan.js';

export const QUERY_PATTERNS: ReadonlyArray<{ name: string; re: RegExp }> = [
  { name: 'selectFrom', re: /\.selectFrom\s*\(/ },
  { name: 'insertInto', re: /\.insertInto\s*\(/ },
  { name: 'updateTable', re: /\.updateTable\s*\(/ },
  { name: 'deleteFrom', re: /\.deleteFrom\s*\(/ },
  { name: 'sql-template', re: /\bsql\s*(?:<[^>]*>)?\s*`/ },
  { name: 'transaction', re: /\.transaction\s*\(\s*\)/ },
];

/** Route and page files: where no query may be. */
export const isRouteOrPageFile = (rel: string): boolean => /\.routes\.tsx?$/.test(rel) || /pages\.tsx$/.test(rel);

export type RouteQuery = SourceHit;

/** Every query line in a route or page file, in file and line order. */
export function routeQueries(srcRoot: string): RouteQuery[] {
  return scanSources(srcRoot, isRouteOrPageFile, QUERY_PATTERNS);
}

/** Query lines per route/page file. */
export function routeQueryCounts(srcRoot: string): Record<string, number> {
  return countByFile(routeQueries(srcRoot));
}
