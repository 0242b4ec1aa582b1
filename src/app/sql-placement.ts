// SQL lives in *.repo.ts (called by services); routes and pages never query. This finds the queries that do not.
//
// A "query" is a line of code (not a comment line) of a route or page file — `*.routes.ts(x)` or `*pages.tsx` —
// that matches one of QUERY_PATTERNS: `.selectFrom(`, `.insertInto(`, `.updateTable(`, `.deleteFrom(`,
// a Kysely `sql\`` template, or `.transaction()` (a mutation belongs in a service). Tests are not scanned.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

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

const isTest = (rel: string) => /\.test\.tsx?$/.test(rel);
const isCommentLine = (line: string) => /^\s*(\/\/|\/\*|\*)/.test(line);

const walk = (dir: string, out: string[] = []): string[] => {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
};

export type RouteQuery = { file: string; line: number; pattern: string; text: string };

/** Every query line in a route or page file, in file and line order. */
export function routeQueries(srcRoot: string): RouteQuery[] {
  const out: RouteQuery[] = [];
  for (const abs of walk(srcRoot)) {
    const file = relative(srcRoot, abs).split('\\').join('/');
    if (isTest(file) || !isRouteOrPageFile(file)) continue;
    readFileSync(abs, 'utf8').split('\n').forEach((text, i) => {
      if (isCommentLine(text)) return;
      const hit = QUERY_PATTERNS.find((p) => p.re.test(text));
      if (hit) out.push({ file, line: i + 1, pattern: hit.name, text: text.trim() });
    });
  }
  return out;
}

/** Query lines per route/page file. */
export function routeQueryCounts(srcRoot: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const q of routeQueries(srcRoot)) counts[q.file] = (counts[q.file] ?? 0) + 1;
  return counts;
}
