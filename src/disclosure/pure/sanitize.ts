import sanitizeHtml from 'sanitize-html';

/**
 * The one sanitising helper for document bodies (house style §8): everything rendered as raw
 * HTML goes through `sanitizeBody`. The allowlist is ordinary document markup as produced by
 * Word/WPS exports and the editor; anything active (scripts, styles, handlers, embeds, forms,
 * SVG/MathML) is dropped, with its content where the content is not text.
 */

const ALLOWED_TAGS = [
  'p', 'div', 'h2', 'h3', 'h4', 'strong', 'em', 'u', 'sub', 'sup', 'ul', 'ol', 'li',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  'a', 'img', 'br', 'hr', 'blockquote', 'span',
];

// Dropped together with their content: they hold code, not document text, or are parsed as raw
// text by htmlparser2 so their content would otherwise come out as markup.
const NON_TEXT_TAGS = [
  'script', 'style', 'textarea', 'option', 'select', 'xmp', 'noscript', 'noembed', 'noframes',
  'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'template', 'title',
  'head', 'plaintext',
];

const SAFE_SCHEMES = ['http', 'https', 'mailto'];
const IMG_SCHEMES = ['http', 'https'];

/**
 * Second line of defence next to sanitize-html's own check: browsers ignore ASCII control
 * characters and whitespace inside a scheme (`jav\tascript:`), so strip them before reading it.
 * Values arrive here with entities already decoded by the parser.
 */
export function isSafeUrl(value: string, schemes: readonly string[] = SAFE_SCHEMES): boolean {
  const compact = value.replace(/[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u205f\u3000\ufeff]/g, '');
  if (/^[/\\]{2}/.test(compact)) return false; // protocol-relative: another host
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(compact);
  if (scheme) return schemes.includes(scheme[1].toLowerCase());
  // A colon before any '/', '?' or '#' would be read as a scheme by some browsers.
  return !/^[^/?#]*:/.test(compact);
}

const SPAN_LIMIT = 100;

/** colspan/rowspan must be small positive integers; anything else is dropped. */
function cleanSpans(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const out: sanitizeHtml.Attributes = {};
  for (const name of ['colspan', 'rowspan', 'scope'] as const) {
    const v = attribs[name]?.trim();
    if (v === undefined) continue;
    if (name === 'scope') {
      if (/^(row|col|rowgroup|colgroup)$/.test(v)) out.scope = v;
    } else if (/^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= SPAN_LIMIT) {
      out[name] = String(Number(v));
    }
  }
  return { tagName, attribs: out };
}

function withSafeUrl(attr: 'href' | 'src', schemes: readonly string[]) {
  return (tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag => {
    const out = { ...attribs };
    const url = out[attr];
    if (url !== undefined && !isSafeUrl(url, schemes)) delete out[attr];
    return { tagName, attribs: out };
  };
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: SAFE_SCHEMES,
  allowedSchemesByTag: { img: IMG_SCHEMES },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: NON_TEXT_TAGS,
  // The page has its own h1, and b/i are the presentational spellings Word exports use.
  transformTags: {
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    b: 'strong',
    i: 'em',
    th: cleanSpans,
    td: cleanSpans,
    a: withSafeUrl('href', SAFE_SCHEMES),
    img: withSafeUrl('src', IMG_SCHEMES),
  },
  // An image whose src was unsafe is an empty box; drop it rather than render a broken image.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  // Pathologically deep nesting is a parser DoS vector and never real document structure.
  nestingLimit: 64,
};

/**
 * Clean HTML safe to render as a document body.
 *
 * @example sanitizeBody('<p onclick="x()">通知<script>alert(1)</script></p>') // '<p>通知</p>'
 */
export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

/**
 * Plain text from an HTML body, for search indexing and privacy scanning.
 *
 * Blocks end with a newline; table rows are single lines with cells separated by tabs, so the
 * privacy scanner can read column headers. We walk the *sanitised* HTML: its tags are
 * serialised by sanitize-html with `<`, `>` and `"` escaped inside attribute values and text,
 * so splitting on `<…>` is exact there (it would not be on arbitrary input).
 */
export function htmlToText(html: string): string {
  const clean = sanitizeBody(html);
  let out = '';
  let cellDepth = 0;
  const breakLine = (): void => {
    out += cellDepth > 0 ? ' ' : '\n';
  };
  for (const token of clean.split(/(<[^>]*>)/)) {
    if (token === '') continue;
    if (!token.startsWith('<')) {
      out += decode(token).replace(/\s+/g, ' ');
      continue;
    }
    const m = /^<(\/?)([a-z0-9]+)/.exec(token);
    if (!m) continue;
    const [, closing, name] = m;
    if (name === 'td' || name === 'th') {
      if (closing) {
        cellDepth = Math.max(0, cellDepth - 1);
        out += '\t';
      } else {
        cellDepth++;
      }
    } else if (name === 'tr') {
      if (closing) out += cellDepth > 0 ? ' ' : '\n';
    } else if (name === 'br' || name === 'hr' || BLOCKS.has(name)) {
      breakLine();
    } else if (name === 'img') {
      const alt = /\salt="([^"]*)"/.exec(token);
      if (alt) out += decode(alt[1]);
    }
  }
  return out
    .split('\n')
    .map((line) => line.replace(/ *\t */g, '\t').replace(/ {2,}/g, ' ').replace(/[\t ]+$/, '').replace(/^ +/, ''))
    .filter((line) => line !== '')
    .join('\n');
}

const BLOCKS = new Set([
  'p', 'div', 'h2', 'h3', 'h4', 'li', 'ul', 'ol', 'blockquote', 'table', 'caption', 'thead', 'tbody', 'tfoot',
]);

/** sanitize-html emits only these entities (plus raw non-breaking spaces, which become spaces). */
function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\u00a0/g, ' ');
}
