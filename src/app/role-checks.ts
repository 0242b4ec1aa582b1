// One authorisation style: role comparisons live only in policy files. This finds the ones that do not.
//
// A "role comparison" is a line of code (not a comment line) that matches one of ROLE_PATTERNS:
//   role-equality   `role` (bare or a member, `actor.role`, `u.role`) on either side of == / === / != / !==
//   includes-role   `.includes(<…>.role)` / `.includes(role)` — a list of roles asked about one role
//   roles-includes  `roles.includes(`, `e.roles?.includes(`, `TOTP_ROLES.includes(` — the same question asked of a roles list
//   switch-role     `switch (<…>.role)` / `switch (role)`
//   local-isAdmin   `const|let|var|function isAdmin` — a private copy of auth/policy.ts `isAdminUser`
// Allowed only in ALLOWED_FILES: a module's `*-policy.ts` (e.g. disclosure/item-policy.ts, org/org-policy.ts)
// and src/auth/policy.ts (the coarse guards). Tests (*.test.ts / *.test.tsx) are not scanned.
import { countByFile, scanSources, type SourceHit } from './source-scan.js';

export const ROLE_PATTERNS: ReadonlyArray<{ name: string; re: RegExp }> = [
  { name: 'role-equality', re: /\brole\s*[!=]==?|[!=]==?\s*(?:[\w$]+\??\.)*role\b(?![\w$])/ },
  { name: 'includes-role', re: /\.includes\(\s*(?:[\w$]+\??\.)*role\s*\)/ },
  { name: 'roles-includes', re: /roles\s*\??\.\s*includes\s*\(/i },
  { name: 'switch-role', re: /\bswitch\s*\(\s*(?:[\w$]+\??\.)*role\s*\)/ },
  { name: 'local-isAdmin', re: /\b(?:const|let|var|function)\s+isAdmin\b/ },
];

/** Paths under src where role comparisons belong. */
export const isAllowedFile = (rel: string): boolean => /(^|\/)[\w-]*-policy\.ts$/.test(rel) || rel === 'auth/policy.ts';

export type RoleComparison = SourceHit;

/** Every role comparison outside the allowed files, in file and line order. */
export function roleComparisons(srcRoot: string): RoleComparison[] {
  return scanSources(srcRoot, (rel) => !isAllowedFile(rel), ROLE_PATTERNS);
}

/** Lines with a role comparison per file. */
export function roleComparisonCounts(srcRoot: string): Record<string, number> {
  return countByFile(roleComparisons(srcRoot));
}
