// Worker thread of the segmentation pool (segment-pool.ts): jieba in parallel for bulk indexing.
// Plain JavaScript so it starts the same way under `node --import tsx` and under bin/gongkai.js.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { segmentForIndex } = await import('./text/segment.ts');

parentPort.on('message', (msg) => {
  const out = msg.jobs.map((j) => [segmentForIndex(j.title), segmentForIndex(j.text)]);
  parentPort.postMessage({ id: msg.id, out });
});
parentPort.postMessage({ ready: true });
