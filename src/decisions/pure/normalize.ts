// Text normalisation for grouping comments: full-width → half-width (NFKC), case, and every
// character that is not a letter or digit removed, so punctuation and spacing do not split a campaign.
export function normalizeComment(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
