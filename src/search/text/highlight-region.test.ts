import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { highlight, highlightWhole } from './highlight.js';

// Long texts take a shortcut (find the first hit on a natively folded copy, then work on a region);
// it must give exactly the snippet of the whole-text algorithm.
const pieces = ['保障性租赁住房', '住房', '租赁', '。', '，', '\n', ' ', '各镇街道', 'ＡＢＣ', 'abc', '２０２２', '2022', '𠀀', '（一）', '工作'];

test('the long-text shortcut gives the same snippet as the whole-text algorithm', () => {
  fc.assert(fc.property(
    fc.array(fc.constantFrom(...pieces), { minLength: 0, maxLength: 900 }),
    fc.subarray(['住房', '租赁', 'abc', '2022', '不存在', '工作'], { minLength: 0 }),
    fc.integer({ min: 5, max: 60 }),
    (parts, terms, maxLen) => {
      const text = parts.join('');
      assert.deepEqual(highlight(text, terms, { maxLen }), highlightWhole(text, terms, { maxLen }));
    },
  ), { numRuns: 300 });
});

test('a hit far into a long body is found and cut with ellipses', () => {
  const text = `${'前文内容。'.repeat(500)}这里讲保障性租赁住房的事情。${'后文。'.repeat(500)}`;
  const segs = highlight(text, ['租赁住房'], { maxLen: 40 });
  assert.equal(segs[0]!.text.startsWith('…'), true);
  assert.ok(segs.some((s) => s.hit && s.text === '租赁住房'));
  assert.equal(segs.at(-1)!.text.endsWith('…'), true);
});
