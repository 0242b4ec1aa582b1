// The console menu. Entries come from the modules' `module.ts` (collected by src/app/modules.ts and
// installed once at start with setNavEntries); the layout only renders them.
import { hasRole } from '../auth/policy.js';
import type { Actor } from '../lib/context.js';
import type { Role } from '../db/schema.js';

export type NavEntry = {
  href: string;
  label: string;
  /** Sort key: lower first. */
  order: number;
  /** Roles that see the entry; omitted = every signed-in user. */
  roles?: readonly Role[];
};

export type NavItem = { href: string; label: string };

let entries: NavEntry[] = [];
export function setNavEntries(list: readonly NavEntry[]): void {
  entries = [...list].sort((a, b) => a.order - b.order);
}

export function consoleNav(actor: Actor, unread?: number): NavItem[] {
  if (actor.kind !== 'user') return [];
  const out: NavItem[] = [{ href: '/console', label: '工作台' }];
  for (const e of entries) {
    if (e.roles && !hasRole(actor, e.roles)) continue;
    out.push({ href: e.href, label: e.href === '/console/notifications' && unread ? `${e.label}（${unread}条未读）` : e.label });
  }
  return out;
}
