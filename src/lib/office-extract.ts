// Text of an uploaded .docx/.xlsx, extracted in a worker thread with a heap limit and a deadline: a
// pathological file that passed checkOfficeFile still cannot freeze other requests or exhaust the
// server's memory. The worker is terminated on timeout; its error text is logged, never shown.
import { Worker } from 'node:worker_threads';
import { OfficeFileLimitError, type OfficeKind } from './office-file-limits.js';

export type ExtractLimits = { timeoutMs: number; maxHeapMb: number };
export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = { timeoutMs: 20_000, maxHeapMb: 512 };

export class OfficeExtractError extends Error {}

export function extractOfficeText(kind: OfficeKind, buf: Buffer, limits: Partial<ExtractLimits> = {}): Promise<string> {
  const l = { ...DEFAULT_EXTRACT_LIMITS, ...limits };
  return new Promise((resolve, reject) => {
    // A copy the worker owns (transferred, not cloned twice).
    const copy = new Uint8Array(buf).slice().buffer;
    const worker = new Worker(new URL('./office-extract-worker.mjs', import.meta.url), {
      workerData: { kind, buffer: copy }, transferList: [copy],
      resourceLimits: { maxOldGenerationSizeMb: l.maxHeapMb, maxYoungGenerationSizeMb: Math.min(64, l.maxHeapMb) },
    });
    let settled = false;
    const done = (fn: () => void) => { if (!settled) { settled = true; clearTimeout(timer); fn(); } };
    const timer = setTimeout(() => {
      done(() => reject(new OfficeFileLimitError('office_time_budget', '文件过于复杂，无法在限定时间内处理')));
      void worker.terminate();
    }, l.timeoutMs);
    worker.once('message', (m: { ok: boolean; text?: string; message?: string }) => {
      done(() => (m.ok ? resolve(m.text ?? '') : reject(new OfficeExtractError(m.message ?? 'extraction failed'))));
      void worker.terminate();
    });
    worker.once('error', (err) => {
      // ERR_WORKER_OUT_OF_MEMORY when the heap limit is hit.
      const oom = (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      done(() => reject(oom ? new OfficeFileLimitError('office_too_large', '文件内容过多，处理时超出内存限制') : new OfficeExtractError(err.message)));
    });
    worker.once('exit', (code) => done(() => reject(new OfficeExtractError(`worker exited with code ${code}`))));
  });
}
