/**
 * A look inside an uploaded xlsx (a ZIP) before anything parses it: a small file can unpack to gigabytes of XML (a
 * decompression bomb) and take the server's memory with it. The archive's directory is read from the bytes already
 * in memory, and every entry is inflated in small slices with a running output count, the output thrown away, so
 * neither a lying size field nor a bomb can make the check itself hold more than a slice's worth of XML.
 */
import { createInflateRaw } from 'node:zlib';

/**
 * What an upload may unpack to, all parts together. The largest allowed workbook (20,000 lines in the template,
 * with its reference sheets) unpacks to about 5 MB; 24 MiB leaves room for wide sheets and other producers'
 * verbose XML (Excel writes spans and styles on every row) while keeping a bomb far from the 256 MiB heap.
 */
export const MAX_UNPACKED_BYTES = 24 * 1024 * 1024;
/** Parts in the archive: a workbook has a dozen or two; a few hundred sheets and images is already unusual. */
const MAX_ENTRIES = 1_000;

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  /** Where the entry's compressed data starts in the archive. */
  dataStart: number;
  compressedSize: number;
  declaredSize: number;
  encrypted: boolean;
}

/** The archive's directory could not be read: not a zip, truncated, or zip64 (never needed by an upload). */
export class ZipFormatError extends Error {
  constructor(readonly reason: 'unreadable' | 'zip64' | 'entries') {
    super(reason);
    this.name = 'ZipFormatError';
  }
}

/** The entries of an in-memory zip, from its central directory (the local headers only locate the data). */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // end of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('unreadable');
  const count = buf.readUInt16LE(eocd + 10);
  const dirOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw new ZipFormatError('zip64');
  if (count > MAX_ENTRIES) throw new ZipFormatError('entries');
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new ZipFormatError('unreadable');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const declaredSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    if (compressedSize === 0xffffffff || declaredSize === 0xffffffff || local === 0xffffffff) throw new ZipFormatError('zip64');
    if (p + 46 + nameLen > buf.length) throw new ZipFormatError('unreadable');
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw new ZipFormatError('unreadable');
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (dataStart + compressedSize > buf.length) throw new ZipFormatError('unreadable');
    entries.push({ name, method, dataStart, compressedSize, declaredSize, encrypted: (flags & 1) === 1 });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** An entry inflated to more than the bytes allowed for it. */
export class UnpackedTooLargeError extends Error {
  constructor() {
    super('unpacked too large');
    this.name = 'UnpackedTooLargeError';
  }
}

/**
 * Compressed input is handed to zlib this many bytes at a time: zlib inflates a whole input chunk before the reader
 * sees any of it, and deflate expands at most ~1,032:1, so one slice never yields more than about 8 MB at once.
 */
const SLICE = 8 * 1024;
/**
 * zlib's output buffer: each one filled is a round trip to the thread pool, so 16 KiB (the default) makes a 20 MB
 * sheet 1,200 of them, seconds on a busy machine; 256 KiB makes it 80.
 */
const OUTPUT_CHUNK = 256 * 1024;

/**
 * The entry's content, chunk by chunk, throwing UnpackedTooLargeError as soon as more than `maxBytes` came out
 * (whatever the entry declares). Stopping early (a `break` in the caller's loop) ends the inflation.
 */
export async function* inflateEntry(archive: Uint8Array, entry: ZipEntry, maxBytes: number): AsyncGenerator<Buffer> {
  const data = Buffer.from(archive.buffer, archive.byteOffset + entry.dataStart, entry.compressedSize);
  if (entry.method === 0) {
    if (data.length > maxBytes) throw new UnpackedTooLargeError();
    for (let i = 0; i < data.length; i += 64 * 1024) yield data.subarray(i, i + 64 * 1024);
    return;
  }
  if (entry.method !== 8) throw new ZipFormatError('unreadable');
  const inflate = createInflateRaw({ chunkSize: OUTPUT_CHUNK });
  let offset = 0;
  const feed = () => {
    // one slice at a time, and the next only when zlib has drained the previous one
    while (offset < data.length) {
      const slice = data.subarray(offset, offset + SLICE);
      offset += SLICE;
      if (!inflate.write(slice)) {
        inflate.once('drain', feed);
        return;
      }
    }
    inflate.end();
  };
  let total = 0;
  try {
    feed();
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw new UnpackedTooLargeError();
      yield chunk;
    }
  } finally {
    inflate.destroy();
  }
}

/** How many bytes the entry inflates to, counted and discarded, or Infinity once over `maxBytes`. */
async function unpackedSize(archive: Uint8Array, entry: ZipEntry, maxBytes: number): Promise<number> {
  let n = 0;
  try {
    for await (const chunk of inflateEntry(archive, entry, maxBytes)) n += chunk.length;
  } catch (e) {
    if (e instanceof UnpackedTooLargeError) return Infinity;
    throw e;
  }
  return n;
}

const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));

/**
 * A Chinese reason when the archive would unpack to too much, else null. An archive whose directory cannot be read
 * is left to the workbook reader, which refuses it with its own message (it needs the same directory).
 */
export async function unsafeXlsxReason(bytes: Uint8Array, maxUnpacked = MAX_UNPACKED_BYTES): Promise<string | null> {
  const tooLarge = `工作簿解压后过大（超过 ${mb(maxUnpacked)} MB），请只保留需要导入的数据`;
  let entries: ZipEntry[];
  try {
    entries = zipEntries(bytes);
  } catch (e) {
    if (!(e instanceof ZipFormatError)) throw e;
    if (e.reason === 'entries') return `工作簿包含的部件过多（超过 ${MAX_ENTRIES.toLocaleString('en-US')} 个），无法导入`;
    if (e.reason === 'zip64') return '工作簿过大，无法导入';
    return null;
  }
  let budget = maxUnpacked;
  for (const entry of entries) {
    if (entry.encrypted) return '工作簿已加密，请在 Excel 中取消密码保护后再导入';
    if (entry.method !== 0 && entry.method !== 8) return '工作簿使用了不支持的压缩方式';
    if (entry.declaredSize > budget) return tooLarge;
    let size: number;
    try {
      size = await unpackedSize(bytes, entry, budget);
    } catch {
      return `工作簿解压后过大（超过 ${mb(maxUnpacked)} MB）或已损坏，无法导入`;
    }
    budget -= size;
    if (budget < 0) return tooLarge;
  }
  return null;
}
