/**
 * ZIP archives written byte by byte (node:zlib only), for crafting uploads whose every size and every lie is exact:
 * workbooks that look like Excel's, archives that are not workbooks, and bombs whose directory understates what
 * they inflate to. Used by the security tests, the attack suite and the import benchmark.
 */
import zlib from 'node:zlib';

/** One entry, already deflated (raw deflate), so a caller can build data no single deflate call would write. */
export interface DeflatedEntry {
  name: string;
  data: Buffer;
  crc: number;
  size: number;
  /** The uncompressed size the headers declare (defaults to the true size). */
  declaredSize?: number;
}

/** Deflates `content` into an entry (`level` as zlib's; 9 is smallest, 6 zlib's default and much faster). */
export function deflatedEntry(name: string, content: string | Uint8Array, level = 9): DeflatedEntry {
  const raw = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  return { name, data: zlib.deflateRawSync(raw, { level }), crc: zlib.crc32(raw) >>> 0, size: raw.length };
}

/** The archive of the entries, in order: local headers with their data, the central directory, its end record. */
export function zipArchive(entries: readonly DeflatedEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declaredSize ?? e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A zip of the given entries, deflated: `zip([{ name: 'hello.txt', data: 'hi' }])`. */
export function zip(entries: readonly { name: string; data: string | Uint8Array }[], level = 9): Buffer {
  return zipArchive(entries.map((e) => deflatedEntry(e.name, e.data, level)));
}
