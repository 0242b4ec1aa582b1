// The one source scanner behind the repository rules (role-checks.ts, sql-placement.ts): every code line (not a
// comment line) of the non-test .ts/.tsx files under src that a file filter admits, matched against named patterns.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export type SourcePattern = { name: string; re: RegExp };
export type SourceHit = { file: string; line: number; pattern: string; text: string };

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

/** Every line matching one of `patterns` in the files `scan(rel)` admits, in file and line order (first pattern wins). */
export function scanSources(srcRoot: string, scan: (rel: string) => boolean, patterns: ReadonlyArray<SourcePattern>): SourceHit[] {
  const out: SourceHit[] = [];
  for (const abs of walk(srcRoot)) {
    const file = relative(srcRoot, abs).split('\\').join('/');
    if (isTest(file) || !scan(file)) continue;
    readFileSync(abs, 'utf8').split('\n').forEach((text, i) => {
      if (isCommentLine(text)) return;
      const hit = patterns.find((p) => p.re.test(text));
      if (hit) out.push({ file, line: i + 1, pattern: hit.name, text: text.trim() });
    });
  }
  return out;
}

/** Hits per file. */
export function countByFile(hits: readonly SourceHit[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const h of hits) counts[h.file] = (counts[h.file] ?? 0) + 1;
  return counts;
}
