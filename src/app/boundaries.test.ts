// Module boundaries: no module imports another's internals or queries another's tables, except the
// reaches listed in boundaries.allowlist.json, a list that may only shrink.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crossModuleImports, crossModuleTables } from './boundaries.js';

const SRC = new URL('..', import.meta.url).pathname;
const allow = JSON.parse(readFileSync(new URL('./boundaries.allowlist.json', import.meta.url), 'utf8')) as { imports: string[]; tables: string[] };

test('no module imports another module’s internals beyond the allowlist, and the allowlist has no stale entries', () => {
  const now = crossModuleImports(SRC);
  const added = now.filter((x) => !allow.imports.includes(x));
  assert.deepEqual(added, [], `new cross-module imports: import the other module's public.ts instead (or add what you need to it):\n${added.join('\n')}`);
  const gone = allow.imports.filter((x) => !now.includes(x));
  assert.deepEqual(gone, [], `these reaches are gone: remove them from boundaries.allowlist.json so the list keeps shrinking:\n${gone.join('\n')}`);
});

test('no module queries another module’s tables beyond the allowlist, and the allowlist has no stale entries', () => {
  const now = crossModuleTables(SRC);
  const added = now.filter((x) => !allow.tables.includes(x));
  assert.deepEqual(added, [], `new queries on another module's tables: call a function of its public.ts instead:\n${added.join('\n')}`);
  const gone = allow.tables.filter((x) => !now.includes(x));
  assert.deepEqual(gone, [], `these reaches are gone: remove them from boundaries.allowlist.json:\n${gone.join('\n')}`);
});

test('the checker catches an internal import, a table reach, and accepts public.ts and kit imports', () => {
  const root = mkdtempSync(join(tmpdir(), 'gk-bounds-'));
  for (const d of ['alpha', 'beta', 'lib']) mkdirSync(join(root, d));
  writeFileSync(join(root, 'beta/beta.repo.ts'), 'export const x = 1;\n');
  writeFileSync(join(root, 'beta/public.ts'), "export { x } from './beta.repo.js';\n");
  writeFileSync(join(root, 'lib/errors.ts'), 'export const e = 1;\n');
  writeFileSync(join(root, 'alpha/ok.ts'), "import { x } from '../beta/public.js';\nimport { e } from '../lib/errors.js';\nexport const y = x + e;\n");
  writeFileSync(join(root, 'alpha/bad.ts'), "import { x } from '../beta/beta.repo.js';\nexport const lazy = () => import('../beta/beta.repo.js');\nexport const q = (db: any) => db.selectFrom('plan_tasks').selectAll();\nexport const z = x;\n");
  writeFileSync(join(root, 'alpha/bad.test.ts'), "import { x } from '../beta/beta.repo.js';\nexport const t = x;\n");
  assert.deepEqual(crossModuleImports(root), ['alpha/bad.ts -> beta/beta.repo.ts']);
  assert.deepEqual(crossModuleTables(root), ['alpha/bad.ts -> plan_tasks']);
});
