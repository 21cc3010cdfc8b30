/**
 * A look inside an uploaded xlsx (a ZIP) before a workbook library loads it: a small file can unpack to gigabytes
 * of XML (a decompression bomb) and take the server's memory with it. Every entry is inflated with a hard output
 * cap, so a lying size field cannot get past it either.
 */
import { inflateRawSync } from 'node:zlib';

export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;
const MAX_ENTRIES = 2_000;

/**
 * A Chinese reason when the archive would unpack to too much, else null. An archive whose directory cannot be read
 * is left to the workbook loader, which refuses it with its own message (it needs the same directory).
 */
export function unsafeXlsxReason(bytes: Uint8Array, maxUnpacked = MAX_UNPACKED_BYTES): string | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // end of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  const dirOffset = buf.readUInt32LE(eocd + 16);
  if (entries > MAX_ENTRIES) return '工作簿包含的部件过多，无法导入';
  let p = dirOffset;
  let budget = maxUnpacked;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const declared = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    if (compressed === 0xffffffff || declared === 0xffffffff || local === 0xffffffff) return '工作簿过大，无法导入';
    if (declared > budget) return '工作簿解压后过大（超过 64 MB），请只保留需要导入的数据';
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return null;
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + compressed);
    let size: number;
    if (method === 0) size = data.length;
    else if (method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: budget }).length;
      } catch {
        return '工作簿解压后过大（超过 64 MB）或已损坏，无法导入';
      }
    } else return '工作簿使用了不支持的压缩方式';
    budget -= size;
    if (budget < 0) return '工作簿解压后过大（超过 64 MB），请只保留需要导入的数据';
    p += 46 + nameLen + extraLen + commentLen;
  }
  return null;
}
