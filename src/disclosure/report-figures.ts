// Figures of the disclosure module for the annual report (政府信息公开工作年度报告): 行政规范性文件 issued,
// repealed/expired and in force; proactive items published by category; interpretations and their
// timeliness; gazette issues; published 行政处罚 decisions. Aggregated in SQL (the district 汇总 covers
// every unit). Read through public.ts only.
import type { Db } from '../db/schema.js';
import { timeliness } from './item-rules.js';

const cstDate = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export type NormativeYear = {
  issued: number;
  repealed: number;
  /** In force on 31 December of the year. */
  inForce: number;
  /** The documents issued, repealed/expired or withdrawn in the year (they explain a change in 现行有效). */
  documents: { id: number; title: string; docNumber: string; what: string }[];
};

/**
 * 行政规范性文件 of the units in the year. 制发 = published in the year; 废止 = repealed (the day of the
 * repeal) or expired (the day after 有效期至) in the year; 现行有效 = published by 31 December and neither
 * repealed nor expired by then (已修改 documents stay in force). Withdrawn documents count nowhere.
 */
export async function normativeCountsForYear(db: Db, unitIds: readonly number[], year: number): Promise<NormativeYear> {
  if (!unitIds.length) return { issued: 0, repealed: 0, inForce: 0, documents: [] };
  const end = `${year}-12-31`;
  const docs = await db.selectFrom('info_items')
    .select(['id', 'title', 'doc_number', 'status', 'published_on', 'validity', 'valid_until', 'updated_at'])
    .where('item_type', '=', 'normative').where('unit_id', 'in', [...unitIds]).where('published_on', 'is not', null)
    .where('published_on', '<=', end).execute();
  const repeals = new Map<number, string>();
  const ids = docs.filter((d) => d.validity === 'repealed').map((d) => d.id);
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('item_history').select(['item_id', 'at']).where('action', '=', 'validity.repeal').where('item_id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) repeals.set(r.item_id, cstDate(r.at));
  }
  const out: NormativeYear = { issued: 0, repealed: 0, inForce: 0, documents: [] };
  for (const d of docs) {
    if (d.status === 'withdrawn') {
      if (cstDate(d.updated_at).startsWith(`${year}-`)) out.documents.push({ id: d.id, title: d.title, docNumber: d.doc_number, what: `${cstDate(d.updated_at)}撤回，不再计入` });
      continue;
    }
    if (d.status !== 'published') continue;
    // The first day the document is no longer in force.
    let endsOn: string | null = null;
    let how = '';
    if (d.validity === 'repealed') { endsOn = repeals.get(d.id) ?? cstDate(d.updated_at); how = '废止'; }
    if (d.valid_until) {
      const exp = nextDay(d.valid_until);
      if (!endsOn || exp < endsOn) { endsOn = exp; how = '有效期届满失效'; }
    }
    const issuedNow = d.published_on!.startsWith(`${year}-`);
    if (issuedNow) { out.issued++; out.documents.push({ id: d.id, title: d.title, docNumber: d.doc_number, what: `${d.published_on}制发` }); }
    if (endsOn && endsOn.startsWith(`${year}-`)) { out.repealed++; out.documents.push({ id: d.id, title: d.title, docNumber: d.doc_number, what: `${endsOn}${how}` }); }
    if (!endsOn || endsOn > end) out.inForce++;
  }
  return out;
}

/** Proactive items published in the year, by top-level catalog category (names as the area's catalog). */
export async function publishedItemsForYear(db: Db, areaId: number, unitIds: readonly number[], year: number): Promise<{ total: number; byCategory: { name: string; count: number }[]; penalties: number }> {
  if (!unitIds.length) return { total: 0, byCategory: [], penalties: 0 };
  const rows = await db.selectFrom('info_items')
    .select((eb) => ['category_code', 'item_type', eb.fn.countAll<number>().as('n')])
    .where('unit_id', 'in', [...unitIds]).where('status', '=', 'published').where('attribute', '=', 'proactive')
    .where('published_on', '>=', `${year}-01-01`).where('published_on', '<=', `${year}-12-31`)
    .groupBy(['category_code', 'item_type']).execute();
  const cats = await db.selectFrom('categories').select(['code', 'name', 'parent_code', 'sort']).where('area_id', '=', areaId).where('tree', '=', 'catalog').execute();
  const byCode = new Map(cats.map((c) => [c.code, c]));
  const top = (code: string) => {
    let c = byCode.get(code);
    for (let guard = 0; c?.parent_code && guard < 10; guard++) c = byCode.get(c.parent_code) ?? c;
    return c;
  };
  const counts = new Map<string, { name: string; count: number; sort: number }>();
  let total = 0;
  let penalties = 0;
  for (const r of rows) {
    const n = Number(r.n);
    total += n;
    if (r.item_type === 'penalty' || r.category_code === 'xzzf-cf') penalties += n;
    const c = top(r.category_code);
    const key = c?.code ?? r.category_code;
    const e = counts.get(key) ?? { name: c?.name ?? '其他', count: 0, sort: c?.sort ?? 9999 };
    e.count += n;
    counts.set(key, e);
  }
  return { total, penalties, byCategory: [...counts.values()].sort((a, b) => a.sort - b.sort).map(({ name, count }) => ({ name, count })) };
}

/** 政策解读 published in the year and whether each met its 3-working-day limit. */
export async function interpretationsForYear(db: Db, unitIds: readonly number[], year: number): Promise<{ published: number; onTime: number; late: number }> {
  if (!unitIds.length) return { published: 0, onTime: 0, late: 0 };
  const rows = await db.selectFrom('info_items').select(['attribute', 'status', 'due_date', 'published_on'])
    .where('item_type', '=', 'interpretation').where('unit_id', 'in', [...unitIds]).where('status', '=', 'published').where('attribute', '=', 'proactive')
    .where('published_on', '>=', `${year}-01-01`).where('published_on', '<=', `${year}-12-31`).execute();
  let onTime = 0;
  let late = 0;
  for (const r of rows) {
    const t = timeliness(r, `${year}-12-31`);
    if (t === 'late') late++;
    else onTime++;
  }
  return { published: rows.length, onTime, late };
}

/** Published 政府公报 issues of the area in the year. */
export async function gazetteIssuesForYear(db: Db, areaId: number, year: number): Promise<number> {
  const r = await db.selectFrom('gazette_issues').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('area_id', '=', areaId).where('status', '=', 'published').where('year', '=', year).executeTakeFirst();
  return Number(r?.n ?? 0);
}
