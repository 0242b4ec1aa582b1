/**
 * Benchmark support: the generated corpus cached as JSON lines under bench/out/, and a database
 * (SQLite file or a fresh PostgreSQL database) holding it as published, proactive info_items.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { bootstrap } from '../../src/bootstrap.js';
import { openDatabase, type DbHandle } from '../../src/db/connect.js';
import { escapeHtml } from '../../src/lib/jsx/jsx-runtime.js';
import { CATEGORIES, type Category } from './categories.js';
import { generateCorpus, type CorpusDoc } from './corpus.js';

export const OUT = new URL('../out/', import.meta.url).pathname;

/** The corpus, generated once and kept in bench/out/corpus-<n>-<seed>.jsonl. */
export function loadCorpus(n: number, seed: number): CorpusDoc[] {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `corpus-${n}-${seed}.jsonl`);
  if (existsSync(file)) {
    // Read as bytes and split on newlines: the file can exceed V8's maximum string length.
    const buf = readFileSync(file);
    const docs: CorpusDoc[] = [];
    for (let start = 0; start < buf.length; ) {
      let end = buf.indexOf(0x0a, start);
      if (end < 0) end = buf.length;
      if (end > start) docs.push(JSON.parse(buf.toString('utf8', start, end)) as CorpusDoc);
      start = end + 1;
    }
    return docs;
  }
  const docs = generateCorpus(n, seed);
  const fd = openSync(file, 'w');
  for (const d of docs) writeSync(fd, `${JSON.stringify(d)}\n`);
  closeSync(fd);
  return docs;
}

/** Corpus categories → the default 公开目录 codes and item types. */
const CATALOG: Record<Category, { code: string; type: 'general' | 'normative' | 'policy' | 'interpretation' | 'penalty' }> = {
  notice: { code: 'zcwj-qtzcwj', type: 'policy' }, plan: { code: 'ghjh', type: 'general' }, publicity: { code: 'qt', type: 'general' },
  interpretation: { code: 'zcjd', type: 'interpretation' }, announcement: { code: 'qt', type: 'general' }, report: { code: 'ghjh', type: 'general' },
  penalty: { code: 'xzzf-cf', type: 'penalty' }, budget: { code: 'czyjs-ys', type: 'general' },
};
void CATEGORIES;

export type BenchDb = DbHandle & { label: string; areaId: number; fresh: boolean; dispose: () => Promise<void> };

/** Opens (creating and loading when needed) the benchmark database for an engine. */
/** `docs` may be null once the database is known to be loaded (the run then frees the corpus before timing). */
export async function openBenchDb(engine: 'sqlite' | 'postgres', docs: readonly CorpusDoc[] | null, tag: string, expected = docs?.length ?? 0): Promise<BenchDb> {
  let handle: DbHandle;
  let label: string;
  if (engine === 'sqlite') {
    const file = join(OUT, `search-${tag}.sqlite`);
    handle = openDatabase({ databaseUrl: `sqlite:${file}`, dataDir: OUT });
    label = file;
  } else {
    const admin = process.env.GONGKAI_BENCH_PG_URL;
    if (!admin) throw new Error('GONGKAI_BENCH_PG_URL is required for the PostgreSQL run');
    const name = `gk_bench_${tag.replace(/\W/g, '_')}`;
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    const exists = (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
    if (!exists) await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    const u = new URL(admin);
    u.pathname = `/${name}`;
    handle = openDatabase({ databaseUrl: u.toString(), dataDir: OUT });
    label = `PostgreSQL database ${name}`;
  }
  // The benchmark measures the rebuild itself, so bootstrap does not start one.
  const { areaId } = await bootstrap(handle, { demo: false, searchIndex: false });
  const have = Number((await handle.db.selectFrom('info_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  let fresh = false;
  if (have !== expected) {
    if (have > 0 || !docs) throw new Error(`${label} holds ${have} items, expected ${expected}: delete it and rerun`);
    await loadItems(handle, areaId, docs);
    fresh = true;
  }
  return { ...handle, label, areaId, fresh, dispose: () => handle.close() };
}

async function loadItems(h: DbHandle, areaId: number, docs: readonly CorpusDoc[]) {
  const units = await h.db.selectFrom('units').select(['id', 'name']).execute();
  const byName = new Map(units.map((u) => [u.name, u.id]));
  const at = new Date().toISOString();
  const t0 = performance.now();
  for (let i = 0; i < docs.length; i += 500) {
    const rows = docs.slice(i, i + 500).map((d) => {
      const c = CATALOG[d.category];
      return {
        area_id: areaId, unit_id: byName.get(d.unit) ?? areaId, index_no: d.id, doc_number: d.docNumber ?? '', title: d.title,
        item_type: c.type, category_code: c.code, topic_code: null,
        body_html: d.body.split('\n').map((p) => `<p>${escapeHtml(p)}</p>`).join(''), body_text: d.body,
        written_on: d.publishedAt, formed_on: d.publishedAt, published_on: d.publishedAt, published_at: `${d.publishedAt}T08:00:00.000Z`,
        attribute: 'proactive' as const, withheld_basis: null, attribute_reason: null, status: 'published' as const, disclosure_days: 20, due_date: null,
        validity: c.type === 'policy' ? ('valid' as const) : null, valid_until: null, replaced_by_id: null, policy_item_id: null, interp_form: null,
        needs_interpretation: 0, interp_exempt_reason: null, next_review_on: null, privacy_json: null, created_by: null, created_at: at, updated_at: at,
      };
    });
    await h.db.transaction().execute(async (tx) => {
      for (let k = 0; k < rows.length; k += 50) await tx.insertInto('info_items').values(rows.slice(k, k + 50)).execute();
    });
    if ((i / 500) % 20 === 0) process.stderr.write(`  loaded ${i + rows.length} items (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
}
