// The in-process BM25 index's incremental updates: a removed document is never returned and no longer
// counts in document frequencies; an added one is found like one present from the start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Bm25Index, type BmDoc } from './bm25.js';

const doc = (...terms: string[]): BmDoc => ({ fields: [{ terms, weight: 1 }] });
const concept = (term: string) => ({ term, alts: [{ term, weight: 1 }] });

test('remove and add: removed documents disappear from results and frequencies, added ones are found', () => {
  const docs = [doc('低保', '申请', '材料'), doc('低保', '标准'), doc('医保', '报销')];
  const idx = new Bm25Index(docs);
  assert.deepEqual(idx.search([concept('低保')], 10).map((h) => h.doc).sort(), [0, 1]);
  assert.equal(idx.df('低保'), 2);
  idx.remove(1, docs[1]!);
  assert.equal(idx.df('低保'), 1);
  assert.equal(idx.size, 2);
  assert.deepEqual(idx.search([concept('低保')], 10).map((h) => h.doc), [0]);
  assert.deepEqual(idx.search([concept('标准')], 10), []);
  const id = idx.add(doc('低保', '标准', '调整'));
  assert.equal(id, 3);
  assert.equal(idx.df('低保'), 2);
  assert.deepEqual(idx.search([concept('标准')], 10).map((h) => h.doc), [3]);
  // A word first seen in an added document is in the vocabulary (and a typo one character away finds it).
  idx.add(doc('廉租房'));
  assert.deepEqual(idx.search([concept('廉租房')], 10).map((h) => h.doc), [4]);
  assert.deepEqual(idx.nearWords('廉祖房'), ['廉租房']);
  // Removing twice changes nothing; the same scores as a fresh index holding the same live documents' terms.
  idx.remove(1, docs[1]!);
  assert.equal(idx.size, 4);
  assert.ok(idx.removedShare > 0 && idx.removedCount === 1);
  const fresh = new Bm25Index([docs[0]!, docs[2]!, doc('低保', '标准', '调整'), doc('廉租房')]);
  assert.equal(idx.idf('低保'), fresh.idf('低保'));
});
