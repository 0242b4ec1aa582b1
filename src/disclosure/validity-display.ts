// Validity as shown to people, computed for today at read time: a document still stored as 有效 or
// 已修改 whose 有效期至 has passed reads 已失效 at once, before the hourly expiry job records it
// (the job stays: it writes the history entry and the stored state other queries use).
import { todayCst } from '../lib/time.js';

/** The validity to show today (valid through its 有效期至, inclusive). */
export function validityToday<V extends string | null>(validity: V, validUntil: string | null | undefined, today = todayCst()): V | 'expired' {
  if ((validity === 'valid' || validity === 'amended') && validUntil && validUntil < today) return 'expired';
  return validity;
}

/** The same for a row carrying `validity` and `valid_until`. */
export const withValidityToday = <R extends { validity: string | null; valid_until?: string | null }>(r: R, today = todayCst()): R =>
  ({ ...r, validity: validityToday(r.validity, r.valid_until ?? null, today) });
