/**
 * 文号 (document numbers) are typed in many spellings: 临政办字〔2022〕16号, 临政办字[2022]16号,
 * 临政办字（２０２２）16号, 临政办字〔2022〕第016号. `normalizeDocNumber` maps them to one
 * comparison key, so lookup by 文号 is an exact match on a normalised column rather than a
 * full-text search (jieba splits 文号 into 临政办 / 字 / 2022 / 16 / 号).
 */

// Any bracket pair users type around the year: 〔〕 ﹝﹞ [] ［］ () （） 【】 {} 〈〉 <> 《》 「」.
const OPEN = '〔﹝\\[［(（【{｛〈<《「';
const CLOSE = '〕﹞\\]］)）】}｝〉>》」';
const YEAR_IN_BRACKETS = new RegExp(`[${OPEN}]\\s*((?:19|20)\\d{2})\\s*[${CLOSE}]`, 'u');
const SERIAL_AFTER_YEAR = /〔((?:19|20)\d{2})〕\s*第?\s*0*(\d+)\s*号?$/u;

/**
 * Comparison key for a 文号: half-width digits, no whitespace, the year in 〔〕 (the GB/T 9704
 * form), no 第 and no leading zeros in the serial, and a trailing 号.
 *
 * @example normalizeDocNumber('临政办字[２０２２] 第016号') // '临政办字〔2022〕16号'
 */
export function normalizeDocNumber(s: string): string {
  // NFKC maps full-width digits/brackets; 〔〕 are not compatibility characters and stay.
  let out = s.normalize('NFKC').replace(/\s+/gu, '');
  out = out.replace(YEAR_IN_BRACKETS, '〔$1〕');
  out = out.replace(SERIAL_AFTER_YEAR, (_m, year: string, serial: string) => `〔${year}〕${serial}号`);
  return out;
}

/** Whether a query looks like a 文号, so the caller can try an exact 文号 lookup first. */
export function isDocNumberLike(q: string): boolean {
  return /^[\p{Script=Han}]{1,12}〔(?:19|20)\d{2}〕\d+号$/u.test(normalizeDocNumber(q));
}
