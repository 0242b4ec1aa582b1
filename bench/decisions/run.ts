/**
 * A consultation with N comments (default 10,000), a third of them a campaign with small variations
 * (a few characters inserted, deleted or replaced, punctuation and suffixes changed), the rest distinct
 * comments built from the same topic vocabulary. Measures, in one run:
 *   - grouping: MinHash/LSH (groupComments) vs the all-pairs Jaccard baseline (naiveGroups), and their
 *     agreement (pairwise precision/recall of LSH against the baseline and against the planted campaign);
 *   - `regroup` end to end (read, group, write groups) on the database;
 *   - the public consultation page (paged, groups shown once) p50/p95 over 200 requests, and a naive
 *     page that lists every published comment, in the same run.
 *
 *   node --import tsx bench/decisions/run.ts [comments=10000]
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { setNowForTests } from '../../src/lib/time.js';
import { createHarness } from '../../src/test-support/harness.js';
import * as svc from '../../src/decisions/consultations.service.js';
import { groupComments, naiveGroups, pairAgreement } from '../../src/decisions/pure/grouping.js';
import { normalizeComment } from '../../src/decisions/pure/normalize.js';

const N = Number(process.argv[2] ?? 10_000);
let seed = 42;
const rnd = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 4294967296; };
const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;

const TEMPLATE = '我们坚决反对在老城区取消路边停车位。老城区道路狭窄，小区没有地下车库，居民停车本来就非常困难，取消车位会让老人看病、孩子上学都更不方便。请政府充分考虑居民的实际困难，保留现有车位，并在周边增建立体停车场。';
const HAN = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质';
const TOPICS = ['停车', '充电桩', '公交', '学校', '医院', '公园', '垃圾分类', '养老', '电梯', '绿化', '噪音', '夜市'];
const distinct = (i: number) => {
  let s = `关于${pick(TOPICS)}的意见（${i}）：`;
  const len = 30 + Math.floor(rnd() * 120);
  for (let k = 0; k < len; k++) s += HAN[Math.floor(rnd() * HAN.length)];
  return `${s}。建议${pick(TOPICS)}方面${pick(['加强管理', '增加投入', '听取意见', '尽快落实', '分步实施'])}。`;
};
const variation = () => {
  const chars = [...TEMPLATE];
  const edits = Math.floor(rnd() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rnd() * chars.length);
    const op = rnd();
    if (op < 0.33) chars.splice(at, 1);
    else if (op < 0.66) chars.splice(at, 0, HAN[Math.floor(rnd() * HAN.length)]!);
    else chars[at] = HAN[Math.floor(rnd() * HAN.length)]!;
  }
  return chars.join('') + pick(['', '', '谢谢！', '！！', ' 望采纳。', '（小区居民）']);
};

setNowForTests(new Date('2026-12-01T04:00:00Z'));
// Naive baseline page: every published comment loaded and rendered as one list, no paging, no grouping.
let naiveDb: Awaited<ReturnType<typeof createHarness>>['tdb']['db'] | null = null;
const h = await createHarness({
  extraRoutes: (app) => app.get('/bench/naive/:id', async (req, reply) => {
    const rows = await naiveDb!.selectFrom('consultation_comments').select(['id', 'shown_text']).where('consultation_id', '=', Number((req.params as { id: string }).id)).where('status', '=', 'published').orderBy('id').execute();
    return reply.type('text/html').send(`<ol>${rows.map((r) => `<li>${r.id} ${String(r.shown_text).replace(/[<&]/g, '')}</li>`).join('')}</ol>`);
  }),
});
naiveDb = h.tdb.db;
try {
  const c = await svc.createConsultation(h.ctx, { title: '基准：城区停车管理', kind: 'other', unit: '区财政局', opensOn: '2026-11-01', closesOn: '2026-12-31' });
  const campaignIds = new Set<number>();
  const texts: { text: string; campaign: boolean }[] = [];
  for (let i = 0; i < N; i++) texts.push(i % 3 === 0 ? { text: variation(), campaign: true } : { text: distinct(i), campaign: false });
  const t0 = performance.now();
  // Setup writes rows in batches (the public endpoint is measured by the tests, not here).
  for (let i = 0; i < texts.length; i += 500) {
    const rows = await h.tdb.db.insertInto('consultation_comments').values(texts.slice(i, i + 500).map((t) => ({
      consultation_id: c.id, received_at: '2026-11-15T00:00:00.000Z', name: null, contact: null, section: null, text: t.text, norm_text: normalizeComment(t.text),
      status: 'published' as const, shown_text: t.text, publish_mode: 'verbatim' as const, withheld_reason: null, group_id: null, disposition: null, reason: null, topic: null, moderated_at: null, moderated_by: null,
    }))).returning('id').execute();
    rows.forEach((r, k) => { if (texts[i + k]!.campaign) campaignIds.add(r.id); });
  }
  await svc.recount(h.tdb.db, c.id); // the bulk load bypassed the service that keeps the counters
  console.log(`${N} comments (${campaignIds.size} campaign variations) inserted in ${Math.round(performance.now() - t0)} ms; engine ${h.tdb.dialect}`);

  const items = await h.tdb.db.selectFrom('consultation_comments').select(['id', 'norm_text as norm']).where('consultation_id', '=', c.id).orderBy('id').execute();
  const time = <T>(f: () => T): [T, number] => { const s = performance.now(); const r = f(); return [r, performance.now() - s]; };
  const truthOf = (ids: Set<number>) => ({ groups: [[...ids].sort((a, b) => a - b)] });
  const largest = (g: { groups: number[][] }) => Math.max(0, ...g.groups.map((x) => x.length));
  const [fast, tFast] = time(() => groupComments(items));
  const vsTruth = pairAgreement(fast, truthOf(campaignIds));
  console.log(`grouping ${items.length}, MinHash/LSH:         ${tFast.toFixed(0).padStart(7)} ms  groups ${fast.groups.length}, largest ${largest(fast)}; vs planted campaign precision ${vsTruth.precision.toFixed(4)} recall ${vsTruth.recall.toFixed(4)}`);
  // The all-pairs baseline is quadratic: on the first NAIVE_MAX comments (same mix), with LSH on the same subset.
  const NAIVE_MAX = Number(process.env.NAIVE_MAX ?? 3000);
  const sub = items.slice(0, NAIVE_MAX);
  const subTruth = truthOf(new Set(sub.map((x) => x.id).filter((id) => campaignIds.has(id))));
  const [fastSub, tFastSub] = time(() => groupComments(sub));
  const [naive, tNaive] = time(() => naiveGroups(sub));
  const vsNaive = pairAgreement(fastSub, naive);
  const naiveVsTruth = pairAgreement(naive, subTruth);
  console.log(`grouping ${sub.length}, MinHash/LSH:         ${tFastSub.toFixed(0).padStart(7)} ms  vs all-pairs precision ${vsNaive.precision.toFixed(4)} recall ${vsNaive.recall.toFixed(4)}`);
  console.log(`grouping ${sub.length}, all-pairs (naive):   ${tNaive.toFixed(0).padStart(7)} ms  groups ${naive.groups.length}, largest ${largest(naive)}; vs planted campaign precision ${naiveVsTruth.precision.toFixed(4)} recall ${naiveVsTruth.recall.toFixed(4)}; ×${((items.length / sub.length) ** 2).toFixed(1)} for ${items.length} ≈ ${Math.round(tNaive * (items.length / sub.length) ** 2 / 1000)} s`);
  const r0 = performance.now();
  const rg = await svc.regroup(h.ctx, c.id);
  console.log(`regroup end to end (read, group, write ${rg.groups} groups / ${rg.grouped} comments): ${Math.round(performance.now() - r0)} ms`);

  const grp = await h.tdb.db.selectFrom('consultation_groups').select(['id', 'size']).where('consultation_id', '=', c.id).orderBy('size', 'desc').executeTakeFirstOrThrow();
  for (const action of [{ action: 'withhold', reason: 'duplicate_submission' }, { action: 'verbatim' }]) {
    const s = performance.now();
    await svc.moderateGroup(h.ctx, grp.id, action);
    console.log(`moderate the campaign group (${grp.size} comments) ${action.action}: ${Math.round(performance.now() - s)} ms`);
  }
  if (h.tdb.dialect === 'postgres') {
    // The bulk load and regroup rewrote every row; autovacuum would now refresh the visibility map and statistics.
    await sql`vacuum analyze consultation_comments`.execute(h.tdb.db);
    await sql`vacuum analyze consultations`.execute(h.tdb.db);
    console.log('postgres: vacuum analyze after the load (what autovacuum does next)');
  }
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
  const bench = async (label: string, urls: string[], n: number) => {
    for (let i = 0; i < 5; i++) await h.app.inject({ method: 'GET', url: urls[0]! });
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      const r = await h.app.inject({ method: 'GET', url: urls[i % urls.length]! });
      ms.push(performance.now() - s);
      if (r.statusCode !== 200) throw new Error(`${urls[i % urls.length]}: ${r.statusCode}`);
    }
    console.log(`${label.padEnd(52)} p50 ${pct(ms, 0.5).toFixed(1).padStart(6)} ms   p95 ${pct(ms, 0.95).toFixed(1).padStart(6)} ms   (${n} requests)`);
  };
  const pages = Math.ceil((N - rg.grouped + rg.groups) / svc.PAGE_SIZE);
  await bench('public page /consultations/:id (first page)', [`/consultations/${c.id}`], 200);
  await bench(`public page, pages 1…${pages} round robin`, Array.from({ length: Math.min(pages, 100) }, (_, i) => `/consultations/${c.id}?page=${i + 1}`), 200);
  await bench('GET /api/v1/public/consultations/:id (counters)', [`/api/v1/public/consultations/${c.id}`], 200);
  await bench('naive page: all published comments, no paging', [`/bench/naive/${c.id}`], 40);
} catch (e) {
  console.error(e);
} finally {
  await h.close();
}
