// 信息处理费 (条例第四十二条; 国办函〔2020〕109号《政府信息公开信息处理费管理办法》). Pure.
//   按件 (per_request): by the applicant's requests to this body in one calendar month: the 1st–10th
//     free; the 11th–30th ¥100 each; above 30, one band per further 10 requests, each band ¥100 more
//     per request (31st–40th ¥200, 41st–50th ¥300, …).
//   按量 (per_volume): by the pages of one request, counted in parts: 1–30 free, 31–100 ¥10/page,
//     101–200 ¥20/page, above 200 ¥40/page.
// One method per request (the body chooses). Only the part above the threshold is charged.

export const FEE_METHODS = ['per_request', 'per_volume'] as const;
export type FeeMethod = (typeof FEE_METHODS)[number];
export const FEE_METHOD_LABELS: Record<FeeMethod, string> = { per_request: '按件计收', per_volume: '按量计收' };
/** Working days the applicant has to pay after the notice. */
export const FEE_PAY_DAYS = 20;

export type FeeBand = { from: number; to: number | null; rateYuan: number; units: number; subtotalYuan: number };
export type Fee = { method: FeeMethod; quantity: number; amountYuan: number; bands: FeeBand[]; unit: '件' | '页' };

/** The fee for one request. quantity = the request's position in the applicant's month (按件) or its page count (按量). */
export function computeFee(method: FeeMethod, quantity: number): Fee {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > 1_000_000) throw new RangeError(`quantity must be a positive integer, got ${quantity}`);
  if (method === 'per_request') {
    const n = quantity;
    const rate = n <= 10 ? 0 : n <= 30 ? 100 : 100 + 100 * Math.ceil((n - 30) / 10);
    const from = n <= 10 ? 1 : n <= 30 ? 11 : 31 + 10 * (Math.ceil((n - 30) / 10) - 1);
    const to = n <= 10 ? 10 : n <= 30 ? 30 : from + 9;
    return { method, quantity, amountYuan: rate, unit: '件', bands: [{ from, to, rateYuan: rate, units: 1, subtotalYuan: rate }] };
  }
  const parts: [number, number | null, number][] = [[1, 30, 0], [31, 100, 10], [101, 200, 20], [201, null, 40]];
  const bands: FeeBand[] = [];
  for (const [from, to, rateYuan] of parts) {
    if (quantity < from) break;
    const units = Math.min(quantity, to ?? quantity) - from + 1;
    bands.push({ from, to, rateYuan, units, subtotalYuan: units * rateYuan });
  }
  return { method, quantity, unit: '页', bands, amountYuan: bands.reduce((s, b) => s + b.subtotalYuan, 0) };
}

/** One line per band, for the 收费通知书. */
export function describeFee(fee: Fee): string[] {
  if (fee.method === 'per_request') {
    const b = fee.bands[0]!;
    return [`本申请为申请人本自然月内向本机关提出的第${fee.quantity}件申请（第${b.from}—${b.to}件档），${b.rateYuan ? `收费标准${b.rateYuan}元/件` : '不收费'}。`];
  }
  return fee.bands.map((b) => `第${b.from}${b.to ? `—${b.to}` : ''}页${b.to ? '' : '及以上'}：${b.units}页 × ${b.rateYuan}元/页 = ${b.subtotalYuan}元`);
}
