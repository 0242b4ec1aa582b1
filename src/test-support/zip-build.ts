// A tiny ZIP writer for tests of upload limits: real deflate, real CRCs, and an optional lie in the
// central directory's declared size (what a crafted ZIP bomb does).
import { crc32, deflateRawSync } from 'node:zlib';

export type ZipPart = { name: string; data: Buffer | string; declaredSize?: number; store?: boolean };

export function buildZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const raw = typeof p.data === 'string' ? Buffer.from(p.data, 'utf8') : p.data;
    const body = p.store ? raw : deflateRawSync(raw);
    const name = Buffer.from(p.name, 'utf8');
    const crc = crc32(raw);
    const size = p.declaredSize ?? raw.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(p.store ? 0 : 8, 8); local.writeUInt32LE(crc, 14); local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22); local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(p.store ? 0 : 8, 10); c.writeUInt32LE(crc, 16); c.writeUInt32LE(body.length, 20); c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28); c.writeUInt32LE(offset, 42);
    centrals.push(c, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0); eocd.writeUInt16LE(parts.length, 8); eocd.writeUInt16LE(parts.length, 10);
  eocd.writeUInt32LE(cd.length, 12); eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const CT = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

/** An .xlsx-shaped package whose one sheet has `rows` rows of `cols` cells (tiny when compressed). */
export function bigSheetXlsx(rows: number, cols = 1, over: Partial<ZipPart> = {}): Buffer {
  const cells = Array.from({ length: cols }, (_, i) => `<c r="${String.fromCharCode(65 + (i % 26))}1" t="n"><v>1</v></c>`).join('');
  const row = `<row r="1">${cells}</row>`;
  const sheet = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${row.repeat(rows)}</sheetData></worksheet>`;
  return buildZip([
    { name: '[Content_Types].xml', data: CT },
    { name: 'xl/workbook.xml', data: '<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>' },
    { name: 'xl/worksheets/sheet1.xml', data: sheet, ...over },
  ]);
}

/** A .docx-shaped package with `paragraphs` paragraphs. */
export function bigDocx(paragraphs: number, over: Partial<ZipPart> = {}): Buffer {
  const doc = `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${'<w:p><w:r><w:t>一</w:t></w:r></w:p>'.repeat(paragraphs)}</w:body></w:document>`;
  return buildZip([
    { name: '[Content_Types].xml', data: CT },
    { name: 'word/document.xml', data: doc, ...over },
  ]);
}
