import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkWording, DEFAULT_DICTIONARY, formatDictionary, parseDictionary } from './wording.js';

const dict = parseDictionary({ sensitive: '某敏感词', leaders: '张三 区长\n李四 副区长', typos: '再接再励→再接再厉' });

test('typos, sensitive words, a leader with the wrong title and a near-miss leader name are found', () => {
  const hits = checkWording('会议由张三副区长主持，李思副区长出席。要再接再励，不得出现某敏感词。李四副区长讲话。', dict);
  assert.deepEqual(hits.map((h) => h.kind).sort(), ['leader', 'leader', 'sensitive', 'typo']);
  assert.ok(hits.some((h) => h.message === '张三的职务应为“区长”'));
  assert.ok(hits.some((h) => h.message === '领导姓名疑似写错：应为“李四副区长”'));
  assert.ok(hits.some((h) => h.message === '“再接再励”应为“再接再厉”'));
});

test('correct text has no hits', () => {
  assert.deepEqual(checkWording('张三区长、李四副区长出席会议。我们要再接再厉。', dict), []);
  assert.deepEqual(checkWording('张三同志区长', dict), []);
});

test('the default dictionary carries common 错别字; the console format round-trips', () => {
  assert.ok(checkWording('走头无路', DEFAULT_DICTIONARY).length === 1);
  assert.deepEqual(parseDictionary(formatDictionary(dict)), dict);
});
