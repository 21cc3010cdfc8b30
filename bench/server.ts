/** A production server for benchmarks: fresh seeded database, its own port, stopped by the caller. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureBuild } from '../scripts/build-stamp';
import { prepareDatabase } from '../scripts/prepare-env';
import { SERVER_NODE_FLAGS } from '../scripts/server-flags';

export interface BenchServer {
  base: string;
  child: ChildProcess;
  dbFile: string;
  stop: () => Promise<void>;
}

export async function startServer(port = 3300): Promise<BenchServer> {
  const dbFile = path.resolve('data/bench/app.db');
  fs.rmSync(path.dirname(dbFile), { recursive: true, force: true });
  prepareDatabase(dbFile);
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
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const r = await fetch(`${base}/login`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    child,
    dbFile,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Signs in through next-auth's credentials endpoint and returns the session cookie header. */
export async function signInCookie(base: string, username: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = (csrf.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const r = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, username, password, callbackUrl: base + '/' }),
  });
  const session = (r.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).find((c) => c.startsWith('authjs.session-token='));
  if (!session) throw new Error(`sign-in failed for ${username} (${r.status})`);
  return session;
}
