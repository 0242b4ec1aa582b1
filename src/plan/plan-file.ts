// Uploaded file → ParsedPlan. The format is sniffed from the bytes, not trusted from the name:
// a zip holding word/document.xml is a .docx, one holding xl/workbook.xml an .xlsx, and
// anything that decodes as text (UTF-8, UTF-16 with BOM, or GB18030 from Chinese Windows) is
// plan text. The filename only appears in messages.
import { docxToPlanText } from './plan-docx.js';
import { PlanParseError, UNSUPPORTED_FILE_MESSAGE } from './plan-errors.js';
import { parsePlanText } from './plan-text-parser.js';
import type { ParsedPlan } from './plan-types.js';
import { parsePlanXlsx } from './plan-xlsx.js';
import { isZip, zipEntryNames } from './zip-entries.js';
import { checkOfficeFile } from '../lib/office-file-limits.js';

export type PlanFileKind = 'docx' | 'xlsx' | 'text' | 'corrupt' | 'unsupported';

const startsWith = (buf: Buffer, bytes: number[]) => bytes.every((b, i) => buf[i] === b);

// Formats people upload by mistake, with a hint where the fix is simple.
const KNOWN_BINARY: { magic: number[]; hint: string }[] = [
  { magic: [0xd0, 0xcf, 0x11, 0xe0], hint: '旧版 .doc/.xls 文件请在 Word/Excel 中另存为 .docx/.xlsx 后上传。' },
  { magic: [0x25, 0x50, 0x44, 0x46], hint: 'PDF 文件无法可靠还原表格，请上传 Word 原件（.docx）。' },
  { magic: [0x89, 0x50, 0x4e, 0x47], hint: '' },
  { magic: [0xff, 0xd8, 0xff], hint: '' },
  { magic: [0x47, 0x49, 0x46, 0x38], hint: '' },
  { magic: [0x42, 0x4d], hint: '' },
  { magic: [0x52, 0x49, 0x46, 0x46], hint: '' },
  { magic: [0x49, 0x49, 0x2a, 0x00], hint: '' },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], hint: '' },
];

const unsupported = (filename: string, hint = '') =>
  new PlanParseError('plan_unsupported_file', `${UNSUPPORTED_FILE_MESSAGE}（收到：${filename}）${hint ? ` ${hint}` : ''}`);

/** Decodes plan text, or returns null when the bytes are not text. */
export const decodeText = (buf: Buffer): string | null => {
  if (startsWith(buf, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (startsWith(buf, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  let text: string | null = null;
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(buf);
      break;
    } catch {
      // Not this encoding; try the next one, and give up (null) after the last.
    }
  }
  if (text === null) return null;
  // Text files have no NULs and hardly any other control characters.
  const controls = text.slice(0, 8192).match(/[\u0000-\u0008\u000e-\u001f]/g)?.length ?? 0;
  return controls === 0 || controls < text.slice(0, 8192).length / 1000 ? text : null;
};

export const sniffPlanFile = (buf: Buffer): PlanFileKind => {
  if (isZip(buf)) {
    const names = zipEntryNames(buf);
    if (names === null) return 'corrupt';
    if (names.includes('word/document.xml')) return 'docx';
    if (names.includes('xl/workbook.xml')) return 'xlsx';
    return 'unsupported';
  }
  if (KNOWN_BINARY.some((k) => startsWith(buf, k.magic))) return 'unsupported';
  return decodeText(buf) === null ? 'unsupported' : 'text';
};

/** A plan is a few hundred tasks: far tighter than the shared defaults. */
const PLAN_OFFICE_LIMITS = { maxDeclaredBytes: 32 * 1024 * 1024, maxUncompressedBytes: 32 * 1024 * 1024, maxRows: 20_000, maxCells: 100_000 };

/**
 * Parses an uploaded plan: .txt/.md text, .docx or a task-table .xlsx.
 * Throws PlanParseError for anything else or for a file without a task table.
 */
export const parsePlanFile = async (buffer: Buffer, filename: string): Promise<ParsedPlan> => {
  switch (sniffPlanFile(buffer)) {
    case 'docx':
      await checkOfficeFile(buffer, 'docx', PLAN_OFFICE_LIMITS);
      return parsePlanText(await docxToPlanText(buffer), { source: 'docx' });
    case 'xlsx':
      await checkOfficeFile(buffer, 'xlsx', PLAN_OFFICE_LIMITS);
      return parsePlanXlsx(buffer);
    case 'text':
      return parsePlanText(decodeText(buffer) ?? '');
    case 'corrupt':
      throw new PlanParseError('plan_corrupt_file', `文件「${filename}」已损坏或不完整，无法读取（应为 .docx 或 .xlsx）`);
    default: {
      const known = KNOWN_BINARY.find((k) => startsWith(buffer, k.magic));
      throw unsupported(filename, known?.hint);
    }
  }
};

/** The plan's text as the parser reads it (.txt/.md decoded, .docx laid out as its text export); null for .xlsx and the rest. */
export const planFileText = async (buffer: Buffer): Promise<string | null> => {
  const kind = sniffPlanFile(buffer);
  if (kind === 'docx') return docxToPlanText(buffer);
  return kind === 'text' ? decodeText(buffer) : null;
};
