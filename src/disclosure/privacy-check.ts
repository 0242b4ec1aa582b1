// Item-level privacy guard (pure): scans title, body text and attachment texts separately, applies the
// reviewer's keep decisions, and masks a value in the title or the sanitised HTML body.
import { contextOf, maskValue, scanPersonalData, type HitContext, type PrivacyHit, type PrivacyKind } from './pure/privacy-scan.js';

export type HitSource = 'title' | 'body' | `attachment:${number}`;
export type KeptDecision = { kind: PrivacyKind; text: string; reason: string; by: string; at: string };
export type PrivacyDecisions = { kept: KeptDecision[] };
export type ItemHit = PrivacyHit & {
  source: HitSource;
  sourceLabel: string;
  context: HitContext;
  /** Masked form shown instead of the value wherever it is not needed in full. */
  masked: string;
  /** High-severity hits block submission and publication until masked or kept. */
  blocking: boolean;
  kept: KeptDecision | null;
  /** Only the title and the body can be masked in place; attachments must be replaced. */
  maskable: boolean;
};

export function parseDecisions(json: string | null): PrivacyDecisions {
  if (!json) return { kept: [] };
  const v = JSON.parse(json) as Partial<PrivacyDecisions>;
  return { kept: Array.isArray(v.kept) ? v.kept : [] };
}

export type ScanSubject = {
  title: string;
  bodyText: string;
  attachments: readonly { id: number; file_name: string; text: string }[];
};

/** Every hit in the item, in reading order: title, body, then each attachment. */
export function scanItem(subject: ScanSubject, decisions: PrivacyDecisions, currentYear?: number): ItemHit[] {
  const sources: { source: HitSource; label: string; text: string }[] = [
    { source: 'title', label: '标题', text: subject.title },
    { source: 'body', label: '正文', text: subject.bodyText },
    ...subject.attachments.map((a) => ({ source: `attachment:${a.id}` as HitSource, label: `附件「${a.file_name}」`, text: a.text })),
  ];
  const out: ItemHit[] = [];
  for (const s of sources) {
    for (const hit of scanPersonalData(s.text, { currentYear })) {
      const kept = decisions.kept.find((k) => k.kind === hit.kind && k.text === hit.text) ?? null;
      out.push({
        ...hit, source: s.source, sourceLabel: s.label, context: contextOf(s.text, hit), masked: maskValue(hit.kind, hit.text),
        blocking: hit.severity === 'high' && !kept, kept, maskable: s.source === 'title' || s.source === 'body',
      });
    }
  }
  return out;
}

export const blockingHits = (hits: readonly ItemHit[]): ItemHit[] => hits.filter((h) => h.blocking);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A pattern for the value as it may appear in markup: whitespace runs may differ (htmlToText collapses them). */
const valuePattern = (value: string) => new RegExp(value.split(/\s+/).map(escapeRegExp).join('[\\s\\u00a0]+'), 'g');

/** Replaces every occurrence of `value` in plain text. */
export function maskInText(text: string, value: string, masked: string): { text: string; count: number } {
  let count = 0;
  const out = text.replace(valuePattern(value), () => {
    count++;
    return masked;
  });
  return { text: out, count };
}

/**
 * Replaces every occurrence of `value` in the text between tags of sanitised HTML. Values are
 * digits, letters and separators, which sanitize-html never escapes, so text nodes hold them
 * verbatim. A value split by markup (<b>138</b>1234…) is not found: count is 0 and the caller
 * asks the user to edit by hand.
 */
export function maskInHtml(html: string, value: string, masked: string): { html: string; count: number } {
  let count = 0;
  const out = html.split(/(<[^>]*>)/).map((token) => {
    if (token.startsWith('<')) return token;
    const r = maskInText(token, value, masked);
    count += r.count;
    return r.text;
  }).join('');
  return { html: out, count };
}
