/**
 * Load on the production server (`npm run bench -- load sql`; not part of `npm test`):
 *
 * - 20 clerks of 20 departments (created in the bench database through lib/admin, each with a unit, a budget of the
 *   current year and 200 基本支出 lines added through the domain) save amounts through the real save path: the
 *   `updateLineAction` server action, called over HTTP the way the browser calls it (POST to the lines page with the
 *   `Next-Action` id from the build's server-reference-manifest.json, the arguments as a JSON array, the router state
 *   tree header; captured once from Chromium with Playwright's page.on('request'));
 * - 50 readers (the reviewer's session) open the 054 disclosure preview as a browser does: the page, then the
 *   document it fetches (gzip, no entity tag: every open is a first open);
 * - for reference, the same 50 connections on the lightest signed-in page (what a closed loop costs whatever the page);
 * - both at once, closed-loop (every connection sends its next request as soon as the last one is answered: this
 *   measures capacity, and p95 is about connections ÷ throughput), and paced (each clerk saves once a second, each
 *   of the 50 readers opens a preview every 5 s — 10 previews a second — starting spread over the first second).
 *
 * Only 127.0.0.1. Reported: p50/p95 latency, errors (non-2xx, refused saves, connection errors, timeouts), the server's
 * peak RSS (/proc/<pid>/status VmHWM), and afterwards a check in the database that every acknowledged save is there
 * (its amount, its audit entry) — no lost writes.
 *
 * Also `runSqlComparison()`: the 功能-class aggregation of a synthetic 5,000-line budget by one SQL GROUP BY vs the
 * builder (lib/disclosure/aggregate.ts, buildTables), on facts loaded from SQLite both as the first read after a save
 * (every row read) and as a read of an unchanged budget (lib/budget/load.ts keeps its own rows by budget version).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { openDatabase, type Db } from '../db/client';
import { auditLog, basicLines, budgets, departments, fiscalYears, projectItems, projects, units, users } from '../db/schema';
import { seedIfEmpty } from '../db/seed';
import { createDepartment, createUnit } from '../lib/admin/departments';
import { createUser } from '../lib/admin/users';
import type { Actor } from '../lib/auth/authorize';
import { addLines } from '../lib/budget/edit/lines';
import { loadBudgetFacts } from '../lib/budget/load';
import { loadYearCodes } from '../lib/codebook/store';
import { aggregate, selector, sumByPrefix } from '../lib/disclosure/aggregate';
import { buildTables } from '../lib/disclosure/tables';
import { codebookFromCsv } from '../lib/disclosure/testing/codebookFromCsv';
import { largeFacts } from '../lib/disclosure/testing/fixture';
import { measure, percentile, type Measurement } from './harness';
import { signInCookie, startServer } from './server';
import { serverActionId } from '../lib/server/actionIds';

// autocannon has no type declarations: the little of it used here
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AutocannonRequest, context: object) => AutocannonRequest;
  onResponse?: (status: number, body: string, context: object) => void;
}
interface AutocannonResult {
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  requests: { total: number; average: number };
}
interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
type Autocannon = (opts: {
  url: string;
  connections?: number;
  duration?: number;
  connectionRate?: number;
  timeout?: number;
  headers?: Record<string, string>;
  requests?: AutocannonRequest[];
}) => AutocannonInstance;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

const CLERKS = 20;
const READERS = 50;
const LINES_PER_BUDGET = 200;
const CLERK_PASSWORD = 'Bench#2024load';

interface Clerk {
  index: number;
  username: string;
  userId: number;
  budgetId: number;
  cookie: string;
  lines: { id: number; version: number }[];
  next: number;
  seq: number;
  /** Saves answered ok, in order: line id → amount (分). */
  acked: { lineId: number; amount: number }[];
  /** The save sent last and not (yet) answered. */
  pending: { lineId: number; amount: number } | null;
  /** Saves still unanswered when a phase ended (they may or may not have been committed). */
  unanswered: { lineId: number; amount: number }[];
  refused: number;
}

// ── setup ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** 20 departments, each with a unit, a clerk, a budget of the current year and 200 lines (through lib/admin and the domain). */
async function createClerks(db: Db): Promise<Omit<Clerk, 'cookie'>[]> {
  const adminRow = db.select().from(users).where(eq(users.username, 'admin')).get()!;
  const admin: Actor = { userId: adminRow.id, role: 'admin', departmentId: null, displayName: adminRow.displayName };
  const year = db.select().from(fiscalYears).where(eq(fiscalYears.isCurrent, true)).get()!.year;
  const book = loadYearCodes(db, year).book;
  const fn = Object.keys(book.functional).filter((c) => c.length === 7).sort().slice(0, 8);
  const econ = Object.keys(book.deptEconomic).filter((c) => c.length === 5).sort().slice(0, 8);
  const out: Omit<Clerk, 'cookie'>[] = [];
  for (let i = 0; i < CLERKS; i++) {
    const code = String(200 + i);
    const dept = createDepartment(db, admin, { code, name: `压测部门${code}`, regionName: '泽州县' });
    const unit = createUnit(db, admin, { departmentId: dept.id, name: `压测部门${code}机关`, type: 'admin' });
    const username = `bench${code}`;
    const user = await createUser(db, admin, {
      username,
      displayName: `压测财务${code}`,
      role: 'clerk',
      departmentId: dept.id,
      password: CLERK_PASSWORD,
      mustChangePassword: false,
    });
    const budget = db.select().from(budgets).where(and(eq(budgets.departmentId, dept.id), eq(budgets.year, year))).get()!;
    const clerk: Actor = { userId: user.id, role: 'clerk', departmentId: dept.id, displayName: username };
    const rows = Array.from({ length: LINES_PER_BUDGET }, (_, n) => ({
      unit: `压测部门${code}机关`,
      functionCode: fn[n % fn.length],
      economicCode: econ[n % econ.length],
      source: '一般公共预算',
      amount: `${1000 + n}.00`,
    }));
    const r = addLines(db, clerk, { budgetId: budget.id, rows });
    if (!r.ok) throw new Error(`lines for ${code}: ${r.formError} ${JSON.stringify(r.rowErrors?.slice(0, 3))}`);
    void unit;
    out.push({
      index: i,
      username,
      userId: user.id,
      budgetId: budget.id,
      lines: r.lines.map((l) => ({ id: l.id, version: l.version })),
      next: 0,
      seq: 0,
      acked: [],
      pending: null,
      unanswered: [],
      refused: 0,
    });
  }
  return out;
}

/** The router state tree Chromium sends with an action from /budgets/<id>/lines (Next 16, captured with Playwright). */
function linesRouterTree(budgetId: number): string {
  const page = ['__PAGE__', {}, null, null, 0];
  const lines = ['lines', { children: page }, null, null, 0];
  const id = [['id', String(budgetId), 'd', null], { children: lines }, null, null, 0];
  const tree = ['', { children: ['(app)', { children: ['budgets', { children: id }, null, null, 0] }, null, null, 0] }, null, null, 16];
  return encodeURIComponent(JSON.stringify(tree));
}

/** The action's result in the RSC response (the `1:` row). */
function actionResult(body: string): { ok?: boolean; line?: { id: number; version: number; amount: number } } | null {
  const row = body.split('\n').find((l) => l.startsWith('1:'));
  if (!row) return null;
  try {
    return JSON.parse(row.slice(2));
  } catch {
    return null;
  }
}

// ── load ──────────────────────────────────────────────────────────────────────────────────────────────────────

interface PhaseResult {
  name: string;
  saves: { latencies: number[]; errors: number; requests: number };
  previews: { latencies: number[]; errors: number; requests: number };
  seconds: number;
  /** The readers opened the lightest page instead of the preview. */
  floor?: boolean;
}

const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

function saveRunner(base: string, clerk: Clerk, id: string, seconds: number, rate?: number) {
  const latencies: number[] = [];
  const inst = autocannon({
    url: base,
    connections: 1,
    duration: seconds,
    connectionRate: rate,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: `/budgets/${clerk.budgetId}/lines`,
        headers: {
          cookie: clerk.cookie,
          'next-action': id,
          'next-router-state-tree': linesRouterTree(clerk.budgetId),
          accept: 'text/x-component',
          'content-type': 'text/plain;charset=UTF-8',
          origin: base,
        },
        setupRequest: (req) => {
          const line = clerk.lines[clerk.next++ % clerk.lines.length];
          const amount = (clerk.index + 1) * 100_000_000 + ++clerk.seq * 100 + 37; // unique per save
          clerk.pending = { lineId: line.id, amount };
          return { ...req, body: JSON.stringify([{ budgetId: clerk.budgetId, lineId: line.id, version: line.version, changes: { amount: yuan(amount) } }]) };
        },
        onResponse: (status, body) => {
          const sent = clerk.pending;
          clerk.pending = null;
          const r = status === 200 ? actionResult(body) : null;
          if (!sent || !r?.ok || !r.line) {
            clerk.refused += status === 200 ? 1 : 0;
            return;
          }
          const line = clerk.lines.find((l) => l.id === r.line!.id)!;
          line.version = r.line.version;
          clerk.acked.push({ lineId: r.line.id, amount: r.line.amount });
        },
      },
    ],
  });
  inst.on('response', (_c, _s, _b, ms) => latencies.push(ms));
  return { inst, latencies };
}

/** A reader opening the preview the way a browser does: the page, then the document it fetches (gzip, no entity tag
 * — every open is a first open). One preview's latency is the two responses together. */
function readerRunner(base: string, reader: { cookie: string; paths: string[] }, connections: number, seconds: number, previewsPerSecond?: number) {
  const latencies: number[] = [];
  let errors = 0;
  const headers = { cookie: reader.cookie, 'accept-encoding': 'gzip' };
  const inst = autocannon({
    url: base,
    connections,
    duration: seconds,
    connectionRate: previewsPerSecond === undefined ? undefined : previewsPerSecond * reader.paths.length,
    timeout: 30,
    requests: reader.paths.map((p) => ({ method: 'GET', path: p, headers })),
  });
  const pending = new Map<unknown, number>();
  inst.on('response', (client, status, _b, ms) => {
    if (status !== 200) errors++;
    const sum = (pending.get(client) ?? 0) + ms;
    if (pending.has(client) || reader.paths.length === 1) {
      pending.delete(client);
      latencies.push(sum);
    } else pending.set(client, sum);
  });
  return { inst, latencies, errors: () => errors };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function phase(
  name: string,
  base: string,
  clerks: Clerk[],
  actionIdValue: string,
  reader: { cookie: string; paths: string[] },
  opts: { saves: boolean; previews: boolean; seconds: number; paced?: boolean; floor?: boolean },
): Promise<PhaseResult> {
  const t0 = Date.now();
  const runs: Promise<void>[] = [];
  const saves = { latencies: [] as number[], errors: 0, requests: 0 };
  const previews = { latencies: [] as number[], errors: 0, requests: 0 };
  // paced users start spread evenly over the first second, as people do not click in step
  const start = (i: number, of: number) => (opts.paced ? sleep((1000 * i) / of) : Promise.resolve());
  if (opts.saves) {
    clerks.forEach((c, i) => {
      runs.push(
        start(i, clerks.length).then(async () => {
          const refusedBefore = c.refused;
          const { inst, latencies } = saveRunner(base, c, actionIdValue, opts.seconds, opts.paced ? 1 : undefined);
          const r = await inst;
          saves.latencies.push(...latencies);
          saves.requests += r.requests.total;
          saves.errors += r.errors + r.timeouts + r.non2xx + (c.refused - refusedBefore);
        }),
      );
    });
  }
  if (opts.previews) {
    // closed loop: 50 connections back to back; paced: 50 readers each opening a preview every 5 s ≈ 10 readers
    // opening one a second
    const groups = opts.paced ? READERS / 5 : 1;
    for (let g = 0; g < groups; g++) {
      runs.push(
        start(g, groups).then(async () => {
          const run = readerRunner(base, reader, opts.paced ? 1 : READERS, opts.seconds, opts.paced ? 1 : undefined);
          const r = await run.inst;
          previews.latencies.push(...run.latencies);
          previews.requests += r.requests.total;
          previews.errors += run.errors() + r.errors + r.timeouts;
        }),
      );
    }
  }
  await Promise.all(runs);
  return { name, saves, previews, seconds: (Date.now() - t0) / 1000, floor: opts.floor };
}

function rssOf(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

/** Every acknowledged save is in the database: the line has the last acknowledged amount (or the one in flight), and an audit entry. */
function verifyNoLostWrites(db: Db, clerks: Clerk[]): { acked: number; problems: string[] } {
  const problems: string[] = [];
  let acked = 0;
  for (const c of clerks) {
    acked += c.acked.length;
    const last = new Map<number, number>();
    for (const a of c.acked) last.set(a.lineId, a.amount);
    const rows = new Map(
      db
        .select({ id: basicLines.id, amount: basicLines.amount })
        .from(basicLines)
        .where(eq(basicLines.budgetId, c.budgetId))
        .all()
        .map((r) => [r.id, r.amount]),
    );
    for (const [lineId, amount] of last) {
      const now = rows.get(lineId);
      if (now !== amount && !c.unanswered.some((u) => u.lineId === lineId && u.amount === now))
        problems.push(`${c.username} line ${lineId}: ${now} in the database, ${amount} acknowledged`);
    }
    const audit = db
      .select({ entityId: auditLog.entityId, newValue: auditLog.newValue })
      .from(auditLog)
      .where(and(eq(auditLog.userId, c.userId), eq(auditLog.action, 'line.update'), eq(auditLog.field, 'amount')))
      .all();
    const logged = new Set(audit.map((a) => `${a.entityId}|${a.newValue}`));
    const missing = c.acked.filter((a) => !logged.has(`${a.lineId}|${a.amount}`));
    if (missing.length) problems.push(`${c.username}: ${missing.length} acknowledged saves without an audit entry`);
    // a save in flight when a phase stopped has no answer but may have committed: at most one per phase
    if (audit.length < c.acked.length || audit.length > c.acked.length + c.unanswered.length)
      problems.push(`${c.username}: ${audit.length} audit entries for ${c.acked.length} acknowledged and ${c.unanswered.length} unanswered saves`);
  }
  return { acked, problems };
}

export interface LoadOptions {
  port?: number;
  seconds?: number;
  log?: (s: string) => void;
}

export async function runLoad(opts: LoadOptions = {}): Promise<Measurement[]> {
  const seconds = opts.seconds ?? Number(process.env.LOAD_SECONDS ?? 20);
  const log = opts.log ?? ((s: string) => console.log(`[load] ${s}`));
  const server = await startServer(opts.port ?? 3300);
  const rows: Measurement[] = [];
  try {
    // the one worker the supervisor runs for the bench (its memory, not the supervisor's)
    const pid = server.workerPids()[0] ?? server.child.pid!;
    log(`server up (worker pid ${pid}), creating ${CLERKS} departments and clerks`);
    const db = openDatabase(server.dbFile);
    const created = await createClerks(db);
    const dept054 = db.select().from(departments).where(eq(departments.code, '054')).get()!;
    const budget054 = db.select().from(budgets).where(eq(budgets.departmentId, dept054.id)).get()!.id;
    db.$client.close();

    const clerks: Clerk[] = [];
    for (const c of created) clerks.push({ ...c, cookie: await signInCookie(server.base, c.username, CLERK_PASSWORD) });
    const reader = {
      cookie: await signInCookie(server.base, 'shenhe', 'Shenhe#2024'),
      paths: [`/budgets/${budget054}/disclosure`, `/budgets/${budget054}/disclosure/document`],
    };
    const id = serverActionId(path.resolve(process.env.NEXT_DIST_DIR || '.next'), 'app/(app)/budgets/[id]/lines/actions.ts', 'updateLineAction');

    // warm up: a few lines pages and the preview once
    for (const c of clerks.slice(0, 3)) await fetch(`${server.base}/budgets/${c.budgetId}/lines`, { headers: { cookie: c.cookie } }).then((r) => r.text());
    for (const p of reader.paths) await fetch(server.base + p, { headers: { cookie: reader.cookie } }).then((r) => r.text());
    const rssBefore = rssOf(pid);
    log(`load average before: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (other processes share the ${os.cpus().length} cores)`);

    const phases: PhaseResult[] = [];
    // the floor: the same 50 connections on the lightest signed-in page, to show what a closed loop of 50 costs on
    // this machine whatever the page (Next.js's own work per request: session, render, headers)
    const floor = { cookie: reader.cookie, paths: ['/account/password'] };
    const plan: [string, { saves: boolean; previews: boolean; paced?: boolean; floor?: boolean }][] = [
      [`${CLERKS} clerks saving, closed loop`, { saves: true, previews: false }],
      [`${READERS} readers of the preview, closed loop`, { saves: false, previews: true }],
      [`${READERS} readers, closed loop`, { saves: false, previews: true, floor: true }],
      [`both at once, closed loop`, { saves: true, previews: true }],
      [`both at once, paced (each clerk saves once a second, each of 50 readers opens a preview every 5 s)`, { saves: true, previews: true, paced: true }],
    ];
    let peak = rssBefore.rss;
    for (const [name, p] of plan) {
      log(`${name}: ${seconds} s`);
      const poll = setInterval(() => (peak = Math.max(peak, rssOf(pid).rss)), 250);
      const r = await phase(name, server.base, clerks, id, p.floor ? floor : reader, { ...p, seconds });
      clearInterval(poll);
      phases.push(r);
      // a save cut off by the end of the phase: remember it, and take the lines' versions from the database again
      const versions = openDatabase(server.dbFile);
      for (const c of clerks) {
        if (c.pending) c.unanswered.push(c.pending);
        c.pending = null;
        const now = new Map(versions.select({ id: basicLines.id, v: basicLines.version }).from(basicLines).where(eq(basicLines.budgetId, c.budgetId)).all().map((l) => [l.id, l.v]));
        for (const l of c.lines) l.version = now.get(l.id) ?? l.version;
      }
      versions.$client.close();
      const p95 = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 95);
      log(
        `  saves: ${r.saves.latencies.length} (p95 ${p95(r.saves.latencies)} ms, errors ${r.saves.errors}); ` +
          `previews: ${r.previews.latencies.length} (p95 ${p95(r.previews.latencies)} ms, errors ${r.previews.errors}); RSS ${rssOf(pid).rss.toFixed(0)} MiB`,
      );
    }
    const rss = rssOf(pid);

    const check = openDatabase(server.dbFile);
    const lost = verifyNoLostWrites(check, clerks);
    check.$client.close();

    const summary = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return { median: percentile(s, 50), p95: percentile(s, 95) };
    };
    for (const ph of phases) {
      if (ph.saves.requests > 0)
        rows.push({
          name: `save a line (updateLineAction over HTTP) — ${ph.name}`,
          runs: ph.saves.latencies.length,
          ...summary(ph.saves.latencies),
          target: 'p95 < 300 ms, no errors',
          note: `${(ph.saves.latencies.length / ph.seconds).toFixed(1)} saves/s, errors ${ph.saves.errors}`,
        });
      if (ph.previews.requests > 0)
        rows.push({
          name: ph.floor
            ? `open the lightest signed-in page (/account/password), for reference — ${ph.name}`
            : `open the 054 preview (the /disclosure page, then its document) — ${ph.name}`,
          runs: ph.previews.latencies.length,
          ...summary(ph.previews.latencies),
          target: ph.floor ? '' : 'p95 < 300 ms, no errors',
          note: `${(ph.previews.latencies.length / ph.seconds).toFixed(1)} pages/s, errors ${ph.previews.errors}`,
        });
    }
    rows.push({
      name: 'server memory during the load',
      runs: phases.length,
      median: NaN,
      p95: NaN,
      target: '< 500 MB',
      note: `RSS ${rssBefore.rss.toFixed(0)} MiB before, peak sampled ${peak.toFixed(0)} MiB, VmHWM ${rss.hwm.toFixed(0)} MiB`,
    });
    rows.push({
      name: 'no lost writes (every acknowledged save in the database, with its audit entry)',
      runs: lost.acked,
      median: NaN,
      p95: NaN,
      target: '0 problems',
      note: lost.problems.length
        ? `${lost.problems.length} problems: ${lost.problems.slice(0, 3).join('; ')}`
        : `${lost.acked} acknowledged saves checked: ok (${clerks.reduce((n, c) => n + c.unanswered.length, 0)} cut off by the end of a phase)`,
    });
    log(`done: ${lost.acked} saves acknowledged, ${lost.problems.length} lost-write problems, VmHWM ${rss.hwm.toFixed(0)} MiB`);
  } finally {
    await server.stop();
  }
  return rows;
}

// ── one worker vs N ───────────────────────────────────────────────────────────────────────────────────────────

const loadAverage = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

/**
 * The lightest signed-in page (/account/password, the reviewer's session) under the same 50-connection closed loop,
 * served by the supervisor with one worker and then with N (BENCH_WORKERS_N, default the core count) on the same
 * build and the same database file, one after the other in this run. Other work on the machine lowers both: the load
 * average is printed beside each figure.
 */
export async function runWorkersComparison(opts: LoadOptions = {}): Promise<Measurement[]> {
  const seconds = opts.seconds ?? Number(process.env.LOAD_SECONDS ?? 20);
  const log = opts.log ?? ((s: string) => console.log(`[workers] ${s}`));
  const cores = os.cpus().length;
  const n = Number(process.env.BENCH_WORKERS_N ?? cores);
  const dbFile = path.resolve(process.env.BENCH_DIR ?? 'data/bench', 'workers', 'app.db');
  const results: { workers: number; pagesPerSecond: number; latencies: number[]; errors: number; loadBefore: string; loadAfter: string }[] = [];
  for (const workers of [1, n]) {
    // the first start makes the database (and the build, if needed); the second serves the same file and build
    const first = results.length === 0;
    const server = await startServer(opts.port ?? 3300, { workers, dbFile, fresh: first, build: first ? undefined : false });
    try {
      const reader = { cookie: await signInCookie(server.base, 'shenhe', 'Shenhe#2024'), paths: ['/account/password'] };
      // every worker warm: the cluster hands connections out in turn
      for (let i = 0; i < 10 * workers; i++) await fetch(server.base + reader.paths[0], { headers: { cookie: reader.cookie } }).then((r) => r.text());
      const loadBefore = loadAverage();
      log(`${workers} worker(s): ${READERS} connections on ${reader.paths[0]} for ${seconds} s (load average ${loadBefore})`);
      const t0 = Date.now();
      const run = readerRunner(server.base, reader, READERS, seconds);
      const r = await run.inst;
      const elapsed = (Date.now() - t0) / 1000;
      const errors = run.errors() + r.errors + r.timeouts;
      results.push({ workers, pagesPerSecond: run.latencies.length / elapsed, latencies: run.latencies, errors, loadBefore, loadAfter: loadAverage() });
      log(`  ${(run.latencies.length / elapsed).toFixed(1)} pages/s, errors ${errors}`);
    } finally {
      await server.stop();
    }
  }
  const rows: Measurement[] = results.map((x) => {
    const s = [...x.latencies].sort((a, b) => a - b);
    return {
      name: `lightest signed-in page (/account/password), ${READERS} connections closed loop — ${x.workers} worker${x.workers === 1 ? '' : 's'}`,
      runs: s.length,
      median: percentile(s, 50),
      p95: percentile(s, 95),
      note: `${x.pagesPerSecond.toFixed(1)} pages/s, errors ${x.errors}; load average ${x.loadBefore} before, ${x.loadAfter} after`,
    };
  });
  const [one, many] = results;
  rows.push({
    name: `throughput ${n} workers / 1 worker (same build, same database, this run)`,
    runs: 2,
    median: NaN,
    p95: NaN,
    target: '≥ 2×',
    note: `${(many.pagesPerSecond / one.pagesPerSecond).toFixed(2)}× on ${cores} cores (load average now ${loadAverage()})`,
  });
  return rows;
}

// ── SQL GROUP BY vs the builder ───────────────────────────────────────────────────────────────────────────────

/** The 功能 类 aggregation (基本支出 and 项目支出 by the code's first three digits) of a synthetic 5,000-line budget. */
export async function runSqlComparison(): Promise<Measurement[]> {
  const db = openDatabase(':memory:');
  seedIfEmpty(db, { passwordHasher: (p) => `plain:${p}` });
  const dept = db.select().from(departments).where(eq(departments.code, '054')).get()!;
  const budgetId = db.select().from(budgets).where(eq(budgets.departmentId, dept.id)).get()!.id;
  const unitIds = db.select({ id: units.id }).from(units).where(eq(units.departmentId, dept.id)).all().map((u) => u.id);
  // replace 054's money by the synthetic budget's
  const big = largeFacts(codebookFromCsv(), 5000, 300);
  const oldProjects = db.select({ id: projects.id }).from(projects).where(eq(projects.budgetId, budgetId)).all().map((p) => p.id);
  db.transaction((tx) => {
    tx.delete(basicLines).where(eq(basicLines.budgetId, budgetId)).run();
    if (oldProjects.length) tx.delete(projectItems).where(inArray(projectItems.projectId, oldProjects)).run();
    tx.delete(projects).where(eq(projects.budgetId, budgetId)).run();
    const unitOf = (i: number) => unitIds[(i - 1) % unitIds.length];
    big.basicLines.forEach((l, i) =>
      tx.insert(basicLines).values({ budgetId, unitId: unitOf(l.unitId), functionCode: l.functionCode, economicCode: l.economicCode, source: l.source, amount: l.amount, sort: i }).run(),
    );
    big.projects.forEach((p, i) => {
      const { id } = tx
        .insert(projects)
        .values({ budgetId, unitId: unitOf(p.unitId), name: p.name, source: p.source, category: p.category, carryover: p.carryover, sort: i })
        .returning({ id: projects.id })
        .get();
      for (const it of p.items)
        tx.insert(projectItems).values({ projectId: id, functionCode: it.functionCode, economicCode: it.economicCode, amount: it.amount, procurement: it.procurement, sort: 0 }).run();
    });
  });

  const stmt = db.$client.prepare(
    `SELECT substr(code, 1, 3) AS cls, sum(basic) AS basic, sum(project) AS project FROM (
       SELECT function_code AS code, amount AS basic, 0 AS project FROM basic_lines WHERE budget_id = ?
       UNION ALL
       SELECT i.function_code, 0, i.amount FROM project_items i JOIN projects p ON p.id = i.project_id WHERE p.budget_id = ?
     ) GROUP BY cls ORDER BY cls`,
  );
  const sql = () => stmt.all(budgetId, budgetId) as { cls: string; basic: number; project: number }[];
  const sels = [selector({ kind: 'basic' }), selector({ kind: 'project' })];
  const builder = (facts = loadBudgetFacts(db, budgetId)) => sumByPrefix(aggregate(facts), 3, sels);

  // the same figures both ways
  const bySql = sql();
  const byBuilder = builder();
  const mismatch = bySql.filter((r) => {
    const b = byBuilder.get(r.cls);
    return !b || b[0] !== r.basic || b[1] !== r.project;
  });
  if (mismatch.length || bySql.length !== byBuilder.size) throw new Error(`SQL and builder disagree on ${mismatch.map((m) => m.cls).join(', ')}`);

  const facts = loadBudgetFacts(db, budgetId);
  // what a save does to the facts' cache key (lib/budget/load.ts): the next read is a first read
  const bump = db.$client.prepare('UPDATE budgets SET version = version + 1 WHERE id = ?');
  const afterSave = () => void bump.run(budgetId);
  const rows = [
    await measure('功能类 totals: one SQL GROUP BY (5,000 lines + 1,200 items)', sql, { runs: 50 }),
    await measure('功能类 totals: aggregate() + sumByPrefix() on loaded facts', () => builder(facts), { runs: 50 }),
    await measure('功能类 totals: loadBudgetFacts + aggregate(), first read after a save (every row from SQLite)', () => builder(), {
      runs: 20,
      before: afterSave,
    }),
    await measure('功能类 totals: loadBudgetFacts + aggregate(), budget unchanged since the last read', () => builder(), {
      runs: 50,
      target: '≤ 2× the SQL',
    }),
    await measure('all 13 tables: loadBudgetFacts + buildTables, first read after a save', () => buildTables(loadBudgetFacts(db, budgetId)), {
      runs: 20,
      before: afterSave,
    }),
  ];
  const [s, a, cold, warm, all] = rows;
  rows.push({
    name: 'ratio builder / SQL (same 功能类 figures)',
    runs: bySql.length,
    median: NaN,
    p95: NaN,
    target: '≤ 2×',
    note:
      `aggregate on facts ${(a.median / s.median).toFixed(2)}×; load+aggregate ${(warm.median / s.median).toFixed(2)}× unchanged budget, ` +
      `${(cold.median / s.median).toFixed(1)}× first read after a save; load+13 tables after a save ${(all.median / s.median).toFixed(1)}× the SQL`,
  });
  db.$client.close();
  return rows;
}
