/**
 * Hostile workbooks, written as raw ZIP archives (so their sizes and their lies are exact):
 * - `bigLinesWorkbook`: a valid 基本支出 sheet in the template's columns with ~138,000 rows — about 2 MB on the
 *   wire, about 20 MB of sheet XML once unpacked;
 * - `zipBomb`: a ~1 MB file whose sheet inflates to 1 GiB of whitespace inside <sheetData>; with `lie` its
 *   directory declares a 1 KiB sheet, so only a reader that caps what it actually inflates is safe;
 * - `smallLinesWorkbook`: a valid two-line import (the payload of a forged cross-site commit).
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { deflatedEntry, zipArchive, type DeflatedEntry } from '../../lib/security/testing/zip';

const entry = (name: string, content: string) => deflatedEntry(name, content, 6);

const SHEET_NAME = '基本支出';
const HEADERS = ['单位', '功能科目编码', '经济科目编码', '资金来源', '金额（元）'];

function workbookParts(sheet: DeflatedEntry): DeflatedEntry[] {
  return [
    entry(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    ),
    entry(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    entry(
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        `<sheets><sheet name="${SHEET_NAME}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    entry(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    ),
    entry(
      'xl/sharedStrings.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>general</t></si></sst>',
    ),
    sheet,
  ];
}

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

const inline = (ref: string, v: string) => `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;
const headerRow = () => `<row r="1">${HEADERS.map((h, i) => inline(`${'ABCDE'[i]}1`, h)).join('')}</row>`;

/**
 * A data row: unit by 序号, the codes as numbers (as Excel stores typed digits), the source key as shared string 0,
 * the amount in 元.
 */
function lineRow(r: number, amountYuan: string): string {
  return (
    `<row r="${r}"><c r="A${r}"><v>1</v></c><c r="B${r}"><v>2080101</v></c><c r="C${r}"><v>30201</v></c>` +
    `<c r="D${r}" t="s"><v>0</v></c><c r="E${r}"><v>${amountYuan}</v></c></row>`
  );
}

export function bigLinesWorkbook(rows = 138_000): { file: Buffer; unpacked: number; rows: number } {
  const parts = [SHEET_HEAD, headerRow()];
  for (let r = 2; r <= rows + 1; r++) parts.push(lineRow(r, String((r % 97) + 1)));
  parts.push(SHEET_TAIL);
  const sheet = entry('xl/worksheets/sheet1.xml', parts.join(''));
  return { file: zipArchive(workbookParts(sheet)), unpacked: sheet.size, rows };
}

export function smallLinesWorkbook(): Buffer {
  return zipArchive(workbookParts(entry('xl/worksheets/sheet1.xml', SHEET_HEAD + headerRow() + lineRow(2, '1.00') + lineRow(3, '2.00') + SHEET_TAIL)));
}

/**
 * 1 GiB of spaces in <sheetData>, compressed once as a flushed, byte-aligned deflate block of 16 MiB that is
 * repeated 64 times (deflate blocks concatenate), so writing the bomb costs ~1 MB of memory, not 1 GiB.
 */
export function zipBomb(opts: { lie: boolean }): { file: Buffer; unpacked: number } {
  const CHUNK = 16 * 1024 * 1024;
  const REPEAT = 64;
  const spaces = Buffer.alloc(CHUNK, 0x20);
  const flush = (b: Buffer) => deflateRawSync(b, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const head = Buffer.from(SHEET_HEAD + headerRow());
  const tail = Buffer.from(SHEET_TAIL);
  const body = flush(spaces);
  const data = Buffer.concat([flush(head), ...Array.from({ length: REPEAT }, () => body), deflateRawSync(tail)]);
  let crc = crc32(head);
  for (let i = 0; i < REPEAT; i++) crc = crc32(spaces, crc);
  crc = crc32(tail, crc) >>> 0;
  const size = head.length + CHUNK * REPEAT + tail.length;
  const sheet: DeflatedEntry = { name: 'xl/worksheets/sheet1.xml', data, crc, size, declaredSize: opts.lie ? 1024 : size };
  return { file: zipArchive(workbookParts(sheet)), unpacked: size };
}
