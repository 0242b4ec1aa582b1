// SQL lives in *.repo.ts; routes never query (issue 11 item 5). Route and page files that still hold queries are
// listed, per file, in sql-placement.allowlist.json — a list that may only shrink: this fails on a new query in a
// route or page file and on an entry that is higher than what is left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRouteOrPageFile, QUERY_PATTERNS, routeQueries, routeQueryCounts } from './sql-placement.js';

const SRC = new URL('..', import.meta.url).pathname;
const allow = JSON.parse(readFileSync(new URL('./sql-placement.allowlist.json', import.meta.url), 'utf8')) as { files: Record<string, number> };

test('no query in a route or page file beyond the allowlist, and the allowlist has no stale entries', () => {
  const now = routeQueryCounts(SRC);
  const found = routeQueries(SRC);
  const added = Object.entries(now).filter(([f, n]) => n > (allow.files[f] ?? 0))
    .map(([f, n]) => `${f}: ${n} (allowed ${allow.files[f] ?? 0})\n${found.filter((q) => q.file === f).map((q) => `  ${q.line}: ${q.text}`).join('\n')}`);
  assert.deepEqual(added, [], `queries in route/page files: put the SQL in the module's *.repo.ts and call it from a service (transactions with writeAudit live in services):\n${added.join('\n')}`);
  const stale = Object.entries(allow.files).filter(([f, n]) => (now[f] ?? 0) < n).map(([f, n]) => `${f}: ${now[f] ?? 0} left, allowlist says ${n}`);
  assert.deepEqual(stale, [], `these files have fewer queries now: lower or remove their entries in sql-placement.allowlist.json so the list keeps shrinking:\n${stale.join('\n')}`);
});

test('the allowlist only holds route or page files, with positive counts', () => {
  for (const [f, n] of Object.entries(allow.files)) {
    assert.ok(isRouteOrPageFile(f), `${f} is not a route or page file: it needs no entry`);
    assert.ok(Number.isInteger(n) && n > 0, `${f}: the count must be a positive integer`);
  }
});

test('the checker catches each kind of query in routes and pages and leaves repos, services, tests, comments and look-alikes alone', () => {
  const root = mkdtempSync(join(tmpdir(), 'gk-sql-'));
  mkdirSync(join(root, 'alpha'));
  writeFileSync(join(root, 'alpha/alpha.routes.tsx'), [
    "const a = await req.ctx.db.selectFrom('users').selectAll().execute();", // 1 selectFrom
    "await db.insertInto('t').values({}).execute();", // 2 insertInto
    "await tx.updateTable('t').set({}).execute();", // 3 updateTable
    "await tx.deleteFrom('t').execute();", // 4 deleteFrom
    'const r = await sql`select 1`.execute(db);', // 5 sql template
    'await req.ctx.db.transaction().execute(async (tx) => x(tx));', // 6 transaction
    "const looksLike = { selectFromX: 1, transactionId: 2, sqlite: 'sql' };", // look-alikes
    "// req.ctx.db.selectFrom('users') in a comment",
    " * db.transaction() in a block comment",
  ].join('\n'));
  writeFileSync(join(root, 'alpha/alpha.pages.tsx'), "export const p = (db: any) => db.selectFrom('x');\n");
  writeFileSync(join(root, 'alpha/alpha.routes.ts'), 'export const q = (db: any) => db.transaction ();\n');
  writeFileSync(join(root, 'alpha/alpha.repo.ts'), "export const ok = (db: any) => db.selectFrom('x');\n");
  writeFileSync(join(root, 'alpha/alpha.service.ts'), 'export const ok = (db: any) => db.transaction().execute(async () => 1);\n');
  writeFileSync(join(root, 'alpha/alpha.routes.test.ts'), "export const t = (db: any) => db.selectFrom('x');\n");
  assert.deepEqual(routeQueries(root).map((q) => [q.file, q.line, q.pattern]), [
    ['alpha/alpha.pages.tsx', 1, 'selectFrom'], ['alpha/alpha.routes.ts', 1, 'transaction'],
    ['alpha/alpha.routes.tsx', 1, 'selectFrom'], ['alpha/alpha.routes.tsx', 2, 'insertInto'], ['alpha/alpha.routes.tsx', 3, 'updateTable'],
    ['alpha/alpha.routes.tsx', 4, 'deleteFrom'], ['alpha/alpha.routes.tsx', 5, 'sql-template'], ['alpha/alpha.routes.tsx', 6, 'transaction'],
  ]);
  assert.deepEqual(routeQueryCounts(root), { 'alpha/alpha.pages.tsx': 1, 'alpha/alpha.routes.ts': 1, 'alpha/alpha.routes.tsx': 6 });
  assert.deepEqual(QUERY_PATTERNS.map((p) => p.name), ['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'sql-template', 'transaction']);
});
