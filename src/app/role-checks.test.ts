// One authorisation style (issue 11 item 6): role comparisons live only in a module's `*-policy.ts` and in
// src/auth/policy.ts. The ones that remain elsewhere are listed, per file, in role-checks.allowlist.json — a list
// that may only shrink: this fails on a new comparison and on an entry that is higher than what is left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAllowedFile, roleComparisonCounts, roleComparisons, ROLE_PATTERNS } from './role-checks.js';

const SRC = new URL('..', import.meta.url).pathname;
const allow = JSON.parse(readFileSync(new URL('./role-checks.allowlist.json', import.meta.url), 'utf8')) as { files: Record<string, number> };

test('no role comparison outside policy files beyond the allowlist, and the allowlist has no stale entries', () => {
  const now = roleComparisonCounts(SRC);
  const found = roleComparisons(SRC);
  const added = Object.entries(now).filter(([f, n]) => n > (allow.files[f] ?? 0))
    .map(([f, n]) => `${f}: ${n} (allowed ${allow.files[f] ?? 0})\n${found.filter((c) => c.file === f).map((c) => `  ${c.line}: ${c.text}`).join('\n')}`);
  assert.deepEqual(added, [], `role comparisons outside the policy files: move them into the module's *-policy.ts (a canX/requireX predicate; isAdminUser etc. from src/auth/policy.ts):\n${added.join('\n')}`);
  const stale = Object.entries(allow.files).filter(([f, n]) => (now[f] ?? 0) < n).map(([f, n]) => `${f}: ${now[f] ?? 0} left, allowlist says ${n}`);
  assert.deepEqual(stale, [], `these files have fewer role comparisons now: lower or remove their entries in role-checks.allowlist.json so the list keeps shrinking:\n${stale.join('\n')}`);
});

test('the allowlist only holds files that exist outside the policy files', () => {
  for (const f of Object.keys(allow.files)) {
    assert.ok(!isAllowedFile(f), `${f} is a policy file: it needs no entry`);
    assert.ok(Number.isInteger(allow.files[f]) && allow.files[f]! > 0, `${f}: the count must be a positive integer`);
  }
});

test('the checker catches each kind of role comparison and leaves policy files, tests, comments and look-alikes alone', () => {
  const root = mkdtempSync(join(tmpdir(), 'gk-roles-'));
  for (const d of ['alpha', 'auth']) mkdirSync(join(root, d));
  writeFileSync(join(root, 'alpha/bad.ts'), [
    "export const a = (actor: any) => actor.role === 'admin';", // 1 role-equality (member, left)
    "export const b = (u: any) => 'auditor' !== u.role;", // 2 role-equality (member, right)
    "export const c = (role: string) => role == 'admin';", // 3 role-equality (bare)
    "export const d = (u: any) => ['admin', 'auditor'].includes(u.role);", // 4 includes-role
    "export const e = (e: any, r: string) => e.roles.includes(r) || TOTP_ROLES.includes(r);", // 5 roles-includes
    "export const f = (a: any) => { switch (a.role) { default: return 1; } };", // 6 switch-role
    'const isAdmin = (req: any) => !!req;', // 7 local-isAdmin
    'export const g = isAdmin;',
    "export const h = (x: any) => x.roleLabel === 'a' || x.roles === 1 || x.userRole === 'admin' || x.role = 1;", // look-alikes
    "// actor.role === 'admin' in a comment",
    " * role !== 'auditor' in a block comment",
  ].join('\n'));
  writeFileSync(join(root, 'alpha/alpha-policy.ts'), "export const ok = (a: any) => a.role === 'admin';\n");
  writeFileSync(join(root, 'auth/policy.ts'), "export const ok = (a: any) => a.role === 'admin';\n");
  writeFileSync(join(root, 'alpha/bad.test.ts'), "export const t = (a: any) => a.role === 'admin';\n");
  writeFileSync(join(root, 'alpha/view.tsx'), "export const v = (a: any) => <p>{a.role !== 'auditor' ? 'x' : 'y'}</p>;\n");
  const found = roleComparisons(root);
  assert.deepEqual(found.map((c) => [c.file, c.line, c.pattern]), [
    ['alpha/bad.ts', 1, 'role-equality'], ['alpha/bad.ts', 2, 'role-equality'], ['alpha/bad.ts', 3, 'role-equality'],
    ['alpha/bad.ts', 4, 'includes-role'], ['alpha/bad.ts', 5, 'roles-includes'], ['alpha/bad.ts', 6, 'switch-role'],
    ['alpha/bad.ts', 7, 'local-isAdmin'], ['alpha/view.tsx', 1, 'role-equality'],
  ]);
  assert.deepEqual(roleComparisonCounts(root), { 'alpha/bad.ts': 7, 'alpha/view.tsx': 1 });
  assert.deepEqual(ROLE_PATTERNS.map((p) => p.name), ['role-equality', 'includes-role', 'roles-includes', 'switch-role', 'local-isAdmin']);
});
