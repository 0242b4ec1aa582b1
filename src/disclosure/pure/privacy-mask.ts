import { foldWidth } from './fold-width.js';
import type { PrivacyHit, PrivacyKind } from './privacy-types.js';

// Full-width digits count too: the scanner finds １３８… through width folding.
// Other compatibility digits (NFKC → ASCII) count as well, since the scanner normalises with NFKC.
const isMaskable = (c: string): boolean => /[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]/.test(c) || /^[0-9A-Za-z]$/.test(c.normalize('NFKC'));
// Invisible format characters inside a hit (U+200B …) are dropped from the masked value.
const FORMAT_CHARS = /\p{Cf}/gu;

/** Replaces the maskable characters (digits/letters) whose index among them is not kept. */
function maskPositions(value: string, keep: (index: number, count: number) => boolean): string {
  const count = [...value.replace(FORMAT_CHARS, '')].filter(isMaskable).length;
  let index = 0;
  let out = '';
  for (const c of value.replace(FORMAT_CHARS, '')) {
    if (!isMaskable(c)) {
      out += c;
      continue;
    }
    out += keep(index, count) ? c : '*';
    index++;
  }
  return out;
}

/**
 * Masked form of one value, following common 政府网站 practice: separators and prefixes stay,
 * so the reader still sees what kind of number was there.
 *
 * @example maskValue('id_card', '370305199001011234') // '370305********1234'
 * @example maskValue('mobile', '138-1234-5678')       // '138-****-5678'
 */
export function maskValue(kind: PrivacyKind, value: string): string {
  switch (kind) {
    case 'id_card':
    case 'id_card_suspect':
      return maskPositions(value, (i, n) => i < 6 || i >= n - 4);
    case 'mobile': {
      // The national number is the last 11 digits; a +86 prefix stays readable.
      return maskPositions(value, (i, n) => {
        const national = i - (n - 11);
        return national < 3 || national >= 7;
      });
    }
    case 'bank_card':
      return maskPositions(value, (i, n) => i >= n - 4);
    case 'email': {
      const at = value.lastIndexOf('@');
      return `${value.slice(0, 1)}***${value.slice(at)}`;
    }
    case 'landline': {
      // Keep the area code and any extension; hide the last four digits of the local number.
      // Match on the width-folded copy (same length) so （0533） and ０５３３ parse too.
      const m = /^(\(?0\d{2,3}\)? ?-? ?)(\d+)/.exec(foldWidth(value));
      if (!m) return maskPositions(value, (i, n) => i < n - 4);
      const localEnd = m[0].length;
      return value.slice(0, localEnd - 4) + '****' + value.slice(localEnd);
    }
    case 'passport':
      return maskPositions(value, (i, n) => i === 0 || i >= n - 3);
  }
}

function assertCurrent(text: string, hit: PrivacyHit): void {
  if (text.slice(hit.start, hit.end) !== hit.text) {
    // Offsets from an older version of the text would mask the wrong characters.
    throw new Error(`privacy hit ${hit.start}-${hit.end} does not match the text; rescan first`);
  }
}

/** `text` with one hit masked. Throws if the hit's offsets are stale. */
export function maskHit(text: string, hit: PrivacyHit): string {
  assertCurrent(text, hit);
  return text.slice(0, hit.start) + maskValue(hit.kind, hit.text) + text.slice(hit.end);
}

/** `text` with every given hit masked (one click in the editor). Hits must not overlap. */
export function maskAll(text: string, hits: readonly PrivacyHit[]): string {
  const ordered = [...hits].sort((a, b) => a.start - b.start);
  for (let i = 1; i < ordered.length; i++) {
    if (ordered[i].start < ordered[i - 1].end) throw new Error('privacy hits overlap');
  }
  // Masks keep the length of each hit except for email, so work from the end backwards.
  let out = text;
  for (let i = ordered.length - 1; i >= 0; i--) out = maskHit(out, ordered[i]);
  return out;
}

export interface HitContext {
  readonly before: string;
  readonly match: string;
  readonly after: string;
  /** True when text was cut off before `before` / after `after` (show an ellipsis). */
  readonly clippedBefore: boolean;
  readonly clippedAfter: boolean;
}

const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** Up to `radius` UTF-16 units either side of a hit, whitespace collapsed, never splitting a surrogate pair. */
export function contextOf(text: string, hit: PrivacyHit, radius = 20): HitContext {
  let from = Math.max(0, hit.start - radius);
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from--;
  let to = Math.min(text.length, hit.end + radius);
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to++;
  const squash = (s: string): string => s.replace(/\s+/g, ' ');
  return {
    before: squash(text.slice(from, hit.start)),
    match: text.slice(hit.start, hit.end),
    after: squash(text.slice(hit.end, to)),
    clippedBefore: from > 0,
    clippedAfter: to < text.length,
  };
}
