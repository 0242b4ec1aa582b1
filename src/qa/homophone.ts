// Homophones for typo correction: questions are typed with pinyin input, so a mistyped character almost always
// sounds like the right one (补帖 → 补贴, 登机 → 登记, 补交 → 补缴). Tones are ignored; a character with several
// readings matches on any of them.
import { pinyin } from 'pinyin-pro';

const readings = new Map<string, string[]>();
function readingsOf(ch: string): string[] {
  let r = readings.get(ch);
  if (!r) {
    r = /^\p{Script=Han}$/u.test(ch) ? pinyin(ch, { toneType: 'none', multiple: true, type: 'array' }) : [];
    if (readings.size > 20_000) readings.clear();
    readings.set(ch, r);
  }
  return r;
}

/** Whether two Han characters share a reading (toneless pinyin). */
export function soundsAlike(a: string, b: string): boolean {
  if (a === b) return true;
  const rb = readingsOf(b);
  return readingsOf(a).some((x) => rb.includes(x));
}
