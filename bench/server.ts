/**
 * A production server for benchmarks, started as `npm start` serves: the supervisor (scripts/supervisor.ts) and its
 * workers, on a fresh seeded database and its own port, stopped by the caller. BENCH_WORKERS sets the number of
 * workers (default 1: figures per process, comparable with earlier runs); `opts` lets a test choose them and the
 * database file (under BENCH_DIR, default data/bench; `fresh: false` serves the file a previous start made), skip the
 * build check, and read the supervisor's log lines.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureBuild } from '../scripts/build-stamp';
import { prepareDatabase } from '../scripts/prepare-env';

export interface BenchServer {
  base: string;
  /** The supervisor. */
  child: ChildProcess;
  /** The workers serving the requests (their memory is the server's memory). */
  workerPids: () => number[];
  dbFile: string;
  stop: () => Promise<void>;
}

export async function startServer(
  port = 3300,
  opts: { workers?: number; dbFile?: string; fresh?: boolean; build?: boolean; log?: (line: string) => void } = {},
): Promise<BenchServer> {
  const dbFile = path.resolve(opts.dbFile ?? path.join(process.env.BENCH_DIR ?? 'data/bench', 'app.db'));
  if (opts.fresh !== false) fs.rmSync(path.dirname(dbFile), { recursive: true, force: true });
  prepareDatabase(dbFile);
  // `build: false` (or BENCH_BUILD=0): serve the build as it is, even if sources changed since (same build side by side)
  if (opts.build ?? process.env.BENCH_BUILD !== '0') ensureBuild();
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '..', 'scripts', 'supervisor.ts')], {
    cwd: path.resolve(__dirname, '..'),
    stdio: ['ignore', opts.log ? 'pipe' : 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      WEB_CONCURRENCY: String(opts.workers ?? process.env.BENCH_WORKERS ?? 1),
      DATABASE_PATH: dbFile,
      AUTH_SECRET: 'bench-secret-0123456789abcdefghijklmnopqrstuvwxyz',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  if (opts.log && child.stdout) {
    let buffer = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) opts.log!(line);
    });
  }
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const r = await fetch(`${base}/login`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error('server did not start');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    child,
    workerPids: () => childPids(child.pid!),
    dbFile,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        // the supervisor stops its workers gracefully, then itself
        child.kill('SIGTERM');
      }),
  };
}

/** The pids of a process's children (Linux). */
export function childPids(pid: number): number[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** Signs in through next-auth's credentials endpoint and returns the session cookie header. */
export async function signInCookie(base: string, username: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = (csrf.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const r = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    // a route handler: the server's request guard wants the Origin a browser would send
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie, origin: base },
    body: new URLSearchParams({ csrfToken, username, password, callbackUrl: base + '/' }),
  });
  const session = (r.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).find((c) => c.startsWith('authjs.session-token='));
  if (!session) throw new Error(`sign-in failed for ${username} (${r.status})`);
  return session;
}
