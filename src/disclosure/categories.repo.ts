// SQL for the catalog and topic trees.
import type { Db } from '../db/schema.js';
import { DEFAULT_CATALOG, DEFAULT_TOPICS, flattenCategories } from './category-defaults.js';

export type CategoryTree = 'catalog' | 'topic';

/** Seeds the default trees for an area; existing codes are left as the admin edited them. Idempotent. */
export async function ensureDefaultCategories(db: Db, areaId: number): Promise<void> {
  const have = await db.selectFrom('categories').select(['tree', 'code']).where('area_id', '=', areaId).execute();
  const known = new Set(have.map((c) => `${c.tree}:${c.code}`));
  const rows = ([['catalog', DEFAULT_CATALOG], ['topic', DEFAULT_TOPICS]] as const).flatMap(([tree, seeds]) =>
    flattenCategories(seeds).filter((c) => !known.has(`${tree}:${c.code}`)).map((c) => ({ ...c, tree, area_id: areaId })));
  if (!rows.length) return;
  await db.insertInto('categories').values(rows)
    .onConflict((oc) => oc.columns(['area_id', 'tree', 'code']).doNothing()).execute();
}

export const listCategories = (db: Db, areaId: number, tree: CategoryTree) =>
  db.selectFrom('categories').selectAll().where('area_id', '=', areaId).where('tree', '=', tree).orderBy('sort').orderBy('id').execute();

export const findCategory = (db: Db, areaId: number, tree: CategoryTree, code: string) =>
  db.selectFrom('categories').selectAll().where('area_id', '=', areaId).where('tree', '=', tree).where('code', '=', code).executeTakeFirst();

/** Tree order with depth, for indented pickers. */
export function treeOrder<T extends { code: string; parent_code: string | null; sort: number }>(rows: T[]): (T & { depth: number })[] {
  const byParent = new Map<string | null, T[]>();
  for (const r of rows) {
    const parent = r.parent_code && rows.some((x) => x.code === r.parent_code) ? r.parent_code : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), r]);
  }
  const out: (T & { depth: number })[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const r of (byParent.get(parent) ?? []).sort((a, b) => a.sort - b.sort)) {
      if (out.some((x) => x.code === r.code)) continue;
      out.push({ ...r, depth });
      walk(r.code, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
