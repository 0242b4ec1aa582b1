import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// `z.coerce.number` reads `[1]`, `"0x10"`, `"1e3"` and `""` as numbers, so request input and settings use
// `strictNumberInput` / `strictInt` (src/lib/validate.ts) instead. This scan keeps it that way.
const SRC = fileURLToPath(new URL('..', import.meta.url));

export function looseNumberUses(source: string): number[] {
  const lines: number[] = [];
  source.split('\n').forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, '');
    if (/\bz\s*\.\s*coerce\s*\.\s*number\b/.test(code)) lines.push(i + 1);
  });
  return lines;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

test('no source file parses numbers with z.coerce.number', () => {
  const found = sourceFiles(SRC).flatMap((f) => looseNumberUses(readFileSync(f, 'utf8')).map((l) => `${relative(SRC, f)}:${l}`));
  assert.deepEqual(found, []);
});

test('the scan finds a loose number parser and ignores comments', () => {
  assert.deepEqual(looseNumberUses("const a = 1;\nconst n = z.coerce.number().int();\n// z.coerce.number is banned\n"), [2]);
});
