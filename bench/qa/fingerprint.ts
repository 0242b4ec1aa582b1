/**
 * 政策问答 ranking fingerprint and in-process CPU timing (for speed work that must not change rankings).
 *
 *   GONGKAI_TEST_DB=sqlite npx tsx bench/qa/fingerprint.ts [--set dev|judged] [--clauses N] [--time R] [--out FILE]
 *
 * For every question of the set (answerable, unanswerable, curated paraphrases) it prints the full answer
 * list (kind, entry, item, article, score), the abstention and confidence, the nearest documents, and the
 * engine's candidates before the live check (entries and clauses with their figures at full precision).
 * The dump goes to FILE (default bench/scratch/fingerprint-<set>-<clauses>.txt); stdout gets two hashes:
 * `exact` (figures as computed) and `rounded` (figures rounded to 1e-6). Compare dumps with diff.
 * --clauses N (judged set only) adds the synthetic documents of bench/qa/run.ts up to N clauses (same seed).
 * --time R: afterwards, R rounds over every question timing the in-process work only (analysis, candidates,
 * rankAnswers with the states read beforehand; CPU time of this thread), plus the database reads per answer.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadavg } from 'node:os';
import { bootstrap } from '../../src/bootstrap.js';
import { createTestDb } from '../../src/db/test-db.js';
import { systemActor, type Ctx } from '../../src/lib/context.js';
import { insertItem } from '../../src/search/search.fixtures.js';
import { reindexClauses } from '../../src/qa/clause-index.js';
import { answerQuestion, clearEngineCache, engineFor, rankAnswers } from '../../src/qa/engine.js';
import { createEntry } from '../../src/qa/entries.service.js';
import { documentStates, inForceToday, type DocState } from '../../src/disclosure/public.js';
import { todayCst } from '../../src/lib/time.js';
import { POLICIES } from './policies.js';
import { ENTRIES, QUESTIONS, UNANSWERABLE } from './questions.js';
import { DEV_POLICIES } from './dev/policies.js';
import { DEV_ENTRIES, DEV_QUESTIONS, DEV_UNANSWERABLE } from './dev/questions.js';

const args = process.argv.slice(2);
const val = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const setName = val('--set') ?? 'judged';
const SCALE = Number(val('--clauses') ?? 0);
const ROUNDS = Number(val('--time') ?? 0);
const set = setName === 'dev'
  ? { policies: DEV_POLICIES, questions: DEV_QUESTIONS, unanswerable: DEV_UNANSWERABLE, entries: DEV_ENTRIES }
  : { policies: POLICIES, questions: QUESTIONS, unanswerable: UNANSWERABLE, entries: ENTRIES };
const out = val('--out') ?? `bench/scratch/fingerprint-${setName}-${SCALE}.txt`;
const UNITS: Record<string, string> = { 区卫生健康局: '区卫健局', 区教育和体育局: '区教体局', 区人力资源和社会保障局: '区人社局', 区民政局: '区民政局', 区住房和城乡建设局: '区住建局', 区市场监督管理局: '区市场监管局', 区退役军人事务局: '区退役军人局' };

const tdb = await createTestDb();
const { areaId } = await bootstrap(tdb, { demo: false });
const ctx: Ctx = { db: tdb.db, dialect: tdb.dialect, actor: systemActor('基准测试') };
const unitId = async (name: string) => (await tdb.db.selectFrom('units').select('id').where('name', '=', UNITS[name] ?? name).executeTakeFirst())?.id ?? areaId;
const idOf = new Map<string, number>();
for (const p of set.policies) {
  idOf.set(p.key, await insertItem(tdb.db, tdb.dialect, {
    area_id: areaId, unit_id: await unitId(p.unit), title: p.title, body_text: p.body.join('\n'), item_type: p.type, doc_number: p.docNumber,
    validity: p.type === 'normative' ? p.validity ?? 'valid' : null, category_code: p.type === 'normative' ? 'zcwj-gfxwj' : 'zcwj',
  }));
}
await reindexClauses(ctx);
for (const e of set.entries) await createEntry(ctx, { question: e.question, altQuestions: e.alt, answer: e.answer, sources: [{ itemId: idOf.get(e.doc)!, article: e.article }], status: 'published' });

if (SCALE > 0) {
  // The synthetic documents of bench/qa/run.ts (same generator and seed).
  const base = Number((await tdb.db.selectFrom('qa_clauses').select((eb) => eb.fn.countAll<number>().as('n')).where('article', '>', 0).executeTakeFirstOrThrow()).n);
  const perDoc = 20;
  const docs = Math.ceil((SCALE - base) / perDoc);
  const sentences = POLICIES.flatMap((p) => p.body.filter((l) => l.length > 20).map((l) => l.replace(/^(第.+?条|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)\s*/, '')));
  const rnd = mulberry(7);
  const pick = <T,>(a: T[]) => a[Math.floor(rnd() * a.length)]!;
  const towns = ['稷下街道', '齐陵街道', '闻韶街道', '雪宫街道', '辛店街道', '金岭回族镇', '朱台镇', '皇城镇', '敬仲镇', '凤凰镇'];
  const subjects = ['农村公路养护', '秸秆综合利用', '文物保护', '安全生产检查', '河长制', '垃圾分类', '食品安全', '消防设施', '校外培训', '公共文化服务', '农机购置', '污水处理', '燃气安全', '停车管理', '物业服务', '林长制'];
  const cn = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];
  for (let d = 0; d < docs; d++) {
    const subject = pick(subjects);
    const town = pick(towns);
    const body = Array.from({ length: perDoc }, (_, a) => `第${cn[a]}条 ${town}${subject}工作中，${pick(sentences)}${pick(sentences).slice(0, 30)}。`).join('\n');
    await insertItem(tdb.db, tdb.dialect, { area_id: areaId, unit_id: areaId, title: `关于${town}${subject}的实施意见（${d + 1}）`, body_text: body, item_type: d % 2 ? 'policy' : 'normative', validity: d % 2 ? null : 'valid', doc_number: `临政发〔2023〕${d + 100}号` }, { sync: false });
  }
  await reindexClauses(ctx);
}
clearEngineCache();
const t0 = performance.now();
const engine = await engineFor(tdb.db, tdb.dialect, areaId);
console.error(`engine: ${engine.liveClauses} clauses, built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
(globalThis as { gc?: () => void }).gc?.();

const questions: [string, string][] = [
  ...set.questions.map((q) => ['Q', q.q] as [string, string]),
  ...set.unanswerable.map((q) => ['U', q] as [string, string]),
  ...set.entries.flatMap((e) => e.paraphrases.map((p) => ['P', p] as [string, string])),
];
const exact: string[] = [];
const rounded: string[] = [];
const r6 = (x: number) => (Math.round(x * 1e6) / 1e6).toString();
for (const [kind, q] of questions) {
  const o = await answerQuestion(tdb.db, tdb.dialect, areaId, q, { limit: 10 });
  const concepts = engine.analyzer.concepts(q.slice(0, 200));
  const c = concepts.length ? engine.candidates(concepts, 20, q.slice(0, 200)) : { entries: [], clauses: [] };
  const line = (f: (x: number) => string) => [
    `${kind} ${q}`,
    `  outcome abstained=${o.abstained} confidence=${f(o.confidence)} nearest=${o.nearest.map((n) => n.itemId).join(',')}`,
    ...o.answers.map((a) => `  answer ${a.kind} e${a.entryId ?? '-'} ${a.itemId}#${a.article} ${f(a.score)} cites=${a.citations.map((x) => `${x.itemId}#${x.article}`).join(',')} excerpt=${JSON.stringify(a.excerpt ?? null).length}`),
    ...c.entries.map((e) => `  cand-entry e${e.entry.entryId} phrase${e.doc} match=${f(e.match)} pc=${f(e.phraseCoverage)} cov=${f(e.coverage)} rank=${f(e.rank)} score=${f(e.score)} type=${e.typeAgree}`),
    ...c.clauses.map((h) => `  cand-clause ${h.doc} ${h.clause.itemId}#${h.clause.article} rank=${f(h.rank)} cov=${f(h.coverage)} doc=${f(h.docCoverage)} loc=${f(h.localCoverage)} docRank=${f(h.docRank)} local=${f(h.local)} missing=${f(h.missingTopic)} score=${f(h.score)} nscore=${f(h.nscore)}`),
  ].join('\n');
  exact.push(line((x) => String(x)));
  rounded.push(line(r6));
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, rounded.join('\n') + '\n');
writeFileSync(out.replace(/\.txt$/, '.exact.txt'), exact.join('\n') + '\n');
const hash = (s: string[]) => createHash('sha256').update(s.join('\n')).digest('hex').slice(0, 16);
console.log(`fingerprint ${setName} clauses=${engine.liveClauses} questions=${questions.length}: exact ${hash(exact)} rounded ${hash(rounded)} (${out})`);

// --dump FILE: the engine's clauses and entries and the questions (for an in-memory A/B harness).
if (val('--dump')) writeFileSync(val('--dump')!, JSON.stringify({ clauses: engine.clauses, entries: engine.entries, questions: questions.map(([, q]) => q) }));
if (args.includes('--diag')) {
  // Per question: each concept's alternatives with their clause and document frequencies.
  for (const [, q] of questions.slice(0, 40)) {
    const cs = engine.expand(engine.analyzer.concepts(q.slice(0, 200)));
    console.log(`${q}: ` + cs.map((c) => `${c.term}${c.soft ? '(soft)' : ''}[${c.alts.map((a) => `${a.term}:${a.weight}:${engine.clauseIndex.df(a.term)}/${engine.docIndex.df(a.term)}`).join(' ')}]`).join(' '));
  }
}
if (ROUNDS > 0) {
  const today = todayCst();
  // The states each question's live check reads, fetched beforehand (the timing is the in-process work).
  const prepared: { q: string; states: Map<number, DocState> }[] = [];
  const dbMs: number[] = [];
  for (const [, q] of questions) {
    const concepts = engine.analyzer.concepts(q.slice(0, 200));
    if (!concepts.length) continue;
    const cands = engine.candidates(concepts, 20, q.slice(0, 200));
    const ids = new Set<number>([...cands.entries.flatMap((e) => e.entry.sources.map((s) => s.itemId)), ...cands.clauses.map((h) => h.clause.itemId)]);
    const s = performance.now();
    await engineFor(tdb.db, tdb.dialect, areaId);
    const states = await documentStates(tdb.db, [...ids]);
    dbMs.push(performance.now() - s);
    prepared.push({ q, states });
  }
  const cpu: number[][] = prepared.map(() => []);
  const load0 = loadavg()[0]!;
  // --cpu-profile FILE: a V8 CPU profile of the timed rounds only (not the build).
  const profFile = val('--cpu-profile');
  const session = profFile ? new (await import('node:inspector/promises')).Session() : null;
  if (session) { session.connect(); await session.post('Profiler.enable'); await session.post('Profiler.setSamplingInterval', { interval: 100 }); await session.post('Profiler.start'); }
  for (let r = 0; r < ROUNDS; r++) {
    prepared.forEach(({ q, states }, i) => {
      const u0 = process.cpuUsage();
      const concepts = engine.analyzer.concepts(q.slice(0, 200));
      const cands = engine.candidates(concepts, 20, q.slice(0, 200));
      const citable = (id: number) => { const d = states.get(id); return d && d.public && d.area_id === areaId && inForceToday(d, today, null) ? d : null; };
      rankAnswers(engine, cands, citable, { words: concepts.flatMap((c) => c.alts.map((a) => a.term)) });
      const u = process.cpuUsage(u0);
      cpu[i]!.push((u.user + u.system) / 1000);
    });
  }
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(profFile!, JSON.stringify(profile));
    session.disconnect();
  }
  // Per question: the median of its rounds (the machine is shared); then the distribution over questions.
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  const perQ = cpu.map(med);
  const sorted = [...perQ].sort((a, b) => a - b);
  const pct = (a: number[], x: number) => a[Math.min(a.length - 1, Math.floor(x * a.length))]!;
  const all = cpu.flat().sort((a, b) => a - b);
  const dbs = [...dbMs].sort((a, b) => a - b);
  console.log(`in-process CPU per question (${prepared.length} questions × ${ROUNDS}, median per question): p50 ${pct(sorted, 0.5).toFixed(2)} ms, p95 ${pct(sorted, 0.95).toFixed(2)} ms, max ${sorted[sorted.length - 1]!.toFixed(2)} ms, mean ${(perQ.reduce((a, b) => a + b, 0) / perQ.length).toFixed(2)} ms`);
  console.log(`  all samples: p50 ${pct(all, 0.5).toFixed(2)} ms, p95 ${pct(all, 0.95).toFixed(2)} ms, max ${all[all.length - 1]!.toFixed(2)} ms; load average ${load0.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}`);
  console.log(`  database reads per answer (version check + documentStates, wall): p50 ${pct(dbs, 0.5).toFixed(2)} ms, p95 ${pct(dbs, 0.95).toFixed(2)} ms`);
  // Stage breakdown (wall, same rounds): analysis, the three BM25 searches, the rest of candidates (within-document stage), rankAnswers.
  const stage = { concepts: 0, entrySearch: 0, docSearch: 0, clauseSearch: 0, candidates: 0, rank: 0 };
  let postings = 0;
  for (let r = 0; r < ROUNDS; r++) {
    for (const { q, states } of prepared) {
      let t = performance.now();
      const concepts = engine.analyzer.concepts(q.slice(0, 200));
      stage.concepts += performance.now() - t;
      const cs = engine.expand(concepts);
      t = performance.now(); engine.entryIndex.search(cs, 60); stage.entrySearch += performance.now() - t;
      t = performance.now(); engine.docIndex.search(cs, 12); stage.docSearch += performance.now() - t;
      t = performance.now(); engine.clauseIndex.search(cs, 40); stage.clauseSearch += performance.now() - t;
      t = performance.now();
      const cands = engine.candidates(concepts, 20, q.slice(0, 200));
      stage.candidates += performance.now() - t;
      const citable = (id: number) => { const d = states.get(id); return d && d.public && d.area_id === areaId && inForceToday(d, today, null) ? d : null; };
      t = performance.now();
      rankAnswers(engine, cands, citable, { words: concepts.flatMap((c) => c.alts.map((a) => a.term)) });
      stage.rank += performance.now() - t;
      if (r === 0) for (const c of cs) for (const a of c.alts) postings += engine.clauseIndex.df(a.term);
    }
  }
  const n = ROUNDS * prepared.length;
  const within = stage.candidates - stage.entrySearch - stage.docSearch - stage.clauseSearch;
  console.log(`  mean per question (wall): concepts ${(stage.concepts / n).toFixed(2)}, entry search ${(stage.entrySearch / n).toFixed(2)}, doc search ${(stage.docSearch / n).toFixed(2)}, clause search ${(stage.clauseSearch / n).toFixed(2)}, rest of candidates ${(within / n).toFixed(2)}, rankAnswers ${(stage.rank / n).toFixed(2)} ms; clause postings per question ${(postings / prepared.length).toFixed(0)}`);
  // The whole answer as the bench times it (wall, database reads included), same questions and rounds.
  const wall: number[] = [];
  for (let r = 0; r < ROUNDS; r++) for (const { q } of prepared) {
    const t = performance.now();
    await answerQuestion(tdb.db, tdb.dialect, areaId, q);
    wall.push(performance.now() - t);
  }
  wall.sort((a, b) => a - b);
  console.log(`  answerQuestion wall (${wall.length}): p50 ${pct(wall, 0.5).toFixed(2)} ms, p95 ${pct(wall, 0.95).toFixed(2)} ms, max ${wall[wall.length - 1]!.toFixed(2)} ms; load ${loadavg()[0]!.toFixed(2)}`);
  const slow = perQ.map((t, i) => [t, prepared[i]!.q] as const).sort((a, b) => b[0] - a[0]).slice(0, 8);
  console.log('  slowest: ' + slow.map(([t, q]) => `${t.toFixed(1)} ${q}`).join(' | '));
}
await tdb.destroy();

function mulberry(seed: number) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
