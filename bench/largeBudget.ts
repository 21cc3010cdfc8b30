/**
 * A budget at the line cap through the production server (`runLargeBudgetBench`, wired into `npm run bench`): one
 * department with MAX_BUDGET_LINES (20,000) 基本支出 lines, the size every page is measured at. For each page that
 * reads the budget — the lines grid (first, a middle and the last page, and a deep link to the last line), the
 * overview, the income-and-texts page, the history, the review page (as the reviewer) and the disclosure document —
 * it reports the time to the last byte over 127.0.0.1 (what the server spends: session, facts, rules, render) and
 * the size of the HTML as sent before compression. The server runs with its production heap (256 MiB,
 * scripts/server-flags.ts); before paging, one open of the lines page at this size exhausted it.
 *
 * `seedLargeBudget` is shared with e2e/large-budget.spec.ts: it creates the department, its units and clerk through
 * lib/admin, then writes the lines directly in one transaction (the domain caps a paste at 500 rows; this is setup).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { openDatabase, type Db } from '../db/client';
import { basicLines, budgets, fiscalYears, users } from '../db/schema';
import { createDepartment, createUnit } from '../lib/admin/departments';
import { createUser } from '../lib/admin/users';
import type { Actor } from '../lib/auth/authorize';
import { MAX_BUDGET_LINES } from '../lib/budget/edit/lines';
import { loadYearCodes } from '../lib/codebook/store';
import { ensureBuild } from '../scripts/build-stamp';
import { prepareDatabase } from '../scripts/prepare-env';
import { SERVER_NODE_FLAGS } from '../scripts/server-flags';
import { measure, type Measurement } from './harness';
import { signInCookie } from './server';

export interface LargeBudget {
  budgetId: number;
  username: string;
  password: string;
  departmentName: string;
  unitIds: number[];
  /** Line ids in grid order. */
  lineIds: number[];
}

/**
 * A department `code` with three units, a clerk (`large<code>`) and a current-year budget of `lines` lines spread
 * over the year's 功能 项 and 部门经济 款 codes (amounts 1.00–999.99 元 so totals stay readable).
 */
export async function seedLargeBudget(db: Db, opts: { code: string; lines?: number; password?: string }): Promise<LargeBudget> {
  const count = opts.lines ?? MAX_BUDGET_LINES;
  const password = opts.password ?? 'Large#Budget2024';
  const adminRow = db.select().from(users).where(eq(users.role, 'admin')).get()!;
  const admin: Actor = { userId: adminRow.id, role: 'admin', departmentId: null, displayName: adminRow.displayName };
  const year = db.select().from(fiscalYears).where(eq(fiscalYears.isCurrent, true)).get()!.year;
  const book = loadYearCodes(db, year).book;
  const fn = Object.keys(book.functional).filter((c) => c.length === 7 && c.startsWith('208')).sort().slice(0, 24);
  const econ = Object.keys(book.deptEconomic).filter((c) => c.length === 5 && /^30[12]/.test(c)).sort().slice(0, 16);
  const departmentName = `大额测试部门${opts.code}`;
  const dept = createDepartment(db, admin, { code: opts.code, name: departmentName, regionName: '泽州县' });
  const unitIds = [
    createUnit(db, admin, { departmentId: dept.id, name: `${departmentName}机关`, type: 'admin' }).id,
    createUnit(db, admin, { departmentId: dept.id, name: `${departmentName}服务中心`, type: 'institution' }).id,
    createUnit(db, admin, { departmentId: dept.id, name: `${departmentName}信息中心`, type: 'institution' }).id,
  ];
  const username = `large${opts.code}`;
  await createUser(db, admin, { username, displayName: `大额测试财务${opts.code}`, role: 'clerk', departmentId: dept.id, password, mustChangePassword: false });
  const budgetId = db.select().from(budgets).where(and(eq(budgets.departmentId, dept.id), eq(budgets.year, year))).get()!.id;
  const lineIds: number[] = [];
  db.transaction((tx) => {
    for (let n = 0; n < count; n++) {
      const row = tx
        .insert(basicLines)
        .values({
          budgetId,
          // the first unit holds the first half, the others alternate over the rest (so a unit filter has work to do)
          unitId: n < count / 2 ? unitIds[0] : unitIds[1 + (n % 2)],
          functionCode: fn[n % fn.length],
          economicCode: econ[Math.floor(n / fn.length) % econ.length],
          source: 'general',
          amount: 100 + ((n * 7919) % 99_900),
          sort: n + 1,
          version: 1,
        })
        .returning({ id: basicLines.id })
        .get();
      lineIds.push(row.id);
    }
  });
  return { budgetId, username, password, departmentName, unitIds, lineIds };
}

export interface LargeBenchOptions {
  port?: number;
  /** The bench's own database (removed and re-seeded). */
  dbFile?: string;
  runs?: number;
  log?: (s: string) => void;
}

/** GET with the session cookie; returns the HTML's size in bytes (as decoded, before transport compression). */
async function getPage(base: string, cookie: string, p: string): Promise<number> {
  const r = await fetch(base + p, { headers: { cookie } });
  const body = Buffer.from(await r.arrayBuffer());
  if (r.status !== 200) throw new Error(`GET ${p}: ${r.status} ${body.subarray(0, 200).toString()}`);
  return body.length;
}

const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;

export async function runLargeBudgetBench(opts: LargeBenchOptions = {}): Promise<Measurement[]> {
  const port = opts.port ?? 3300;
  const runs = opts.runs ?? 5;
  const log = opts.log ?? ((s: string) => console.log(`[large] ${s}`));
  const dbFile = path.resolve(opts.dbFile ?? 'data/bench-large/app.db');
  fs.rmSync(path.dirname(dbFile), { recursive: true, force: true });
  prepareDatabase(dbFile);
  const db = openDatabase(dbFile);
  const large = await seedLargeBudget(db, { code: '900' });
  db.$client.close();
  log(`seeded budget ${large.budgetId} with ${large.lineIds.length} lines`);

  ensureBuild();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, require.resolve('next/dist/bin/next'), 'start', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_PATH: dbFile,
      AUTH_SECRET: 'bench-secret-0123456789abcdefghijklmnopqrstuvwxyz',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const rows: Measurement[] = [];
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error('server exited');
      try {
        if ((await fetch(`${base}/login`)).ok) break;
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 250));
    }
    const clerk = await signInCookie(base, large.username, large.password);
    const reviewer = await signInCookie(base, 'shenhe', 'Shenhe#2024');
    const id = large.budgetId;
    const last = large.lineIds[large.lineIds.length - 1];
    const pages: [string, string, string][] = [
      ['lines grid, page 1', `/budgets/${id}/lines`, clerk],
      ['lines grid, page 50', `/budgets/${id}/lines?page=50`, clerk],
      ['lines grid, deep link to the last line', `/budgets/${id}/lines?line=${last}`, clerk],
      ['lines grid, one unit', `/budgets/${id}/lines?unit=${large.unitIds[1]}`, clerk],
      ['overview', `/budgets/${id}`, clerk],
      ['income and texts', `/budgets/${id}/facts`, clerk],
      ['history', `/budgets/${id}/history`, clerk],
      ['review (reviewer)', `/budgets/${id}/review`, reviewer],
      ['disclosure document', `/budgets/${id}/disclosure/document`, reviewer],
    ];
    for (const [name, p, cookie] of pages) {
      let size = 0;
      const m = await measure(`20,000 lines: ${name}`, async () => (size = await getPage(base, cookie, p)), {
        runs,
        warmup: 1,
        target: '< 1 s, < 1 MiB',
      });
      rows.push({ ...m, note: `HTML ${kib(size)}` });
      log(`${name}: median ${m.median.toFixed(0)} ms, ${kib(size)}`);
    }
    // two opens at once: what killed the server before paging
    const both = await measure(
      '20,000 lines: two lines pages at once',
      () => Promise.all([getPage(base, clerk, `/budgets/${id}/lines`), getPage(base, clerk, `/budgets/${id}/lines?page=2`)]),
      { runs, warmup: 0 },
    );
    const vmHwm = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
    rows.push({ ...both, note: vmHwm ? `server peak RSS ${Math.round(Number(vmHwm) / 1024)} MiB` : undefined });
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
  return rows;
}
