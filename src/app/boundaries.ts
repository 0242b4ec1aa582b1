// Module boundaries: which imports cross from one module into another's internals.
// A module may import, from another folder, only:
//   - that module's `public.ts` (its front door: functions and types, no tables);
//   - the shared kit: lib/, db/ (schema types, connections, migration helpers), web/ (layouts,
//     forms, http helpers, nav), jobs/, config/, charts/, cli/ (CLI plumbing), test-support/,
//     app/module.ts (the module type) and auth/policy.ts (the coarse role guards).
// The composition root (src/app/*, src/server.ts, src/bootstrap.ts) may also import `module.ts` files.
// Tests (*.test.ts, *.fixtures.ts) may reach anywhere: they set up data across modules.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

export const KIT_FOLDERS = new Set(['lib', 'db', 'web', 'jobs', 'config', 'charts', 'cli', 'test-support', 'app']);
const KIT_FILES = new Set(['app/module.ts', 'auth/policy.ts']);
const ROOT_FILES = new Set(['server.ts', 'bootstrap.ts']);

const walk = (dir: string, out: string[] = []): string[] => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
};

const isTestish = (rel: string) => /\.test\.tsx?$/.test(rel) || /\.fixtures?\.tsx?$/.test(rel) || rel.startsWith('test-support/') || /(^|\/)[a-z-]*fixtures?[a-z-]*\.tsx?$/.test(rel);

/** Resolves a relative specifier ('../x/y.js') to a path under src ('x/y.ts' or 'x/y.tsx'). */
function resolveSpec(srcRoot: string, fromRel: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const abs = normalize(join(dirname(join(srcRoot, fromRel)), spec));
  const rel = relative(srcRoot, abs).split('\\').join('/');
  if (rel.startsWith('..')) return null;
  const base = rel.replace(/\.(js|mjs|ts|tsx|jsx)$/, '');
  for (const ext of ['.ts', '.tsx', '.mjs']) {
    try { if (statSync(join(srcRoot, base + ext)).isFile()) return base + ext; } catch { /* try next */ }
  }
  return rel;
}

/** Every import (static, type-only, re-export or dynamic) of one file, as paths under src. */
export function importsOf(srcRoot: string, rel: string): string[] {
  const text = readFileSync(join(srcRoot, rel), 'utf8');
  const specs = new Set<string>();
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g)) specs.add(m[1]!);
  for (const m of text.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) specs.add(m[1]!);
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.add(m[1]!);
  return [...specs].map((s) => resolveSpec(srcRoot, rel, s)).filter((x): x is string => x !== null);
}

const topOf = (rel: string) => (rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : '');

/** `from -> to` for each import that crosses into another module's internals. */
export function crossModuleImports(srcRoot: string): string[] {
  const out = new Set<string>();
  for (const abs of walk(srcRoot)) {
    const from = relative(srcRoot, abs).split('\\').join('/');
    if (isTestish(from)) continue;
    const fromTop = topOf(from);
    const root = ROOT_FILES.has(from) || fromTop === 'app';
    for (const to of importsOf(srcRoot, from)) {
      const toTop = topOf(to);
      if (!toTop || toTop === fromTop) continue;
      if (KIT_FOLDERS.has(toTop) || KIT_FILES.has(to)) continue;
      if (to === `${toTop}/public.ts`) continue;
      if (root && to === `${toTop}/module.ts`) continue;
      out.add(`${from} -> ${to}`);
    }
  }
  return [...out].sort();
}

/** Which module owns each table. Other modules reach a table only through its owner's public.ts. */
export const TABLE_OWNERS: Record<string, string | string[]> = {
  units: 'org',
  // A user row is both org membership (unit, role) and credentials (password, lockout): both modules own it.
  users: ['org', 'auth'],
  sessions: 'auth', api_tokens: 'auth', login_throttle: 'auth',
  audit_log: 'audit',
  calendar_days: 'calendar', calendar_years: 'calendar',
  plans: 'plan', plan_tasks: 'plan', plan_task_units: 'plan', plan_task_assignments: 'plan', plan_lead_duties: 'plan',
  info_items: 'disclosure', item_attachments: 'disclosure', item_history: 'disclosure', categories: 'disclosure',
  gazette_issues: 'disclosure', gazette_entries: 'disclosure', index_serials: 'disclosure',
  notifications: 'notify', outbox: 'notify', user_contacts: 'notify', notify_once: 'notify',
  search_docs: 'search', search_state: 'search',
  collections: 'portal', collection_items: 'portal',
  info_requests: 'requests', info_request_events: 'requests', info_request_series: 'requests', info_request_fees: 'requests', info_request_appeals: 'requests', info_request_files: 'requests',
  consultations: 'decisions', consultation_comments: 'decisions', consultation_groups: 'decisions', decision_events: 'decisions',
  meetings: 'decisions', meeting_signups: 'decisions', open_days: 'decisions', open_day_signups: 'decisions',
  info_request_letters: 'requests', info_request_letter_series: 'requests', info_request_deliveries: 'requests', info_request_public_replies: 'requests', info_request_downloads: 'requests',
  info_request_consultations: 'requests', info_request_proactive_items: 'requests', info_request_public_reply_files: 'requests', info_request_consultation_series: 'requests',
};
/** Tables every module may read and write: settings (key/value) and job locks. */
export const SHARED_TABLES = new Set(['settings', 'job_locks']);
/** Tables every module may join for reading (every record hangs from a unit; names and the area come from it); only
 * the owner writes them. */
export const SHARED_READ_TABLES = new Set(['units']);

/** `file -> table` for each query in one module on a table another module owns (ledger_* tables are ledger's). */
export function crossModuleTables(srcRoot: string): string[] {
  const out = new Set<string>();
  for (const abs of walk(srcRoot)) {
    const from = relative(srcRoot, abs).split('\\').join('/');
    if (isTestish(from) || !from.includes('/')) continue;
    const fromTop = topOf(from);
    if (KIT_FOLDERS.has(fromTop) && fromTop !== 'db') continue;
    if (fromTop === 'db') continue; // migrations create every table
    const text = readFileSync(abs, 'utf8');
    for (const m of text.matchAll(/\b(selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|with)\(\s*'([a-z_]+)/g)) {
      const table = m[2]!;
      if (SHARED_TABLES.has(table)) continue;
      if (SHARED_READ_TABLES.has(table) && !['insertInto', 'updateTable', 'deleteFrom'].includes(m[1]!)) continue;
      const owner = TABLE_OWNERS[table] ?? (table.startsWith('ledger') || table === 'lead_duty_tasks' ? 'ledger' : table.split('_')[0]!);
      const owners = Array.isArray(owner) ? owner : [owner];
      if (!owners.includes(fromTop) && !from.endsWith('.migrations.ts')) out.add(`${from} -> ${table}`);
    }
  }
  return [...out].sort();
}
