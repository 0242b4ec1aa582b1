// A minimal ZIP central-directory reader. It lets the importer tell "not a workbook"
// apart from "a workbook with problems", and count a sheet's rows before exceljs builds
// its (much heavier) object model, so oversized uploads are turned away cheaply.
import { inflateRawSync } from 'node:zlib';

export type ZipEntry = {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
};

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const EOCD_MIN = 22;

const findEocd = (buf: Buffer): number => {
  // The end record sits in the last 22 bytes plus an optional comment of ≤ 65535 bytes.
  const stop = Math.max(0, buf.length - EOCD_MIN - 0xffff);
  for (let p = buf.length - EOCD_MIN; p >= stop; p--) {
    if (buf.readUInt32LE(p) === EOCD_SIG) return p;
  }
  return -1;
};

/** Entries of a ZIP archive, or null when the bytes are not a readable (non-ZIP64) archive. */
export const listZipEntries = (buf: Buffer): ZipEntry[] | null => {
  if (buf.length < EOCD_MIN || buf.readUInt32LE(0) !== LOCAL_SIG) return null;
  const eocd = findEocd(buf);
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  // 0xffffffff marks ZIP64, which only files over 4 GB need; uploads are far smaller.
  if (p === 0xffffffff || p >= buf.length) return null;
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL_SIG) return null;
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    entries.push({
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
};

/**
 * Uncompressed bytes of one entry, refusing to inflate more than `maxBytes`
 * (a ZIP bomb would otherwise exhaust memory). Throws on damaged data.
 */
export const readZipEntry = (buf: Buffer, entry: ZipEntry, maxBytes: number): Buffer => {
  const p = entry.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL_SIG) throw new Error(`bad local header for ${entry.name}`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (data.length > maxBytes) throw new RangeError(`${entry.name} is larger than ${maxBytes} bytes`);
    return data;
  }
  if (entry.method === 8) return inflateRawSync(data, { maxOutputLength: maxBytes });
  throw new Error(`unsupported compression method ${entry.method} for ${entry.name}`);
};
