// Images and videos shown on public pages (图解 / 视频): what an upload is, judged by its bytes, not its
// name or the browser's claimed type. PNG, JPEG, SVG (sanitised: shapes and text only; scripts, styles,
// handlers, foreign objects and every external reference removed or refused), MP4 and WebM.
// The attachment checks of the disclosure module (src/disclosure/attachment-file.ts) stay as they are.
import sanitizeHtml from 'sanitize-html';
import { AppError } from './errors.js';
import { fileNameProblem } from './validate.js';

export type MediaFormat = 'png' | 'jpg' | 'svg' | 'mp4' | 'webm';
export type MediaKind = 'image' | 'video';
export const MEDIA_KIND: Record<MediaFormat, MediaKind> = { png: 'image', jpg: 'image', svg: 'image', mp4: 'video', webm: 'video' };
export const MEDIA_MIME: Record<MediaFormat, string> = { png: 'image/png', jpg: 'image/jpeg', svg: 'image/svg+xml', mp4: 'video/mp4', webm: 'video/webm' };
/** Size limits: an infographic ≤ 5 MB (an SVG ≤ 1 MB: it is text), a short explanatory video ≤ 50 MB. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_SVG_BYTES = 1024 * 1024;
export const MAX_VIDEO_BYTES = 50 * 1024 * 1024;
export const MAX_MEDIA_BYTES = MAX_VIDEO_BYTES;

const EXT: Record<string, MediaFormat> = { png: 'png', jpg: 'jpg', jpeg: 'jpg', svg: 'svg', mp4: 'mp4', m4v: 'mp4', webm: 'webm' };

export function mediaFormatFromName(name: string): MediaFormat | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return ext ? EXT[ext] ?? null : null;
}

/** ISO-BMFF brands of playable MP4 video (not HEIC images or 3GP/QuickTime oddities). */
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'M4VH', 'M4VP', 'dash', 'mmp4', 'msnv']);

function looksLikeSvg(buf: Buffer): boolean {
  const head = buf.subarray(0, 4096).toString('utf8').replace(/^\ufeff/, '');
  // An XML declaration, comments or a doctype may precede the root; the root must be <svg.
  const rest = head.replace(/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*/i, '');
  return /^<svg[\s>]/.test(rest);
}

/** The format the bytes really are, or null. */
export function sniffMedia(buf: Buffer): MediaFormat | null {
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpg';
  if (buf.length >= 12 && buf.toString('latin1', 4, 8) === 'ftyp' && MP4_BRANDS.has(buf.toString('latin1', 8, 12))) return 'mp4';
  if (buf.length >= 4 && buf.readUInt32BE(0) === 0x1a45dfa3) {
    // EBML header: the DocType element (0x4282) says "webm" (Matroska files are not offered to browsers).
    const head = buf.subarray(0, 64);
    const p = head.indexOf(Buffer.from([0x42, 0x82]));
    if (p > 0 && head.subarray(p + 3, p + 7).toString('latin1') === 'webm') return 'webm';
    return null;
  }
  if (looksLikeSvg(buf)) return 'svg';
  return null;
}

// SVG: presentation of shapes and text only.
const SVG_TAGS = [
  'svg', 'g', 'defs', 'symbol', 'use', 'title', 'desc', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan', 'textPath', 'linearGradient', 'radialGradient', 'stop', 'clipPath', 'mask', 'pattern', 'marker',
];
const SVG_ATTRS = [
  'id', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'dx', 'dy', 'width', 'height', 'viewBox', 'preserveAspectRatio',
  'd', 'points', 'transform', 'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin',
  'stroke-dasharray', 'stroke-dashoffset', 'stroke-miterlimit', 'opacity', 'clip-path', 'clip-rule', 'mask', 'marker-start', 'marker-mid', 'marker-end',
  'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'letter-spacing', 'writing-mode', 'xml:space',
  'offset', 'stop-color', 'stop-opacity', 'gradientUnits', 'gradientTransform', 'spreadMethod', 'patternUnits', 'patternContentUnits',
  'patternTransform', 'clipPathUnits', 'maskUnits', 'maskContentUnits', 'markerWidth', 'markerHeight', 'refX', 'refY', 'orient', 'markerUnits',
  'href', 'xlink:href', 'version', 'role', 'aria-label', 'aria-labelledby', 'lang', 'xml:lang', 'startOffset', 'visibility', 'display',
];
const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * A safe SVG, or null when it cannot be made one: DOCTYPE/ENTITY declarations (entity expansion) are
 * refused; everything outside the shape-and-text allowlist is removed (scripts with their content, styles,
 * event handlers, foreignObject, embedded images and links); a reference to anything but a fragment of the
 * same drawing (href="#…", url(#…)) is refused rather than rewritten.
 */
export function sanitizeSvg(source: string): string | null {
  if (/<!(DOCTYPE|ENTITY)/i.test(source) || !looksLikeSvg(Buffer.from(source.slice(0, 4096), 'utf8'))) return null;
  const out = sanitizeHtml(source, {
    allowedTags: SVG_TAGS,
    allowedAttributes: Object.fromEntries(SVG_TAGS.map((t) => [t, SVG_ATTRS])),
    allowedSchemes: [],
    allowedSchemesAppliedToAttributes: ['href', 'xlink:href'],
    allowProtocolRelative: false,
    nonTextTags: ['script', 'style', 'foreignObject', 'iframe', 'object', 'embed', 'noscript', 'template', 'textarea', 'option'],
    parser: { lowerCaseTags: false, lowerCaseAttributeNames: false, decodeEntities: true },
    transformTags: { svg: (tagName, attribs) => ({ tagName, attribs: { ...attribs, xmlns: SVG_NS } }) },
  }).trim();
  if (!/^<svg[\s>]/.test(out) || !out.endsWith('</svg>')) return null;
  // xmlns survives the transform; xmlns:xlink is needed when xlink:href is used.
  const withNs = out.includes('xlink:href') ? out.replace(/^<svg/, '<svg xmlns:xlink="http://www.w3.org/1999/xlink"') : out;
  for (const m of withNs.matchAll(/\s(?:xlink:)?href="([^"]*)"/g)) if (!m[1]!.startsWith('#')) return null;
  for (const m of withNs.matchAll(/url\(\s*(['"]?)([^)'"]*)\1\s*\)/gi)) if (!m[2]!.trim().startsWith('#')) return null;
  if (/javascript:|data:/i.test(withNs.replace(/>[^<]*</g, '><'))) return null;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${withNs.replace(/^<svg(?![^>]*\sxmlns=)/, `<svg xmlns="${SVG_NS}"`)}`;
}

const unsupported = (message: string) => new AppError('unsupported_media', 'unsupported_attachment', message, { file: message });
const FORMAT_NAMES = 'PNG、JPG、SVG 图片或 MP4、WebM 视频';

/**
 * Checks an image or video upload. Throws 415 when the type is not allowed or the bytes do not match the
 * extension (an .exe renamed .mp4, an HTML page renamed .svg), 413 when it is too large. An SVG comes back
 * sanitised (the stored bytes are the sanitised drawing).
 */
export function inspectMedia(fileName: string, buf: Buffer, want?: MediaKind): { format: MediaFormat; kind: MediaKind; mime: string; data: Buffer } {
  if (buf.length === 0) throw new AppError('invalid', 'empty_attachment', '文件是空的', { file: '文件是空的' });
  const badName = fileNameProblem(fileName);
  if (badName) throw new AppError('invalid', 'bad_file_name', badName, { file: badName });
  const named = mediaFormatFromName(fileName);
  if (!named) throw unsupported(`只能上传 ${FORMAT_NAMES}`);
  const kind = MEDIA_KIND[named];
  if (want && kind !== want) throw unsupported(want === 'image' ? '图解只能上传 PNG、JPG 或 SVG 图片' : '视频只能上传 MP4 或 WebM 文件');
  const limit = named === 'svg' ? MAX_SVG_BYTES : kind === 'image' ? MAX_IMAGE_BYTES : MAX_VIDEO_BYTES;
  if (buf.length > limit) {
    const m = `${named === 'svg' ? 'SVG 图片' : kind === 'image' ? '图片' : '视频'}不能超过 ${limit / 1024 / 1024} MB`;
    throw new AppError('payload_too_large', 'attachment_too_large', m, { file: m });
  }
  const actual = sniffMedia(buf);
  if (actual !== named) throw unsupported(`文件内容与扩展名不符：不是有效的 ${named.toUpperCase()} 文件`);
  if (named !== 'svg') return { format: named, kind, mime: MEDIA_MIME[named], data: buf };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\ufeff/, '');
  } catch {
    throw unsupported('SVG 图片须为 UTF-8 编码');
  }
  const clean = sanitizeSvg(text);
  if (!clean) throw unsupported('SVG 图片含有外部引用、实体声明或脚本链接，不能使用；请导出为不含外部资源的 SVG 或改用 PNG');
  return { format: 'svg', kind, mime: MEDIA_MIME.svg, data: Buffer.from(clean, 'utf8') };
}
