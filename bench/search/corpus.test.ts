import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLOSINGS, FILLER, HEADINGS, OPENINGS } from './boilerplate.js';
import { generateCorpus, judgedQueries } from './corpus.js';
import { precisionAtK } from './queries.js';
import { TOPICS } from './topics.js';
import { UNITS } from './units.js';

const docs = generateCorpus(600, 42);

test('generation is deterministic and prefix-stable', () => {
  assert.deepEqual(generateCorpus(600, 42), docs);
  assert.deepEqual(generateCorpus(50, 42), docs.slice(0, 50));
  assert.notDeepEqual(generateCorpus(50, 43), docs.slice(0, 50));
});

test('bodies are roughly 2,000 characters', () => {
  const lengths = docs.map((d) => d.body.length);
  const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
  assert.ok(mean > 1900 && mean < 2100, `mean ${mean}`);
  for (const len of lengths) assert.ok(len >= 1700 && len <= 2500, `length ${len}`);
});

test('documents have realistic metadata and no unfilled slots', () => {
  const unitNames = new Set(UNITS.map((u) => u.name));
  assert.equal(new Set(docs.map((d) => d.id)).size, docs.length);
  for (const d of docs) {
    assert.ok(d.year >= 2019 && d.year <= 2026);
    assert.match(d.publishedAt, new RegExp(`^${d.year}-\\d{2}-\\d{2}$`));
    assert.ok(unitNames.has(d.unit), d.unit);
    if (d.docNumber !== null) assert.match(d.docNumber, /^临?[\p{Script=Han}]+〔20(19|2\d)〕第?\d+号$/u);
    assert.doesNotMatch(d.title + d.body, /[{}]/);
    assert.ok(d.planted.length >= 2 && d.planted.length <= 4);
  }
  assert.ok(UNITS.length >= 40);
  assert.ok(docs.some((d) => d.docNumber?.startsWith('临政办字〔')));
  assert.equal(new Set(docs.map((d) => d.topic)).size, TOPICS.length);
  assert.ok(new Set(docs.map((d) => d.category)).size >= 7);
});

test('templates never spell out a key phrase, so phrases occur only where planted', () => {
  const phrases = TOPICS.flatMap((t) => t.phrases);
  const templates = [
    ...TOPICS.flatMap((t) => [...t.sentences, t.name]),
    ...FILLER, ...CLOSINGS, ...Object.values(OPENINGS).flat(), ...Object.values(HEADINGS).flat(),
  ];
  for (const tpl of templates) {
    const text = tpl.replace(/\{[A-Z0-9]+\}/g, '|');
    for (const p of phrases) assert.ok(!text.includes(p), `${p} in ${tpl}`);
  }
  for (const t of TOPICS) for (const s of t.sentences) assert.ok(s.includes('{P}'), s);
});

test('a primary-topic phrase occurs exactly when it was planted', () => {
  for (const d of docs) {
    const topic = TOPICS.find((t) => t.key === d.topic);
    assert.ok(topic);
    for (const p of topic.phrases) {
      // Secondary-topic sentences carry other topics' phrases only, so no leak the other way.
      // The one built-in exception: a 行政处罚决定书 title names its own kind.
      const byKind = d.category === 'penalty' && p === '行政处罚决定';
      assert.equal((d.title + d.body).includes(p), d.planted.includes(p) || byKind, `${d.id}: ${p}`);
    }
  }
});

test('30 judged queries with non-trivial relevance sets and distractors', () => {
  const queries = judgedQueries(docs);
  assert.equal(queries.length, 30);
  assert.equal(new Set(queries.map((q) => q.query)).size, 30);
  for (const q of ['保障性租赁住房', '义务教育招生划片', '行政处罚决定', '减税降费']) {
    assert.ok(queries.some((j) => j.query === q), q);
  }
  let withDistractors = 0;
  for (const q of queries) {
    const topicDocs = docs.filter((d) => d.topic === q.topic);
    assert.ok(q.relevant.size >= 10, `${q.query}: ${q.relevant.size}`);
    assert.ok(q.relevant.size < topicDocs.length, `${q.query} is relevant to its whole topic`);
    for (const id of q.relevant) {
      const d = docs.find((x) => x.id === id);
      assert.ok(d && d.topic === q.topic && (d.title + d.body).includes(q.query));
    }
    const distractors = docs.filter((d) => d.topic !== q.topic && d.body.includes(q.query));
    if (distractors.length > 0) withDistractors++;
  }
  assert.ok(withDistractors >= 25, String(withDistractors));
});

test('precision@k', () => {
  const rel = new Set(['a', 'c']);
  assert.equal(precisionAtK(['a', 'b', 'c', 'd'], rel, 4), 0.5);
  assert.equal(precisionAtK(['a'], rel, 10), 0.1);
  assert.equal(precisionAtK([], rel), 0);
});
