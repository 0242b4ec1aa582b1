// What an uploaded attachment is (judged by its bytes, not its name) and its text for search and the
// privacy scan. Allowed: pdf, docx, xlsx, txt, jpg, png up to 20 MB.
import { AppError } from '../lib/errors.js';
import { checkOfficeFile } from '../lib/office-file-limits.js';
import { extractOfficeText } from '../lib/office-extract.js';
import { fileNameProblem } from '../lib/validate.js';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
/** Extracted text kept per attachment (search and scanning need no more). */
const MAX_TEXT_CHARS = 2_000_000;

export type AttachmentKind = 'pdf' | 'docx' | 'xlsx' | 'txt' | 'jpg' | 'png';
export const ATTACHMENT_KINDS: readonly AttachmentKind[] = ['pdf', 'docx', 'xlsx', 'txt', 'jpg', 'png'];
export const MIME: Record<AttachmentKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  txt: 'text/plain; charset=utf-8',
  jpg: 'image/jpeg',
  png: 'image/png',
};
/** Kinds whose text cannot be extracted here: the privacy section tells the reviewer to check them by eye. */
export const UNSCANNED_KINDS: readonly AttachmentKind[] = ['pdf', 'jpg', 'png'];

const unsupported = (message: string) => new AppError('unsupported_media', 'unsupported_attachment', message);

/** Kind named by the file extension, or null. */
export function kindFromName(name: string): AttachmentKind | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (ext === 'jpeg') return 'jpg';
  return ext && (ATTACHMENT_KINDS as readonly string[]).includes(ext) ? (ext as AttachmentKind) : null;
}

/** File name as shown and sent back: no path, no control characters, at most 120 characters. */
export function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  if (base.length <= 120) return base;
  const ext = /\.[A-Za-z0-9]{1,5}$/.exec(base)?.[0] ?? '';
  return base.slice(0, 120 - ext.length) + ext;
}

/** Central-directory names and declared sizes of a ZIP archive, or null when it is not one. */
function zipEntries(buf: Buffer): { name: string; size: number }[] | null {
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) return null;
  let eocd = -1;
  for (let p = buf.length - 22; p >= Math.max(0, buf.length - 22 - 0xffff); p--) {
    if (buf.readUInt32LE(p) === 0x06054b50) { eocd = p; break; }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: { name: string; size: number }[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLen = buf.readUInt16LE(p + 28);
    out.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), size: buf.readUInt32LE(p + 24) });
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

function decodeText(buf: Buffer): string | null {
  if (buf.includes(0)) return null;
  for (const enc of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(enc, { fatal: true }).decode(buf).replace(/^\ufeff/, '');
    } catch {
      // not this encoding: try the next one (GB18030 is what older Windows editors save)
    }
  }
  return null;
}

// Markup a browser would run if it ever rendered the bytes as HTML/SVG.
const MARKUP = /<(?:!doctype\s+html|html|head|body|script|iframe|svg|object|embed|meta|img|a\s)[\s>/]/i;

/**
 * A PDF by structure, not just its magic: the header at the very start and no HTML/SVG markup in
 * the readable head or tail (an HTML page with "%PDF-" inside is a polyglot, not a document).
 */
function looksLikePdf(buf: Buffer): boolean {
  if (!buf.subarray(0, 5).equals(Buffer.from('%PDF-'))) return false;
  const head = buf.subarray(0, 64 * 1024).toString('latin1');
  const tail = buf.subarray(Math.max(0, buf.length - 4096)).toString('latin1');
  return !MARKUP.test(head) && !MARKUP.test(tail);
}

/** The kind the bytes really are, or null. */
export function sniffKind(buf: Buffer): AttachmentKind | null {
  // Executables never pass as documents, whatever else they contain.
  if (buf.length >= 2 && ((buf[0] === 0x4d && buf[1] === 0x5a) || buf.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46])))) return null;
  if (buf.subarray(0, 1024).includes('%PDF-')) return looksLikePdf(buf) ? 'pdf' : null;
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpg';
  const zip = zipEntries(buf);
  if (zip) {
    if (zip.some((e) => e.name === 'word/document.xml')) return 'docx';
    if (zip.some((e) => e.name === 'xl/workbook.xml')) return 'xlsx';
    return null;
  }
  return buf.length > 0 && decodeText(buf) !== null ? 'txt' : null;
}

/**
 * Checks an upload and extracts its text. Throws 415 when the type is not allowed or the
 * content does not match the extension (an .exe renamed .pdf), 413 when it is too large.
 */
export async function inspectAttachment(fileName: string, buf: Buffer): Promise<{ kind: AttachmentKind; mime: string; text: string }> {
  if (buf.length > MAX_ATTACHMENT_BYTES) throw new AppError('payload_too_large', 'attachment_too_large', '附件不能超过 20 MB');
  if (buf.length === 0) throw new AppError('invalid', 'empty_attachment', '附件是空文件', { file: '附件是空文件' });
  const badName = fileNameProblem(fileName);
  if (badName) throw new AppError('invalid', 'bad_file_name', badName, { file: badName });
  const named = kindFromName(fileName);
  if (!named) throw unsupported('只能上传 PDF、Word（docx）、Excel（xlsx）、文本（txt）、JPG 或 PNG 文件');
  const actual = sniffKind(buf);
  if (actual !== named) throw unsupported(`文件内容与扩展名不符：「${cleanFileName(fileName)}」不是有效的 ${named.toUpperCase()} 文件`);
  // Size, ZIP-bomb, row/cell and time limits shared with every other office upload (src/lib/office-file-limits.ts).
  if (named === 'docx' || named === 'xlsx') await checkOfficeFile(buf, named, { maxFileBytes: MAX_ATTACHMENT_BYTES });
  let text = '';
  try {
    text = await extractText(named, buf);
  } catch (err) {
    // The parser's own message ("[xmldom error] …") is English internals: log it, never show it.
    if (err instanceof AppError) throw err;
    console.error('attachment text extraction failed:', (err as Error).message?.slice(0, 300));
    throw unsupported(`无法读取「${cleanFileName(fileName)}」：文件可能已损坏，请用 Office 或 WPS 打开后另存再上传`);
  }
  return { kind: named, mime: MIME[named], text: text.slice(0, MAX_TEXT_CHARS) };
}

async function extractText(kind: AttachmentKind, buf: Buffer): Promise<string> {
  switch (kind) {
    case 'txt':
      return decodeText(buf) ?? '';
    case 'docx':
    case 'xlsx':
      // mammoth / exceljs in a worker thread with a heap limit and a deadline (src/lib/office-extract.ts).
      return extractOfficeText(kind, buf);
    default:
      return '';
  }
}
