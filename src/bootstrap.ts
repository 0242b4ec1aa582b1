// First-start work: migrations, the default organisation, demo accounts (printed once).
import type { DbHandle } from './db/connect.js';
import { migrateToLatest } from './app/migrations.js';
import { systemActor, type Ctx } from './lib/context.js';
import { nowIso } from './lib/time.js';
import { createUser, ensureDefaultOrg } from './org/public.js';
import { ensureCalendarSeeded } from './calendar/public.js';
import { ensureDefaultCategories } from './disclosure/public.js';
import { readFileSync } from 'node:fs';
import { importPlan } from './plan/public.js';
import { rebuildIndex } from './search/public.js';

export const DEFAULT_PLAN_FILE = new URL('../data/plans/linzi-2022.txt', import.meta.url);

export type DemoAccount = { username: string; role: string; unit: string; password: string };

export async function bootstrap(handle: DbHandle, opts: { demo: boolean; plan?: boolean; searchIndex?: boolean; log?: (line: string) => void }): Promise<{ demo: DemoAccount[]; areaId: number }> {
  const log = opts.log ?? (() => {});
  const applied = await migrateToLatest(handle.db, handle.dialect);
  if (applied.length) log(`数据库迁移完成：${applied.join(', ')}`);
  const areaId = await ensureDefaultOrg(handle.db);
  await ensureCalendarSeeded(handle.db);
  await ensureDefaultCategories(handle.db, areaId);
  // A migration may have emptied the full-text index (its structure changed): rebuild it before serving.
  if (opts.searchIndex !== false) await rebuildIndex(handle.db, handle.dialect, { log });
  const ctx: Ctx = { db: handle.db, dialect: handle.dialect, actor: systemActor('初始化') };
  const demo: DemoAccount[] = [];
  if (opts.demo) {
    const done = await handle.db.selectFrom('settings').select('value').where('key', '=', 'demo_accounts_created').executeTakeFirst();
    if (!done) {
      const finance = await handle.db.selectFrom('units').select(['id', 'name']).where('area_id', '=', areaId).where('name', '=', '区财政局').executeTakeFirstOrThrow();
      const specs = [
        { username: 'admin', displayName: '政务公开办管理员', role: 'admin', unitId: areaId, unit: '临淄区' },
        { username: 'operator', displayName: '财政局联络员', role: 'unit_operator', unitId: finance.id, unit: finance.name },
        { username: 'reviewer', displayName: '财政局分管领导', role: 'unit_reviewer', unitId: finance.id, unit: finance.name },
        { username: 'auditor', displayName: '审计员', role: 'auditor', unitId: areaId, unit: '临淄区' },
      ];
      for (const s of specs) {
        // Demo accounts print their (policy-compliant) password once and need no first-login change.
        const { password } = await createUser(ctx, { ...s, mustChangePassword: false });
        demo.push({ username: s.username, role: s.role, unit: s.unit, password });
      }
      await handle.db.insertInto('settings').values({ key: 'demo_accounts_created', value: nowIso() }).execute();
    }
  }
  if (opts.plan) {
    const done = await handle.db.selectFrom('settings').select('value').where('key', '=', 'default_plan_loaded').executeTakeFirst();
    if (!done) {
      const r = await importPlan(ctx, readFileSync(DEFAULT_PLAN_FILE), 'linzi-2022.txt');
      await handle.db.insertInto('settings').values({ key: 'default_plan_loaded', value: String(r.planId) }).execute();
      log(`已载入默认工作方案：${r.preview.plan.title}（${r.tasks} 项任务）`);
    }
  }
  return { demo, areaId };
}

export function printDemoAccounts(demo: DemoAccount[], print: (s: string) => void = console.log): void {
  if (!demo.length) return;
  print('\n演示账号（密码只显示这一次，请妥善保存） / demo accounts (passwords shown once):');
  for (const d of demo) print(`  ${d.username.padEnd(10)} ${d.password}   角色 ${d.role}，单位 ${d.unit}`);
  print('');
}
