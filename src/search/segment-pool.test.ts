import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSegmentPool, inlineSegmenter } from './segment-pool.js';

test('the worker pool segments exactly like the main thread', async () => {
  const jobs = [
    { title: '关于保障性租赁住房的通知', text: '临政办字〔2022〕16号\n今年筹集保障性租赁住房1200套。' },
    { title: 'ＡＢＣ２０２２', text: '' },
    { title: '', text: '索引号：11370305MB28550270-2022-000123' },
  ];
  const pool = await createSegmentPool(2);
  try {
    const [a, b] = await Promise.all([pool.segment(jobs), pool.segment(jobs.slice(1))]);
    assert.deepEqual(a, await inlineSegmenter.segment(jobs));
    assert.deepEqual(b, await inlineSegmenter.segment(jobs.slice(1)));
  } finally {
    await pool.close();
  }
});
