/**
 * `npm run bench`: measurements, not pass/fail tests. Prints a table and writes it to bench/results/.
 * Sections: document build (demo and synthetic), rules, workbook, pdf (12 parallel exports and a publication through
 * the render queue, bench/pdfQueue.ts), imports (the
 * largest allowed and a hostile lines workbook: time and peak RSS, bench/imports.ts), large (a 20,000-line budget's
 * pages through the production server, bench/largeBudget.ts), load (20 clerks saving and 50 readers through the
 * production server, bench/load.ts), workers (the lightest page with 1 worker and with N, side by side), sql
 * (功能-class GROUP BY vs the builder). BENCH_PORT (default 3300) and BENCH_DIR (default data/bench) place the
 * servers and their databases, so that several runs can coexist.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../db/client';
import { seedIfEmpty } from '../db/seed';
import { budgets, departments } from '../db/schema';
import { eq } from 'drizzle-orm';
import { loadBudgetFacts } from '../lib/budget/load';
import { buildDocument } from '../lib/disclosure/document';
import { buildTables } from '../lib/disclosure/tables';
import { codebookFromCsv } from '../lib/disclosure/testing/codebookFromCsv';
import { largeFacts } from '../lib/disclosure/testing/fixture';
import { buildDisclosureWorkbook } from '../lib/export/xlsx';
import { checkBudget } from '../lib/rules';
import { largeRuleFacts } from '../lib/rules/testing/fixtures';
import { measure, printTable, type Measurement } from './harness';
import { runImportBench } from './imports';
import { runLargeBudgetBench } from './largeBudget';
import { runLoad, runSqlComparison, runWorkersComparison } from './load';
import { runPdfQueueBench } from './pdfQueue';

async function main() {
  const only = process.argv.slice(2);
  const port = Number(process.env.BENCH_PORT ?? 3300);
  const loadAtStart = os.loadavg();
  const want = (s: string) => only.length === 0 || only.includes(s);
  const rows: Measurement[] = [];

  const db = openDatabase(':memory:');
  seedIfEmpty(db);
  const dept = db.select().from(departments).where(eq(departments.code, '054')).get()!;
  const budgetId = db.select().from(budgets).where(eq(budgets.departmentId, dept.id)).get()!.id;
  const demo = loadBudgetFacts(db, budgetId);

  if (want('document')) {
    rows.push(await measure('load facts from SQLite (demo)', () => loadBudgetFacts(db, budgetId), { runs: 50 }));
    rows.push(await measure('build whole document (demo)', () => buildDocument(demo), { runs: 200, target: '< 20 ms' }));
    const big = largeFacts(codebookFromCsv(), 5000, 300);
    rows.push(
      await measure('build 13 tables (5,000 lines, 300 projects)', () => buildTables(big), { runs: 20, target: '< 200 ms' }),
    );
    rows.push(
      await measure('build whole document (5,000 lines, 300 projects)', () => buildDocument(big), { runs: 20, target: '< 200 ms' }),
    );
  }

  if (want('rules')) {
    const control = demo.income.find((i) => i.source === 'general')!.current;
    rows.push(await measure('all rules incl. tables (demo)', () => checkBudget(demo, control), { runs: 100 }));
    const big = largeRuleFacts(5000, 300);
    rows.push(await measure('all rules incl. tables (5,000 lines, 300 projects)', () => checkBudget(big, null), { runs: 20 }));
    const county = Array.from({ length: 300 }, () => largeRuleFacts(500, 20));
    const heapBefore = process.memoryUsage().rss;
    rows.push(
      await measure('all rules, county of 300 departments × 500 lines', () => county.forEach((f) => checkBudget(f, null)), {
        runs: 3,
        warmup: 1,
        target: '< 10 s, < 1 GiB',
        note: `rss ${Math.round(Math.max(heapBefore, process.memoryUsage().rss) / 2 ** 20)} MiB`,
      }),
    );
  }

  if (want('xlsx')) {
    const doc = buildDocument(demo);
    rows.push(
      await measure(
        'workbook (demo)',
        () => buildDisclosureWorkbook({ departmentName: demo.department.name, year: demo.year, tables: doc.tables }),
        { runs: 10, target: '< 1 s' },
      ),
    );
  }

  // 12 parallel exports by one clerk while the administrator publishes, through the render queue (bench/pdfQueue.ts)
  if (want('pdf')) rows.push(...(await runPdfQueueBench()));

  if (want('imports')) rows.push(...(await runImportBench()));

  if (want('large')) rows.push(...(await runLargeBudgetBench()));

  if (want('sql')) rows.push(...(await runSqlComparison()));

  if (want('load')) rows.push(...(await runLoad({ port })));

  if (want('workers')) rows.push(...(await runWorkersComparison({ port })));

  const avg = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(' ');
  const header =
    `machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
    `load average (1, 5, 15 min) ${avg(loadAtStart)} at the start, ${avg(os.loadavg())} at the end`;
  const table = printTable(rows);
  console.log(`\n${header}\n\n${table}\n`);
  const dir = path.resolve('bench/results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'latest.md'), `# npm run bench — ${new Date().toISOString()}\n\n${header}\n\n${table}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
