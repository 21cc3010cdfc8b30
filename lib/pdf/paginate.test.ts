/**
 * The print layout steps of lib/pdf/paginate.ts run by the real renderer (lib/export/pdf.ts, Chromium) on a small
 * page: a long table split into page-sized parts under （续） lines, no last page of one or two rows, and a 目录
 * that states the pages its entries landed on after the second printing.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { renderPdf } from '../export/pdf';
import { destinationPages } from './destinations';

const rows = (n: number) => Array.from({ length: n }, (_, i) => `<tr><th>row ${i + 1}</th><td>${i + 1}.00</td></tr>`).join('');
const table = (id: string, n: number) =>
  `<section id="${id}" class="disclosure-table" data-table-title="Table ${id}"><p>label</p><h3>${id}</h3>
   <div><table><thead><tr><th>name</th><th>amount</th></tr></thead><tbody>${rows(n)}</tbody></table></div></section>`;

// the rules of app/globals.css this relies on, in small
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title><style>
  @page { size: A4; margin: 15mm 12mm; }
  body { margin: 0; font: 12px/20px sans-serif; }
  tr { height: 40px; break-inside: avoid; }
  .print-document .disclosure-table, .print-document .dt-cont { break-before: page; }
  </style></head><body><main class="print-document">
  <nav><p><a href="#t1">t1</a> <span data-toc-page="t1"></span></p><p><a href="#t2">t2</a> <span data-toc-page="t2"></span></p></nav>
  ${table('t1', 22)}${table('t2', 3)}
  </main></body></html>`;

let server: http.Server;
let url = '';
beforeAll(async () => {
  server = http.createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('the printed layout (splitTables, fillTocPages, two printings)', () => {
  it('splits a long table into parts marked （续）, keeps three rows on its last page and numbers the 目录', async () => {
    const bytes = new Uint8Array(await renderPdf(url, { idleMs: 1_000 }));
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const { text: pages } = await extractText(pdf, { mergePages: false });
    const compact = pages.map((p) => p.replace(/\s+/g, ''));
    // 22 rows of 40 px: 21 fit on the first page under the title, which would leave one for the second; the
    // second takes two more. (The test page has no CJK face: （续） prints as three missing glyphs.)
    const t1 = compact.flatMap((p, i) => (p.includes('labelt1') || p.startsWith('Tablet1') ? [i] : []));
    expect(t1).toHaveLength(2);
    expect(compact[t1[1]]).toMatch(/^Tablet1.{3}nameamount(row\d+\.00){3}$/u);
    expect(compact[t1[1]]).toContain('row2020.00row2121.00row2222.00');
    expect(compact[t1[0]]).toContain('row1919.00');
    expect(compact.join('').match(/row\d+\.00/g)).toHaveLength(25);
    // the 目录 (page 1) states where t1 and t2 begin
    const dests = await destinationPages(bytes);
    expect(dests.t2).toBe(dests.t1 + t1.length);
    expect(compact[0]).toBe(`t1${dests.t1}t2${dests.t2}`);
  }, 60_000);
});
