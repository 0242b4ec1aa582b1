// A small pool of worker threads that run jieba for bulk (re)indexing, so segmentation uses every
// core while the main thread writes to the database. Single-item syncs segment in-thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { segmentForIndex } from './text/segment.js';

export type SegmentJob = { title: string; text: string };
export type Segmenter = { segment: (jobs: SegmentJob[]) => Promise<[string, string][]>; close: () => Promise<void> };

/** In-thread segmentation (tests, small batches). */
export const inlineSegmenter: Segmenter = {
  segment: async (jobs) => jobs.map((j) => [segmentForIndex(j.title), segmentForIndex(j.text)]),
  close: async () => {},
};

/** A pool of `size` workers (default: one per core); jobs are spread round-robin. */
export async function createSegmentPool(size = availableParallelism()): Promise<Segmenter> {
  const workers = await Promise.all(Array.from({ length: Math.max(1, size) }, () => new Promise<Worker>((resolve, reject) => {
    const w = new Worker(new URL('./segment-worker.mjs', import.meta.url));
    w.once('error', reject);
    w.once('message', () => resolve(w));
  })));
  const waiting = new Map<number, { resolve: (v: [string, string][]) => void; reject: (e: Error) => void }>();
  for (const w of workers) {
    w.on('message', (m: { id: number; out: [string, string][] }) => { waiting.get(m.id)?.resolve(m.out); waiting.delete(m.id); });
    w.on('error', (e) => { for (const p of waiting.values()) p.reject(e); waiting.clear(); });
  }
  let next = 0;
  return {
    segment: (jobs) => new Promise((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      workers[id % workers.length]!.postMessage({ id, jobs });
    }),
    close: async () => { await Promise.all(workers.map((w) => w.terminate())); },
  };
}
