// First-start work: migrations, the default organisation, demo accounts (printed once).
import type { DbHandle } from './db/connect.js';
import { migrateToLatest } from './app/migrations.js';
import { systemActor, type Ctx } from './lib/context.js';
import { nowIso } from './lib/time.js';
import { createUser, ensureDefaultOrg } from './org/public.js';
import { isAdminRole } from './auth/policy.js';
import { ensureCalendarSeeded } from './calendar/public.js';
import { ensureDefaultCategories } from './disclosure/public.js';
import { readFileSync } from 'node:fs';
import { importPlan } from './plan/public.js';
import { rebuildIndex } from './search/public.js';
import { withLock } from './jobs/jobs.js';

export const DEFAULT_PLAN_FILE = new URL('../data/plans/linzi-2022.txt', import.meta.url);

export type DemoAccount = { username: string; role: string; unit: string; password: string };

/** The hint printed when the admin account exists but its password was never shown (first start interrupted). */
export const resetPasswordHint = (username: string) =>
  `管理员账号 ${username} 已存在，但首次启动被中断，初始密码未能显示。请运行 \`npx gongkai user reset-password ${username}\` 设置新密码。`
  + ` / The account ${username} exists but the first start was interrupted before its password was shown: run \`npx gongkai user reset-password ${username}\`.`;

/**
 * Runs the first-start work. Several processes may start at once (nodes on one PostgreSQL, a CLI
 * beside the server): migrations are serialised by the migrator, and everything after them runs
 * once, under the `bootstrap` database lock, each step idempotent, so a start killed half-way is
 * resumed by the next one. `notes` are lines for the operator (e.g. how to get an admin password).
 */
export async function bootstrap(handle: DbHandle, opts: { demo: boolean; plan?: boolean; searchIndex?: boolean; log?: (line: string) => void }): Promise<{ demo: DemoAccount[]; areaId: number; notes: string[] }> {
  const log = opts.log ?? (() => {});
  const applied = await migrateToLatest(handle.db, handle.dialect);
  if (applied.length) log(`数据库迁移完成：${applied.join(', ')}`);
  const ctx: Ctx = { db: handle.db, dialect: handle.dialect, actor: systemActor('初始化') };
  const demo: DemoAccount[] = [];
  const notes: string[] = [];
  const held = await withLock(handle.db, 'bootstrap', async () => {
    const areaId = await ensureDefaultOrg(handle.db);
    await ensureCalendarSeeded(handle.db);
    await ensureDefaultCategories(handle.db, areaId);
    if (opts.demo && !(await setting(handle, 'demo_accounts_created'))) {
      const finance = await handle.db.selectFrom('units').select(['id', 'name']).where('area_id', '=', areaId).where('name', '=', '区财政局').executeTakeFirstOrThrow();
      const specs = [
        { username: 'admin', displayName: '政务公开办管理员', role: 'admin', unitId: areaId, unit: '临淄区' },
        { username: 'operator', displayName: '财政局联络员', role: 'unit_operator', unitId: finance.id, unit: finance.name },
        { username: 'reviewer', displayName: '财政局分管领导', role: 'unit_reviewer', unitId: finance.id, unit: finance.name },
        { username: 'auditor', displayName: '审计员', role: 'auditor', unitId: areaId, unit: '临淄区' },
      ];
      for (const s of specs) {
        // Created by a start that was killed before it finished: keep it (its password was never shown).
        if (await handle.db.selectFrom('users').select('id').where('username', '=', s.username).executeTakeFirst()) {
          if (isAdminRole(s.role)) notes.push(resetPasswordHint(s.username));
          continue;
        }
        // Demo accounts print their (policy-compliant) password once and need no first-login change.
        const { password } = await createUser(ctx, { ...s, mustChangePassword: false });
        demo.push({ username: s.username, role: s.role, unit: s.unit, password });
      }
      await markSetting(handle, 'demo_accounts_created', nowIso());
    }
    if (opts.plan && !(await setting(handle, 'default_plan_loaded'))) {
      // Re-importing the same plan updates it in place, so a start killed after the import but before the mark is harmless.
      const r = await importPlan(ctx, readFileSync(DEFAULT_PLAN_FILE), 'linzi-2022.txt');
      await markSetting(handle, 'default_plan_loaded', String(r.planId));
      log(`已载入默认工作方案：${r.preview.plan.title}（${r.tasks} 项任务）`);
    }
    return areaId;
  }, { waitMs: 15 * 60_000 });
  if (!held.ran) throw new Error('等待其他进程完成初始化超时 / timed out waiting for another process to finish the first-start work');
  // A migration may have emptied the full-text index (its structure changed): rebuild it before serving (own lock).
  if (opts.searchIndex !== false) await rebuildIndex(handle.db, handle.dialect, { log });
  return { demo, areaId: held.value, notes };
}

const setting = async (handle: DbHandle, key: string) =>
  (await handle.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value ?? null;
const markSetting = (handle: DbHandle, key: string, value: string) =>
  handle.db.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doNothing()).execute();

/**
 * The cookie signing secret every node uses when SESSION_SECRET is not set: kept in the database
 * (settings.session_secret), created once by whichever node comes first (insert-if-absent, so a race
 * has one winner), seeded with this node's generated file secret so a single-node install keeps
 * its sessions across the upgrade.
 */
export async function sharedSessionSecret(handle: DbHandle, seed: string): Promise<string> {
  await handle.db.insertInto('settings').values({ key: 'session_secret', value: seed }).onConflict((oc) => oc.column('key').doNothing()).execute();
  return (await handle.db.selectFrom('settings').select('value').where('key', '=', 'session_secret').executeTakeFirstOrThrow()).value;
}

export function printDemoAccounts(demo: DemoAccount[], print: (s: string) => void = console.log): void {
  if (!demo.length) return;
  print('\n演示账号（密码只显示这一次，请妥善保存） / demo accounts (passwords shown once):');
  for (const d of demo) print(`  ${d.username.padEnd(10)} ${d.password}   角色 ${d.role}，单位 ${d.unit}`);
  print('');
}
