/**
 * Produces the 13-table PDF fixture of the checker's readers (lib/checker/testing/fixtures/demo-shanxi-13.pdf): the
 * demo department's disclosure, laid out as the print page lays it out (components/DisclosureDocument in the
 * print page's <main>, the app's stylesheet compiled by Tailwind, the self-hosted Noto fonts), served on
 * 127.0.0.1:3125 and printed by the PDF export itself (lib/export/pdf.ts `renderPdf`: its pagination, 目录 pages
 * and print options). Run when the document layout changes: `npx tsx scripts/checker-fixture-pdf.ts`.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import postcss from 'postcss';
import tailwind from '@tailwindcss/postcss';
import { eq } from 'drizzle-orm';
import { disclosureDocumentHtml } from '../components/DisclosureDocument';
import { openDatabase } from '../db/client';
import { budgets, departments } from '../db/schema';
import { seedIfEmpty } from '../db/seed';
import { loadBudgetFacts } from '../lib/budget/load';
import { buildDocument } from '../lib/disclosure/document';
import { DEFAULT_REGION_TEXTS } from '../lib/region/texts';
import { renderPdf } from '../lib/export/pdf';

const OUT = path.resolve('lib/checker/testing/fixtures/demo-shanxi-13.pdf');
const PORT = 3125;
const require = createRequire(import.meta.url);
const FONT_DIRS: Record<string, string> = {
  sans: path.dirname(require.resolve('@fontsource/noto-sans-sc/400.css')),
  serif: path.dirname(require.resolve('@fontsource/noto-serif-sc/400.css')),
};

async function main() {
  const db = openDatabase(':memory:');
  seedIfEmpty(db, { passwordHasher: (p) => p });
  const dept = db.select().from(departments).where(eq(departments.code, '054')).get()!;
  const budget = db.select().from(budgets).where(eq(budgets.departmentId, dept.id)).get()!;
  const facts = loadBudgetFacts(db, budget.id);
  const doc = buildDocument(facts, DEFAULT_REGION_TEXTS);
  const body = disclosureDocumentHtml({ doc, forms: facts.forms, regionName: facts.department.regionName });

  const cssPath = path.resolve('app/globals.css');
  const css = (await postcss([tailwind()]).process(fs.readFileSync(cssPath, 'utf8'), { from: cssPath })).css;
  const fonts = ['sans/400', 'sans/700', 'serif/400', 'serif/700'].map((f) => `<link rel="stylesheet" href="/fonts/${f}.css">`).join('');
  const html =
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${doc.cover.title}${doc.cover.subtitle}</title>` +
    `${fonts}<style>${css}</style></head><body class="min-h-screen antialiased">` +
    `<main class="print-document mx-auto max-w-[210mm] bg-white px-6 py-6">${body}</main></body></html>`;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${PORT}`);
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      return;
    }
    const m = /^\/fonts\/(sans|serif)\/(.+)$/.exec(url.pathname);
    const dir = m ? FONT_DIRS[m[1]] : null;
    const file = dir && m ? path.join(dir, m[2]) : null;
    if (!dir || !file || !file.startsWith(dir + path.sep) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.endsWith('.css') ? 'text/css' : 'font/woff2' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve));
  try {
    const pdf = await renderPdf(`http://127.0.0.1:${PORT}/`, { idleMs: 1 });
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, pdf);
    console.log(`${OUT}: ${pdf.length} bytes`);
  } finally {
    server.close();
  }
}

void main();
