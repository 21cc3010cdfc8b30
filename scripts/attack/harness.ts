/**
 * The attack suite's harness: a production server on a fresh seeded database (bench/server.ts `startServer`),
 * restarted fresh after an attack that broke it or wrote to it; and around every attack the checks that hold for
 * all of them — the data tables' digest is unchanged, every Node process of the server stayed under the memory
 * ceiling (sampled every 100 ms), none of them died (or, if one did, the service kept answering), and GET /login
 * answers 200 within 1 s afterwards.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signInCookie, startServer } from '../../bench/server';
import { probeLogin } from './http';
import { alive, descendants } from './processes';
import { ProcessSampler, type Sample } from './sampler';

export const MEMORY_CEILING_KIB = 450 * 1024;
/** Hard bound of one attack, on top of each attack's own bounded requests. */
const ATTACK_TIMEOUT_MS = 45_000;
const PORTS = { first: 3700, last: 3719 };
/** Two workers by default: attack 9 kills one and the other must keep answering. */
const WORKERS = Number(process.env.ATTACK_WORKERS ?? 2);

export interface Target {
  base: string;
  port: number;
  /** The process startServer spawned (a supervisor, or the one `next start`). */
  rootPid: number;
  dbFile: string;
  /** Session cookies by user name, signed in once per server (later sign-ins may be throttled by design). */
  sessions: Map<string, string>;
  stop(): Promise<void>;
}

let nextPort = PORTS.first;

export async function startTarget(): Promise<Target> {
  if (nextPort > PORTS.last) throw new Error(`no port left in ${PORTS.first}–${PORTS.last}`);
  const port = nextPort++;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attack-'));
  const server = await startServer(port, { workers: WORKERS, dbFile: path.join(dir, 'app.db') });
  const rootPid = server.child.pid!;
  return {
    base: server.base,
    port,
    rootPid,
    dbFile: server.dbFile,
    sessions: new Map(),
    async stop() {
      // SIGTERM through startServer; a server still busy (rendering, parsing) after 5 s is killed with its tree
      const tree = [rootPid, ...descendants(rootPid)];
      const stopped = server.stop();
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000));
      if ((await Promise.race([stopped, timeout])) === 'timeout') {
        for (const pid of tree)
          try {
            if (alive(pid)) process.kill(pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
        await Promise.race([stopped, new Promise((r) => setTimeout(r, 2000))]);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function session(t: Target, username: string, password: string): Promise<string> {
  const known = t.sessions.get(username);
  if (known) return known;
  const cookie = await signInCookie(t.base, username, password);
  t.sessions.set(username, cookie);
  return cookie;
}

export const CLERK = { username: 'renshe', password: 'Renshe#2024', budgetId: 1 };

// ── the data digest ─────────────────────────────────────────────────────────────────────────────────────────────

/** Row count and max(id) of the tables an attack must not write (throttle and job tables are not in it). */
const DIGEST_TABLES = ['basic_lines', 'projects', 'audit_log', 'budgets', 'users'] as const;

export function digest(dbFile: string): Record<string, string> {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const out: Record<string, string> = {};
    for (const t of DIGEST_TABLES) {
      const r = db.prepare(`SELECT count(*) AS n, coalesce(max(id), 0) AS m FROM ${t}`).get() as { n: number; m: number };
      out[t] = `${r.n} rows, max id ${r.m}`;
    }
    // an edit in place changes neither count nor max(id), but always bumps its budget's version
    const v = db.prepare('SELECT coalesce(sum(version), 0) AS v FROM budgets').get() as { v: number };
    out['budgets.version'] = String(v.v);
    return out;
  } finally {
    db.close();
  }
}

export function digestChanges(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(before)
    .filter((k) => before[k] !== after[k])
    .map((k) => `${k}: ${before[k]} → ${after[k]}`);
}

// ── attacks and their verdicts ───────────────────────────────────────────────────────────────────────────────

export interface Verdict {
  /** Why the attack succeeded against the server (empty: the server held). */
  problems: string[];
  /** Figures worth reporting either way. */
  notes: string[];
  /** Node processes the attack killed itself (not counted as crashes). */
  killed?: number[];
}

export interface Attack {
  name: string;
  /** The attack writes on purpose (a burst of saves): the digest is not compared. */
  writes?: boolean;
  /** Work before the digest and the sampler start: generating files, setting up a user. */
  prepare?(t: Target): Promise<void>;
  run(t: Target, sampler: ProcessSampler): Promise<Verdict>;
}

export interface AttackResult {
  name: string;
  passed: boolean;
  problems: string[];
  notes: string[];
  /** The server must be replaced before the next attack (it died, or holds data the attack wrote). */
  spoiled: boolean;
}

const mib = (kib: number) => `${Math.round(kib / 1024)} MiB`;

function memoryFindings(sample: Sample, killed: Set<number>) {
  const over = [...sample.peakKiB].filter(([, k]) => k > MEMORY_CEILING_KIB);
  const peak = Math.max(0, ...sample.peakKiB.values());
  return {
    problems: over.map(([pid, k]) => `process ${pid} reached ${mib(k)} RSS (ceiling ${mib(MEMORY_CEILING_KIB)})`),
    note: `peak RSS ${mib(peak)} over ${sample.peakKiB.size} Node process(es)`,
    crashed: sample.gone.filter((p) => !killed.has(p)),
  };
}

export async function runAttack(t: Target, attack: Attack): Promise<AttackResult> {
  const problems: string[] = [];
  const notes: string[] = [];
  try {
    await attack.prepare?.(t);
  } catch (e) {
    return { name: attack.name, passed: false, problems: [`setup failed: ${(e as Error).message}`], notes, spoiled: true };
  }
  const before = digest(t.dbFile);
  const sampler = new ProcessSampler(t.rootPid).start();
  let verdict: Verdict;
  try {
    verdict = await Promise.race([
      attack.run(t, sampler),
      new Promise<Verdict>((r) => setTimeout(() => r({ problems: [`attack did not finish within ${ATTACK_TIMEOUT_MS / 1000} s`], notes: [] }), ATTACK_TIMEOUT_MS)),
    ]);
  } catch (e) {
    verdict = { problems: [`attack could not run: ${(e as Error).message}`], notes: [] };
  }
  const sample = sampler.stop();
  problems.push(...verdict.problems);
  notes.push(...verdict.notes);

  const probe = await probeLogin(t.base, 1000);
  if (!probe.ok) problems.push(`afterwards GET /login did not answer 200 within 1 s (${probe.what}, ${probe.ms} ms)`);
  const mem = memoryFindings(sample, new Set(verdict.killed ?? []));
  problems.push(...mem.problems);
  notes.push(mem.note);
  if (mem.crashed.length) {
    if (probe.ok) notes.push(`process(es) ${mem.crashed.join(', ')} died; the service kept answering`);
    else problems.push(`process(es) ${mem.crashed.join(', ')} died`);
  }
  let changed: string[] = [];
  try {
    changed = attack.writes ? [] : digestChanges(before, digest(t.dbFile));
  } catch (e) {
    changed = [`the database could not be read: ${(e as Error).message}`];
  }
  if (changed.length) problems.push(`data was written: ${changed.join('; ')}`);
  const spoiled = !probe.ok || !alive(t.rootPid) || mem.crashed.length > 0 || changed.length > 0 || !!attack.writes;
  return { name: attack.name, passed: problems.length === 0, problems, notes, spoiled };
}
