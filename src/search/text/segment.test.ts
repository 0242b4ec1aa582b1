import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STOPWORDS, segmentForIndex, segmentQuery } from './segment.js';

const tokens = (s: string): string[] => (s === '' ? [] : s.split(' '));

test('index text: search-mode tokens, folded, punctuation dropped, single spaces', () => {
  const out = segmentForIndex('关于保障性租赁住房的通知（临政办字〔2022〕16号）');
  assert.equal(out, '关于 保障 保障性 租赁 住房 的 通知 临政办 字 2022 16 号');
  assert.doesNotMatch(out, / {2}|^ | $/);
});

test('index tokens are what FTS5 unicode61 and PostgreSQL simple see as single tokens', () => {
  const out = segmentForIndex('索引号：11370305MB28550270-2022-000123；E-mail：Gk@Linzi.gov.cn，增长12.5%。\n\t“一网通办”');
  for (const t of tokens(out)) assert.match(t, /^[\p{L}\p{N}\p{M}]+$/u, t);
  assert.ok(tokens(out).includes('11370305mb28550270'));
  assert.ok(tokens(out).includes('gk'));
});

test('full-width digits and letters fold to half-width, Latin lowercases', () => {
  assert.equal(segmentForIndex('２０２２年ＡＢＣ'), segmentForIndex('2022年abc'));
  assert.ok(tokens(segmentForIndex('２０２２年')).includes('2022'));
});

test('empty and punctuation-only input', () => {
  assert.equal(segmentForIndex(''), '');
  assert.equal(segmentForIndex('  \n '), '');
  assert.equal(segmentForIndex('，。、；：“”〔〕'), '');
  assert.deepEqual(segmentQuery('，。！'), []);
  assert.deepEqual(segmentQuery(''), []);
});

test('query terms: precise words, deduplicated, no stopwords, no stray single characters', () => {
  assert.deepEqual(segmentQuery('关于义务教育招生划片的通知'), ['义务教育', '招生', '划片', '通知']);
  assert.deepEqual(segmentQuery('减税降费 减税降费'), ['减税', '降费']);
  assert.deepEqual(segmentQuery('临政办字〔2022〕16号'), ['临政办', '2022', '16']);
  assert.deepEqual(segmentQuery('ＡＢＣ Hello'), ['abc', 'hello']);
  assert.deepEqual(segmentQuery('税'), ['税']);
  assert.deepEqual(segmentQuery('的'), []);
  assert.deepEqual(segmentQuery('和与及'), []);
});

test('every query term is an index token of a text containing the query', () => {
  const queries = ['保障性租赁住房', '义务教育招生划片', '行政处罚决定', '减税降费', '城乡居民基本医疗保险', '老旧小区改造'];
  for (const q of queries) {
    const indexed = new Set(tokens(segmentForIndex(`临淄区进一步做好${q}工作的通知。`)));
    for (const term of segmentQuery(q)) assert.ok(indexed.has(term), `${q}: ${term}`);
  }
});

test('stopword list holds function words, not document types', () => {
  for (const w of ['的', '了', '和', '与', '及', '是', '在', '关于', '等']) assert.ok(STOPWORDS.has(w), w);
  for (const w of ['通知', '公告', '办法', '方案']) assert.ok(!STOPWORDS.has(w), w);
});
