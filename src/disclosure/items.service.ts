// Information items: drafting, editing, listing and reading, with authorisation first.
import { requireUser } from '../auth/policy.js';
import { getCalendar } from '../calendar/public.js';
import type { Db } from '../db/schema.js';
import type { Ctx } from '../lib/context.js';
import { conflict, invalid } from '../lib/errors.js';
import { nowIso, todayCst } from '../lib/time.js';
import { parseInput } from '../lib/validate.js';
import { actorArea } from '../org/public.js';
import { ensureDefaultCategories, listCategories, treeOrder, type CategoryTree } from './categories.repo.js';
import { itemInput, listQuery, type ItemInput } from './disclosure.schema.js';
import { itemColumns, resolveUnit, type Env } from './item-fields.js';
import { recordChange, snapshot } from './item-history.js';
import { draftableUnitsOf, listingUnit, requireDrafter, requireItemWriter, requireReadable } from './item-policy.js';
import { formatIndexNo, timeliness } from './item-rules.js';
import * as repo from './items.repo.js';

export const PAGE_SIZE = 50;

/** Everything a change needs from ctx.db, gathered before its transaction opens. */
export async function prepareEnv(ctx: Ctx, areaId?: number): Promise<Env> {
  const area = areaId ?? (await actorArea(ctx));
  await ensureDefaultCategories(ctx.db, area);
  return { areaId: area, cal: await getCalendar(ctx.db, area), today: todayCst() };
}

/** Inserts a draft (index number taken in this transaction) and records it. */
export async function insertDraft(tx: Db, ctx: Ctx, env: Env, input: ItemInput, note?: string): Promise<repo.ItemRow> {
  const unit = await resolveUnit(tx, ctx, env, input.unitId);
  requireItemWriter(ctx.actor, { area_id: env.areaId, unit_id: unit.id });
  const cols = await itemColumns(tx, ctx, env, input);
  const year = Number(cols.formed_on!.slice(0, 4));
  const indexNo = formatIndexNo(unit.code, year, await repo.nextSerial(tx, unit.id, year));
  const at = nowIso();
  const id = await repo.insertItem(tx, {
    ...(cols as Required<typeof cols>),
    area_id: env.areaId, unit_id: unit.id, index_no: indexNo, status: 'draft',
    published_on: null, published_at: null, replaced_by_id: null, interp_exempt_reason: null, next_review_on: null,
    privacy_json: null, created_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null, created_at: at, updated_at: at,
  });
  const item = (await repo.findItem(tx, id))!;
  await recordChange(tx, ctx, item, { action: 'create', note: note ? `索引号 ${indexNo}；${note}` : `索引号 ${indexNo}` });
  return item;
}

export async function createItem(ctx: Ctx, raw: unknown): Promise<number> {
  requireDrafter(ctx.actor);
  const input = parseInput(itemInput, raw);
  const env = await prepareEnv(ctx);
  return ctx.db.transaction().execute(async (tx) => (await insertDraft(tx, ctx, env, input)).id);
}

/**
 * A draft proposed by another module (e.g. 依申请公开 → 主动公开, 条例第四十四条): the same checks as a staff
 * draft; `source` is written into the item's history line (where it came from), and `then` runs in the same
 * transaction so the caller's own records (links, audit) and the draft are written together or not at all.
 */
export async function createProposedDraft(ctx: Ctx, raw: unknown, source: string, then?: (tx: Db, itemId: number) => Promise<void>): Promise<number> {
  requireDrafter(ctx.actor);
  const input = parseInput(itemInput, raw);
  const env = await prepareEnv(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const item = await insertDraft(tx, ctx, env, input, source);
    if (then) await then(tx, item.id);
    return item.id;
  });
}

export const EDITABLE = ['draft', 'returned'] as const;

export async function updateItem(ctx: Ctx, id: number, raw: unknown): Promise<void> {
  const found = requireReadable(ctx.actor, await repo.findItem(ctx.db, id));
  requireItemWriter(ctx.actor, found);
  const input = parseInput(itemInput, raw);
  if (input.unitId !== undefined && input.unitId !== found.unit_id) throw invalid({ unitId: '发布机构在新建后不能更改（索引号按单位编制）' });
  const env = await prepareEnv(ctx, found.area_id);
  await ctx.db.transaction().execute(async (tx) => {
    const before = (await repo.findItem(tx, id))!;
    if (!(EDITABLE as readonly string[]).includes(before.status)) throw conflict('not_editable', '只有草稿或被退回的信息可以修改');
    const cols = await itemColumns(tx, ctx, env, input, before);
    await repo.updateItem(tx, id, { ...cols, updated_at: nowIso() });
    const after = (await repo.findItem(tx, id))!;
    await recordChange(tx, ctx, after, {
      action: 'update', before: snapshot(before), after: { ...snapshot(after), body_changed: before.body_html !== after.body_html },
    });
  });
}

/** Unit users see their unit's items; the admin and the auditor every item of the area. */
export async function listItems(ctx: Ctx, rawQuery: unknown) {
  const actor = requireUser(ctx.actor);
  const q = parseInput(listQuery, rawQuery);
  const page = q.page ?? 1;
  const filter = {
    areaId: actor.areaId,
    unitId: listingUnit(actor),
    status: q.status, itemType: q.itemType, attribute: q.attribute, q: q.q,
  };
  const [rows, total] = await Promise.all([
    repo.listItems(ctx.db, { ...filter, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    repo.countItems(ctx.db, filter),
  ]);
  const today = todayCst();
  return { query: q, page, total, pageSize: PAGE_SIZE, rows: rows.map((r) => ({ ...r, timeliness: timeliness(r, today) })) };
}

/** The item, when the actor may edit it now (403 for other roles, 409 once submitted). */
export async function requireEditable(ctx: Ctx, id: number): Promise<repo.ItemRow> {
  const item = requireReadable(ctx.actor, await repo.findItem(ctx.db, id));
  requireItemWriter(ctx.actor, item);
  if (!(EDITABLE as readonly string[]).includes(item.status)) throw conflict('not_editable', '只有草稿或被退回的信息可以修改');
  return item;
}

export async function getItem(ctx: Ctx, id: number): Promise<repo.ItemRow> {
  return requireReadable(ctx.actor, await repo.findItem(ctx.db, id));
}

/** The category trees of the actor's area in tree order (seeded on first use). */
export async function categoryOptions(ctx: Ctx, tree: CategoryTree) {
  const areaId = await actorArea(ctx);
  await ensureDefaultCategories(ctx.db, areaId);
  return treeOrder(await listCategories(ctx.db, areaId, tree));
}

/** Units the actor may draft for (the admin: every unit of the area including the district itself). */
export async function draftableUnits(ctx: Ctx) {
  const actor = requireUser(ctx.actor);
  const rows = await ctx.db.selectFrom('units').select(['id', 'name', 'code', 'area_id'])
    .where((eb) => eb.or([eb('area_id', '=', actor.areaId), eb('id', '=', actor.areaId)])).orderBy('sort').orderBy('id').execute();
  return draftableUnitsOf(actor, rows);
}

/** Policy documents an interpretation may be linked to: the actor's readable normative/policy items plus public ones. */
export async function policyOptions(ctx: Ctx) {
  const actor = requireUser(ctx.actor);
  const rows = await ctx.db.selectFrom('info_items').select(['id', 'unit_id', 'area_id', 'index_no', 'title', 'status', 'attribute'])
    .where('area_id', '=', actor.areaId).where('item_type', 'in', ['normative', 'policy']).where('status', '!=', 'withdrawn')
    .orderBy('id', 'desc').limit(500).execute();
  const unit = listingUnit(actor);
  return rows.filter((r) => unit === undefined || r.unit_id === unit || (r.status === 'published' && r.attribute === 'proactive'));
}

