// The admin edits the catalog and topic trees (codes are permanent once items use them; names may change).
import { z } from 'zod';
import { writeAudit } from '../audit/public.js';
import { requireAdmin } from '../auth/policy.js';
import type { Ctx } from '../lib/context.js';
import { invalid, notFound } from '../lib/errors.js';
import { optionalText, parseInput, text } from '../lib/validate.js';
import { actorArea } from '../org/public.js';
import { ensureDefaultCategories, findCategory } from './categories.repo.js';
import { bumpGeneration } from '../search/public.js';

const categoryInput = z.object({
  tree: z.enum(['catalog', 'topic'], { error: '请选择分类树' }),
  code: text('代码', { max: 40 }).refine((s) => /^[a-z0-9-]+$/.test(s), '代码只能包含小写字母、数字和连字符'),
  name: text('名称', { max: 40 }),
  parentCode: optionalText('上级', 40),
});
const renameInput = z.object({ tree: z.enum(['catalog', 'topic'], { error: '请选择分类树' }), code: text('代码', { max: 40 }), name: text('名称', { max: 40 }) });

export async function addCategory(ctx: Ctx, raw: unknown): Promise<void> {
  requireAdmin(ctx.actor);
  const input = parseInput(categoryInput, raw);
  const areaId = await actorArea(ctx);
  await ensureDefaultCategories(ctx.db, areaId);
  await ctx.db.transaction().execute(async (tx) => {
    if (await findCategory(tx, areaId, input.tree, input.code)) throw invalid({ code: '该代码已存在' });
    if (input.parentCode && !(await findCategory(tx, areaId, input.tree, input.parentCode))) throw invalid({ parentCode: '上级分类不存在' });
    const last = await tx.selectFrom('categories').select((eb) => eb.fn.max('sort').as('m')).where('area_id', '=', areaId).where('tree', '=', input.tree).executeTakeFirst();
    const row = { area_id: areaId, tree: input.tree, code: input.code, name: input.name, parent_code: input.parentCode ?? null, sort: Number(last?.m ?? 0) + 1 };
    await tx.insertInto('categories').values(row).execute();
    await writeAudit(tx, ctx, { action: 'category.create', entity: 'category', entityId: `${input.tree}:${input.code}`, after: row, areaId });
    await bumpGeneration(tx); // the portal's catalog: its caches (on every node) key on this
  });
}

export async function renameCategory(ctx: Ctx, raw: unknown): Promise<void> {
  requireAdmin(ctx.actor);
  const input = parseInput(renameInput, raw);
  const areaId = await actorArea(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const before = await findCategory(tx, areaId, input.tree, input.code);
    if (!before) throw notFound('分类');
    await tx.updateTable('categories').set({ name: input.name }).where('id', '=', before.id).execute();
    await writeAudit(tx, ctx, { action: 'category.rename', entity: 'category', entityId: `${input.tree}:${input.code}`, before: { name: before.name }, after: { name: input.name }, areaId });
    await bumpGeneration(tx);
  });
}
