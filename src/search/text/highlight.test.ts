import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highlight } from './highlight.js';

const render = (segs: ReadonlyArray<{ text: string; hit: boolean }>): string =>
  segs.map((s) => (s.hit ? `[${s.text}]` : s.text)).join('');

test('marks the term in a short text', () => {
  assert.deepEqual(highlight('关于保障性租赁住房的通知', ['租赁住房']), [
    { text: '关于保障性', hit: false },
    { text: '租赁住房', hit: true },
    { text: '的通知', hit: false },
  ]);
});

test('all terms, case- and width-insensitive, longest first, adjacent hits merged', () => {
  assert.equal(render(highlight('ＡＢＣ与abc和Abc', ['abc'])), '[ＡＢＣ]与[abc]和[Abc]');
  assert.equal(render(highlight('保障性租赁住房', ['保障', '保障性租赁住房'])), '[保障性租赁住房]');
  assert.equal(render(highlight('减税降费', ['减税', '降费'])), '[减税降费]');
  assert.equal(render(highlight('２０２２年', ['2022'])), '[２０２２]年');
});

test('snippet starts near the first hit, at a sentence start when close, with ellipses', () => {
  const text = `${'前文内容。'.repeat(40)}这里讲保障性租赁住房的事情。${'后续内容。'.repeat(40)}`;
  const segs = highlight(text, ['租赁住房'], { maxLen: 40 });
  const out = render(segs);
  assert.ok(out.startsWith('…这里讲保障性[租赁住房]'), out);
  assert.ok(out.endsWith('…'), out);
  const body = segs.map((s) => s.text).join('').replace(/…/g, '');
  assert.ok(body.length <= 40, String(body.length));
});

test('no match: the start of the text', () => {
  const text = '一二三四五六七八九十'.repeat(5);
  // The trailing ellipsis merges into the preceding plain segment.
  assert.deepEqual(highlight(text, ['不存在'], { maxLen: 10 }), [{ text: '一二三四五六七八九十…', hit: false }]);
  assert.deepEqual(highlight('', ['x']), []);
  assert.equal(render(highlight('短文本', [])), '短文本');
  assert.equal(render(highlight('短文本', ['', '  '])), '短文本');
});

test('terms are literal, not regular expressions, and no HTML is produced', () => {
  assert.equal(render(highlight('a.c abc (x) <b>', ['a.c', '(x)', '<b>'])), '[a.c] abc [(x)] [<b>]');
});

test('whitespace collapses and surrogate pairs are not split', () => {
  assert.equal(render(highlight('第一行\n\n  第二行 住房', ['住房'])), '第一行 第二行 [住房]');
  const text = '𠀀'.repeat(30) + '住房' + '𠀁'.repeat(30);
  for (const maxLen of [5, 6, 7, 8]) {
    const joined = highlight(text, ['住房'], { maxLen }).map((s) => s.text).join('');
    assert.doesNotMatch(joined, /^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/u);
    assert.ok(joined.includes('住房'));
  }
});

test('a hit longer than maxLen is shown whole', () => {
  assert.equal(render(highlight('前文保障性租赁住房后文', ['保障性租赁住房'], { maxLen: 3 })), '…[保障性租赁住房]…');
});
