// Small helpers shared by the disclosure routes.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.js';
import { formatDateTime } from '../lib/time.js';
import { intParam } from '../web/http.js';

export const idParam = (req: FastifyRequest, name = 'id'): number => intParam((req.params as Record<string, string>)[name]);

export const invalidFields = (err: unknown): Record<string, string> | null => (err instanceof AppError && err.kind === 'invalid' ? err.fields : null);

/** Forms on the item page prefix their field names (vReason, cvReason…) so ids stay unique on the page. */
export function unprefix(body: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k.startsWith(prefix) && k.length > prefix.length) out[k[prefix.length]!.toLowerCase() + k.slice(prefix.length + 1)] = v;
  }
  return out;
}

export function prefixFields(fields: Record<string, string>, prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k === '_' ? '_' : prefix + k[0]!.toUpperCase() + k.slice(1), v]));
}

/** ISO timestamp → China Standard Time, to the second. */
/** Beijing time for display (the one helper in src/lib/time.ts). */
export const cst = (iso: string): string => formatDateTime(iso, { seconds: true });
