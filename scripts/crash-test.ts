/**
 * Crash and durability: a writer process saves 基本支出 lines through the real domain functions (addLine / updateLine
 * as the clerk of 054) on a copy of a seeded database, printing each save only after its transaction committed; it is
 * killed with SIGKILL at a random moment, several times over the same file. After each kill the database must be
 * intact (`PRAGMA integrity_check`, foreign keys), open again through `openDatabase` (migrations idempotent), hold
 * every acknowledged save with its value and its audit entry, and at most the one save that was in flight. Meanwhile
 * an online backup (`backupDatabase`, what `scripts/cli.ts backup` runs) is taken from another connection while the
 * writer writes; the backup must be consistent on its own and restore (`restoreDatabase`) to a working database.
 *
 *   npx tsx scripts/crash-test.ts          the whole test, with a report (exit code 1 on a problem)
 *   (child) node --import tsx scripts/crash-test.ts writer <db file> <round>
 *
 * lib/security/durability.test.ts runs it as part of `npm test`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { openDatabase, type Db } from '../db/client';
import { auditLog, basicLines, budgets, departments, users } from '../db/schema';
import { seedIfEmpty } from '../db/seed';
import { backupDatabase, checkAppDatabase, restoreDatabase } from '../lib/admin/maintenance';
import type { Actor } from '../lib/auth/authorize';
import { addLine, updateLine } from '../lib/budget/edit/lines';
import { loadBudgetFacts } from '../lib/budget/load';
import { buildTables } from '../lib/disclosure/tables';

const ROOT = path.resolve(__dirname, '..');

/** One acknowledged save, as the writer printed it after the commit. */
export interface Ack {
  op: 'add' | 'update';
  lineId: number;
  /** The line's amount after the save, in 分 (unique per save). */
  amount: number;
  lineVersion: number;
  budgetVersion: number;
}

interface Fixture {
  db: Db;
  clerk: Actor;
  budgetId: number;
  unitId: number;
}

function fixture(file: string): Fixture {
  const db = openDatabase(file);
  const u = db.select().from(users).where(eq(users.username, 'renshe')).get()!;
  const dept = db.select().from(departments).where(eq(departments.code, '054')).get()!;
  const budgetId = db.select().from(budgets).where(eq(budgets.departmentId, dept.id)).get()!.id;
  return {
    db,
    clerk: { userId: u.id, role: u.role, departmentId: u.departmentId, displayName: u.displayName },
    budgetId,
    unitId: loadBudgetFacts(db, budgetId).units[0].id,
  };
}

const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

// ── the writer (child process) ────────────────────────────────────────────────────────────────────────────────

function writer(file: string, round: number): never {
  const { db, clerk, budgetId, unitId } = fixture(file);
  const mine: { id: number; version: number }[] = [];
  const deadline = Date.now() + 60_000; // never outlive a lost parent for long
  for (let i = 1; Date.now() < deadline; i++) {
    const amount = round * 10_000_000 + i * 10 + 7; // unique per save
    let ack: Ack;
    if (mine.length < 3 || i % 3 !== 0) {
      const r = addLine(db, clerk, {
        budgetId,
        line: { unitId, functionCode: '2080101', economicCode: '30201', source: 'general', amount: yuan(amount) },
      });
      if (!r.ok) throw new Error(`addLine refused: ${r.formError}`);
      mine.push({ id: r.line.id, version: r.line.version });
      ack = { op: 'add', lineId: r.line.id, amount: r.line.amount, lineVersion: r.line.version, budgetVersion: r.version };
    } else {
      const target = mine[(i * 7919) % mine.length];
      const r = updateLine(db, clerk, { budgetId, lineId: target.id, version: target.version, changes: { amount: yuan(amount) } });
      if (!r.ok) throw new Error(`updateLine refused: ${r.formError}`);
      target.version = r.line.version;
      ack = { op: 'update', lineId: r.line.id, amount: r.line.amount, lineVersion: r.line.version, budgetVersion: r.version };
    }
    // synchronous: the line is out before the next transaction starts (EPIPE when the parent is gone ends us)
    fs.writeSync(1, JSON.stringify(ack) + '\n');
  }
  process.exit(0);
}

// ── the parent ────────────────────────────────────────────────────────────────────────────────────────────────

export interface RoundReport {
  round: number;
  acks: number;
  /** Saves that committed but were not acknowledged before the kill (0 or 1). */
  inFlightCommitted: number;
  problems: string[];
}

export interface CrashReport {
  rounds: RoundReport[];
  backup: { taken: boolean; duringWrites: boolean; acksWhenDone: number; problems: string[] };
  problems: string[];
  millis: number;
}

interface Baseline {
  budgetVersion: number;
  auditRows: number;
  lines: Map<number, number>;
  migrations: number;
}

function baseline(f: Fixture): Baseline {
  const lines = new Map(f.db.select().from(basicLines).where(eq(basicLines.budgetId, f.budgetId)).all().map((l) => [l.id, l.amount]));
  return {
    budgetVersion: f.db.select().from(budgets).where(eq(budgets.id, f.budgetId)).get()!.version,
    auditRows: f.db.select().from(auditLog).where(eq(auditLog.budgetId, f.budgetId)).all().length,
    lines,
    migrations: (f.db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n,
  };
}

function integrityProblems(sqlite: { pragma(s: string): unknown }): string[] {
  const problems: string[] = [];
  const integrity = sqlite.pragma('integrity_check') as { integrity_check: string }[];
  if (!(integrity.length === 1 && integrity[0].integrity_check === 'ok')) problems.push(`integrity_check: ${JSON.stringify(integrity.slice(0, 3))}`);
  const fk = sqlite.pragma('foreign_key_check') as unknown[];
  if (fk.length) problems.push(`foreign_key_check: ${fk.length} violations`);
  return problems;
}

/** Checks the database after a kill against the acknowledgements of the round. */
function verifyRound(file: string, before: Baseline, acks: Ack[]): { problems: string[]; inFlight: number; after: Baseline } {
  const problems: string[] = [];
  const f = fixture(file); // openDatabase again: migrations must be a no-op
  try {
    problems.push(...integrityProblems(f.db.$client));
    const after = baseline(f);
    if (after.migrations !== before.migrations) problems.push(`migrations recorded ${before.migrations} → ${after.migrations}`);
    const lastVersion = acks.length ? acks[acks.length - 1].budgetVersion : before.budgetVersion;
    const inFlight = after.budgetVersion - lastVersion;
    if (inFlight !== 0 && inFlight !== 1) problems.push(`budget version ${after.budgetVersion}, last acknowledged ${lastVersion}`);
    // versions move by one per save: the acknowledgements are exactly the saves, in order
    acks.forEach((a, i) => {
      if (a.budgetVersion !== before.budgetVersion + i + 1) problems.push(`ack ${i + 1} has budget version ${a.budgetVersion}, expected ${before.budgetVersion + i + 1}`);
    });
    // every acknowledged save is there with its value (or was superseded by the one in-flight save)
    const expected = new Map(before.lines);
    for (const a of acks) expected.set(a.lineId, a.amount);
    const differences: string[] = [];
    for (const [id, amount] of expected) if (after.lines.get(id) !== amount) differences.push(`line ${id}: ${after.lines.get(id)} instead of ${amount}`);
    const extra = [...after.lines.keys()].filter((id) => !expected.has(id));
    if (inFlight === 0 && (differences.length || extra.length)) problems.push(`lost or changed saves: ${[...differences, ...extra.map((id) => `extra line ${id}`)].join('; ')}`);
    if (inFlight === 1 && differences.length + extra.length !== 1) problems.push(`one save in flight, but ${differences.length} changed and ${extra.length} extra lines`);
    // one audit entry per committed save, and one for each acknowledged save
    if (after.auditRows - before.auditRows !== acks.length + inFlight)
      problems.push(`audit rows +${after.auditRows - before.auditRows} for ${acks.length} acknowledged and ${inFlight} in-flight saves`);
    const audit = f.db.select().from(auditLog).where(eq(auditLog.budgetId, f.budgetId)).all();
    const seen = new Set(audit.map((a) => `${a.action}|${a.entityId}|${a.action === 'line.create' ? JSON.parse(a.newValue ?? '{}').amount : a.newValue}`));
    for (const a of acks) {
      const key = `${a.op === 'add' ? 'line.create' : 'line.update'}|${a.lineId}|${a.amount}`;
      if (!seen.has(key)) problems.push(`no audit entry for ${a.op} of line ${a.lineId} → ${a.amount}`);
    }
    return { problems, inFlight: Math.max(0, inFlight), after };
  } finally {
    f.db.$client.close();
  }
}

/** Checks a backup taken during the writes: intact on its own, internally consistent, restorable. */
async function verifyBackup(file: string, initial: Baseline, dir: string): Promise<string[]> {
  const problems: string[] = [];
  const check = checkAppDatabase(file);
  if (!check.ok) problems.push(...check.problems);
  const restored = path.join(dir, 'restored.db');
  await restoreDatabase(file, restored);
  const f = fixture(restored);
  try {
    problems.push(...integrityProblems(f.db.$client));
    const b = baseline(f);
    // each save bumps the version and writes one audit row in the same transaction: they must agree in the copy
    if (b.budgetVersion - initial.budgetVersion !== b.auditRows - initial.auditRows)
      problems.push(`backup: budget version +${b.budgetVersion - initial.budgetVersion} but audit rows +${b.auditRows - initial.auditRows}`);
    const facts = loadBudgetFacts(f.db, f.budgetId);
    if (buildTables(facts).length !== 13) problems.push('backup: the tables do not build');
    const r = addLine(f.db, f.clerk, { budgetId: f.budgetId, line: { unitId: f.unitId, functionCode: '2080101', economicCode: '30201', source: 'general', amount: '1.00' } });
    if (!r.ok) problems.push(`backup: a save on the restored database failed: ${r.formError}`);
  } finally {
    f.db.$client.close();
  }
  return problems;
}

/** One writer until the kill: returns the acknowledgements read before the process died. */
function runWriter(
  file: string,
  round: number,
  killAfter: number,
  onAck?: (n: number) => void,
): Promise<{ acks: Ack[]; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'crash-test.ts'), 'writer', file, String(round)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: Ack[] = [];
    let buffer = '';
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`writer of round ${round} made only ${acks.length} saves in 25 s: ${stderr.slice(-500)}`));
    }, 25_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        // every printed save counts, also those read after the kill was sent: each was committed before it was printed
        acks.push(JSON.parse(line) as Ack);
        onAck?.(acks.length);
        if (acks.length >= killAfter && !killed) {
          killed = true;
          // a random moment: somewhere inside the next few saves
          setTimeout(() => child.kill('SIGKILL'), Math.random() * 5);
        }
      }
    });
    child.stderr.on('data', (c) => (stderr += String(c)));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve({ acks, signal, stderr });
    });
  });
}

export async function runCrashTest(opts: { rounds?: number; minAcks?: number; maxAcks?: number; log?: (s: string) => void } = {}): Promise<CrashReport> {
  const t0 = Date.now();
  const rounds = opts.rounds ?? 3;
  const minAcks = opts.minAcks ?? 150;
  const maxAcks = opts.maxAcks ?? 600;
  const log = opts.log ?? (() => undefined);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crash-test-'));
  const file = path.join(dir, 'app.db');
  const report: CrashReport = { rounds: [], backup: { taken: false, duringWrites: false, acksWhenDone: 0, problems: [] }, problems: [], millis: 0 };
  try {
    {
      const db = openDatabase(file);
      seedIfEmpty(db, { passwordHasher: (p) => `plain:${p}` });
      db.$client.close();
    }
    const f0 = fixture(file);
    let before = baseline(f0);
    const initial = before;
    f0.db.$client.close();

    for (let round = 1; round <= rounds; round++) {
      const killAfter = minAcks + Math.floor(Math.random() * (maxAcks - minAcks + 1));
      let backup: Promise<void> | null = null;
      let writing = true;
      const backupFile = path.join(dir, 'backup.db');
      const { acks, signal, stderr } = await runWriter(file, round, killAfter, (n) => {
        // round 1: an online backup from this process while the writer keeps writing
        if (round === 1 && n === Math.floor(minAcks / 3) && !backup) {
          backup = backupDatabase(file, backupFile).then(() => {
            report.backup.taken = true;
            report.backup.duringWrites = writing;
            report.backup.acksWhenDone = n;
          });
        }
      });
      writing = false;
      if (signal !== 'SIGKILL') report.problems.push(`round ${round}: the writer ended without being killed (${signal}); ${stderr.slice(-500)}`);
      const v = verifyRound(file, before, acks);
      report.rounds.push({ round, acks: acks.length, inFlightCommitted: v.inFlight, problems: v.problems });
      log(`round ${round}: killed after ${acks.length} acknowledged saves; ${v.inFlight} more committed in flight; ${v.problems.length ? v.problems.join(' | ') : 'ok'}`);
      before = v.after;
      if (backup) {
        await backup;
        report.backup.problems = await verifyBackup(backupFile, initial, dir);
        log(`backup: taken ${report.backup.duringWrites ? 'while the writer was writing' : 'after the writer was killed'}; ${report.backup.problems.length ? report.backup.problems.join(' | ') : 'ok'}`);
      }
    }
    if (!report.backup.taken) report.backup.problems.push('no backup was taken');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    report.millis = Date.now() - t0;
  }
  return report;
}

export const allProblems = (r: CrashReport): string[] => [
  ...r.problems,
  ...r.rounds.flatMap((x) => x.problems.map((p) => `round ${x.round}: ${p}`)),
  ...r.backup.problems.map((p) => `backup: ${p}`),
];

if (typeof require !== 'undefined' && require.main === module) {
  const [mode, file, round] = process.argv.slice(2);
  if (mode === 'writer') writer(file, Number(round));
  else
    runCrashTest({ log: (s) => console.log(s) })
      .then((r) => {
        const problems = allProblems(r);
        console.log(`${r.rounds.reduce((s, x) => s + x.acks, 0)} acknowledged saves in ${r.rounds.length} rounds, ${r.millis} ms`);
        console.log(problems.length ? `PROBLEMS:\n${problems.join('\n')}` : 'durability: ok');
        process.exit(problems.length ? 1 : 0);
      })
      .catch((e) => {
        console.error(e);
        process.exit(1);
      });
}
