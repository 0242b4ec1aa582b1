/**
 * Maps full-width ASCII (０-９, Ａ-Ｚ, ＋, －, （…) and the ideographic space to ASCII one
 * UTF-16 unit for one, so offsets found in the folded copy are valid in the original.
 */
export function foldWidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else if (c >= 0x2010 && c <= 0x2013) out += '-';
    else out += text[i];
  }
  return out;
}
