// One set of limits for every path that opens an uploaded .xlsx/.docx (attachment text extraction,
// plan import, ledger import): declared and actual uncompressed size, entry count, row/cell (or
// paragraph/table-cell) counts and a time budget, checked by streaming the ZIP's parts through a
// counting inflater before exceljs or mammoth build their (much heavier) object models. Nothing is
// kept in memory but one chunk at a time, so a ZIP bomb costs at most `maxUncompressedBytes` of CPU.
import { createInflateRaw } from 'node:zlib';
import { AppError } from './errors.js';

export type OfficeKind = 'xlsx' | 'docx';

export type OfficeLimits = {
  /** The upload itself. */
  maxFileBytes: number;
  /** Sum of the sizes the central directory declares. */
  maxDeclaredBytes: number;
  /** Sum of the bytes really inflated (a lying directory is caught here). */
  maxUncompressedBytes: number;
  maxEntries: number;
  /** .xlsx: `<row>` elements over all sheets; .docx: paragraphs. */
  maxRows: number;
  /** .xlsx: `<c>` elements over all sheets; .docx: table cells. */
  maxCells: number;
  /** Wall-clock budget for the check itself, in milliseconds. */
  timeBudgetMs: number;
};

export const DEFAULT_OFFICE_LIMITS: OfficeLimits = {
  maxFileBytes: 20 * 1024 * 1024,
  maxDeclaredBytes: 64 * 1024 * 1024,
  maxUncompressedBytes: 64 * 1024 * 1024,
  maxEntries: 5000,
  maxRows: 50_000,
  maxCells: 500_000,
  timeBudgetMs: 10_000,
};

export type OfficeLimitCode =
  | 'office_not_zip' | 'office_too_large' | 'office_zip_bomb' | 'office_too_many_entries'
  | 'office_too_many_rows' | 'office_too_many_cells' | 'office_time_budget' | 'office_corrupt';

/** A refused office file: 400 with a Chinese message on the `file` field. */
export class OfficeFileLimitError extends AppError {
  constructor(code: OfficeLimitCode, message: string) {
    super('invalid', code, message, { file: message });
    this.name = 'OfficeFileLimitError';
  }
}

export type OfficeFileFacts = { entries: number; declaredBytes: number; uncompressedBytes: number; rows: number; cells: number };

type Entry = { name: string; method: number; compressedSize: number; size: number; localOffset: number };

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

function centralDirectory(buf: Buffer, limits: OfficeLimits): Entry[] {
  const corrupt = () => new OfficeFileLimitError('office_corrupt', '文件已损坏或不是有效的 Office 文件');
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) throw new OfficeFileLimitError('office_not_zip', '文件不是有效的 .docx/.xlsx 文件');
  let eocd = -1;
  for (let p = buf.length - 22; p >= Math.max(0, buf.length - 22 - 0xffff); p--) {
    if (buf.readUInt32LE(p) === 0x06054b50) { eocd = p; break; }
  }
  if (eocd < 0) throw corrupt();
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  // ZIP64 (0xffff / 0xffffffff markers) is only needed beyond 4 GB or 65535 entries: never a real upload.
  if (count === 0xffff || p === 0xffffffff || p >= buf.length) throw corrupt();
  if (count > limits.maxEntries) throw new OfficeFileLimitError('office_too_many_entries', `文件包含 ${count} 个部件，超过上限 ${limits.maxEntries}`);
  const out: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw corrupt();
    const nameLen = buf.readUInt16LE(p + 28);
    out.push({
      method: buf.readUInt16LE(p + 10), compressedSize: buf.readUInt32LE(p + 20), size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42), name: buf.toString('utf8', p + 46, p + 46 + nameLen),
    });
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

/** Which parts hold the rows and cells we count, and the patterns for them. */
function counterFor(kind: OfficeKind, name: string): { row: RegExp; cell: RegExp } | null {
  if (kind === 'xlsx' && /^xl\/worksheets\/[^/]+\.xml$/.test(name)) return { row: /<(?:[\w-]+:)?row[\s>/]/g, cell: /<(?:[\w-]+:)?c[\s>/]/g };
  if (kind === 'docx' && /^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/.test(name)) return { row: /<w:p[\s>/]/g, cell: /<w:tc[\s>/]/g };
  return null;
}

/**
 * Streams one entry through inflate, counting bytes (and rows/cells for the parts that hold them),
 * stopping as soon as any limit is passed. Resolves with the number of bytes inflated.
 */
function inflateCounting(data: Buffer, onChunk: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const z = createInflateRaw({ chunkSize: 64 * 1024 });
    let failed = false;
    z.on('data', (chunk: Buffer) => {
      if (failed) return;
      try { onChunk(chunk); } catch (err) { failed = true; z.destroy(); reject(err); }
    });
    z.on('error', (err) => { if (!failed) { failed = true; reject(err); } });
    z.on('end', () => { if (!failed) resolve(); });
    z.end(data);
  });
}

/**
 * Checks an uploaded .xlsx/.docx against the limits; throws OfficeFileLimitError (400, Chinese message,
 * `file` field) when it is too big, too complex, slower than the budget, or a ZIP bomb.
 */
export async function checkOfficeFile(buf: Buffer, kind: OfficeKind, over: Partial<OfficeLimits> = {}): Promise<OfficeFileFacts> {
  const limits = { ...DEFAULT_OFFICE_LIMITS, ...over };
  const deadline = Date.now() + limits.timeBudgetMs;
  if (buf.length > limits.maxFileBytes) throw new OfficeFileLimitError('office_too_large', `文件不能超过 ${mb(limits.maxFileBytes)}`);
  const entries = centralDirectory(buf, limits);
  const declaredBytes = entries.reduce((s, e) => s + e.size, 0);
  if (declaredBytes > limits.maxDeclaredBytes) throw new OfficeFileLimitError('office_zip_bomb', `文件解压后超过 ${mb(limits.maxDeclaredBytes)}，无法处理`);
  let uncompressedBytes = 0;
  let rows = 0;
  let cells = 0;
  for (const e of entries) {
    if (e.name.endsWith('/') && e.size === 0) continue;
    const p = e.localOffset;
    if (p + 30 > buf.length || buf.readUInt32LE(p) !== 0x04034b50) throw new OfficeFileLimitError('office_corrupt', '文件已损坏或不是有效的 Office 文件');
    const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
    const data = buf.subarray(start, start + e.compressedSize);
    const counter = counterFor(kind, e.name);
    let entryBytes = 0;
    let carry = '';
    const onChunk = (chunk: Buffer) => {
      entryBytes += chunk.length;
      uncompressedBytes += chunk.length;
      if (uncompressedBytes > limits.maxUncompressedBytes) throw new OfficeFileLimitError('office_zip_bomb', `文件解压后超过 ${mb(limits.maxUncompressedBytes)}，无法处理`);
      if (entryBytes > e.size) throw new OfficeFileLimitError('office_zip_bomb', '文件的压缩目录与内容不符（可能是压缩炸弹），无法处理');
      if (Date.now() > deadline) throw new OfficeFileLimitError('office_time_budget', '文件过于复杂，无法在限定时间内处理');
      if (counter) {
        // latin1 keeps one char per byte, so ASCII tags are found regardless of UTF-8 boundaries.
        const s = carry + chunk.toString('latin1');
        rows += s.match(counter.row)?.length ?? 0;
        cells += s.match(counter.cell)?.length ?? 0;
        // Keep a short tail so a tag split across chunks is seen once (the tail has no complete tag start
        // that was counted: cut it at the last '<').
        const cut = s.lastIndexOf('<');
        carry = cut >= 0 && s.length - cut < 16 ? s.slice(cut) : '';
        if (carry) {
          rows -= carry.match(counter.row)?.length ?? 0;
          cells -= carry.match(counter.cell)?.length ?? 0;
        }
        if (rows > limits.maxRows) throw new OfficeFileLimitError('office_too_many_rows', kind === 'xlsx' ? `表格超过 ${limits.maxRows} 行，请拆分后上传` : `文档超过 ${limits.maxRows} 个段落，请拆分后上传`);
        if (cells > limits.maxCells) throw new OfficeFileLimitError('office_too_many_cells', kind === 'xlsx' ? `表格超过 ${limits.maxCells} 个单元格，请拆分后上传` : `文档表格超过 ${limits.maxCells} 个单元格，请拆分后上传`);
      }
    };
    try {
      if (e.method === 0) onChunk(data);
      else if (e.method === 8) await inflateCounting(data, onChunk);
      else throw new OfficeFileLimitError('office_corrupt', '文件使用了不支持的压缩方式');
    } catch (err) {
      if (err instanceof OfficeFileLimitError) throw err;
      throw new OfficeFileLimitError('office_corrupt', '文件已损坏或不是有效的 Office 文件');
    }
    if (entryBytes !== e.size) throw new OfficeFileLimitError('office_corrupt', '文件的压缩目录与内容不符，文件可能已损坏');
  }
  return { entries: entries.length, declaredBytes, uncompressedBytes, rows, cells };
}
