/**
 * The request guard in front of the real server (scripts/supervisor.ts with one worker on a temporary database):
 * the attack that used to exhaust the worker's heap — 8 concurrent anonymous 6 MiB server-action bodies to /login —
 * is refused before Next reads it, and the same worker keeps serving. Needs the production build: `npm test` runs
 * it after the build (SERVER_TESTS=1), or `SERVER_TESTS=1 npx vitest run lib/server/guardedServer.test.ts`.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInCookie, startServer, type BenchServer } from '../../bench/server';
import { openDatabase } from '../../db/client';
import { budgets, departments } from '../../db/schema';
import { TEXT_FIELDS } from '../budget/edit/texts';
import { BODY_LIMITS } from './requestGuard';
import { serverActionId } from './actionIds';

const PORT = Number(process.env.GUARD_TEST_PORT ?? 3211);
const ROOT = path.resolve(__dirname, '..', '..');
const actionId = (file: string, name: string) => serverActionId(path.resolve(ROOT, process.env.NEXT_DIST_DIR || '.next'), file, name);

/**
 * A raw request whose body is written chunk by chunk as the socket takes it, until the answer comes: the guard answers
 * from the headers, so a refused body stops being sent (a client writing on would meet a closed socket).
 */
function send(opts: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer }): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string; sent: number }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    let sent = 0;
    const req = http.request({ host: '127.0.0.1', port: PORT, method: opts.method ?? 'POST', path: opts.path, headers: opts.headers, agent: false }, (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text, sent }));
    });
    req.on('error', (e) => (answered ? undefined : reject(e)));
    const body = opts.body ?? Buffer.alloc(0);
    const pump = () => {
      while (!answered && sent < body.length) {
        const chunk = body.subarray(sent, sent + 64 * 1024);
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    req.flushHeaders();
    pump();
  });
}

/** `[[{"a":1},{"a":1},…]]` of `bytes` bytes: what Next's action decoder turns into hundreds of thousands of objects. */
function nested(bytes: number): Buffer {
  const unit = '{"a":1},';
  const n = Math.floor((bytes - 4) / unit.length);
  const s = '[[' + unit.repeat(n).slice(0, -1) + ']]';
  return Buffer.from(s.padEnd(bytes, ' '));
}

describe.skipIf(process.env.SERVER_TESTS !== '1')('the guarded server', () => {
  let server: BenchServer;
  let dir: string;
  let origin: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guard-test-'));
    server = await startServer(PORT, { workers: 1, dbFile: path.join(dir, 'db', 'app.db') });
    origin = server.base;
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses 8 concurrent anonymous 6 MiB sign-in bodies with 413, and the same worker keeps serving', async () => {
    const workers = server.workerPids();
    const body = nested(6 * 1024 * 1024);
    const signIn = actionId('app/login/actions.ts', 'signInAction');
    const t0 = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        send({
          path: '/login',
          headers: { 'content-type': 'text/plain;charset=UTF-8', 'next-action': signIn, origin, accept: 'text/x-component', 'content-length': String(body.length) },
          body,
        }),
      ),
    );
    for (const a of answers) {
      expect(a.status).toBe(413);
      expect(a.text.trim()).toBe('请求内容过大（上限 8 KB）');
      expect(a.headers['cache-control']).toBe('no-store');
      expect(a.headers.connection).toBe('close');
    }
    console.log(`8 × 6 MiB anonymous POSTs to /login: all answered in ${Date.now() - t0} ms`);
    const login = await fetch(`${origin}/login`);
    expect(login.status).toBe(200);
    expect(server.workerPids()).toEqual(workers);
  }, 60_000);

  it('refuses chunked bodies (411) and foreign origins (403) before Next', async () => {
    const chunked = await send({ path: '/login', headers: { 'transfer-encoding': 'chunked', 'next-action': 'x', origin }, body: Buffer.from('x') });
    expect(chunked.status).toBe(411);
    const foreign = await send({ path: '/login', headers: { 'next-action': 'x', origin: 'http://evil.example', 'content-length': '2' }, body: Buffer.from('[]') });
    expect(foreign.status).toBe(403);
    expect(foreign.text.trim()).toBe('请求来源与本站不符，已拒绝');
    const noOrigin = await send({ path: '/api/auth/signout', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '0' } });
    expect(noOrigin.status).toBe(403);
  });

  it('a signed-in clerk saves a 100 KB texts section, and one byte over the text-page limit is refused', async () => {
    const cookie = await signInCookie(origin, 'renshe', 'Renshe#2024');
    const db = openDatabase(server.dbFile);
    const dept = db.select().from(departments).where(eq(departments.code, '054')).get()!;
    const budget = db.select().from(budgets).where(eq(budgets.departmentId, dept.id)).get()!;
    db.$client.close();
    const id = actionId('app/(app)/budgets/[id]/facts/actions.ts', 'updateTextsAction');
    const text = '本部门负责全县人力资源和社会保障工作。'.repeat(100).slice(0, 1800); // ≈ 5.4 KB a text in UTF-8
    const values = Object.fromEntries(TEXT_FIELDS.map((f) => [f, text]));
    const base = Object.fromEntries(TEXT_FIELDS.map((f) => [f, '']));
    const payload = Buffer.from(JSON.stringify([{ budgetId: budget.id, baseVersion: budget.version, base: { ...base, ...values }, values }]));
    expect(payload.length).toBeGreaterThan(64 * 1024);
    const headers = { cookie, 'next-action': id, origin, accept: 'text/x-component', 'content-type': 'text/plain;charset=UTF-8' };
    const saved = await send({ path: `/budgets/${budget.id}/facts`, headers: { ...headers, 'content-length': String(payload.length) }, body: payload });
    expect(saved.status).toBe(200);
    expect(saved.text).toMatch(/"ok":true/);
    const tooBig = Buffer.alloc(BODY_LIMITS.text + 1, 0x20);
    const refused = await send({ path: `/budgets/${budget.id}/facts`, headers: { ...headers, 'content-length': String(tooBig.length) }, body: tooBig });
    expect(refused.status).toBe(413);
    expect(refused.text.trim()).toBe('请求内容过大（上限 1 MB）');
    // the same body without the session: the public limit
    const anonymous = await send({ path: `/budgets/${budget.id}/facts`, headers: { ...headers, cookie: '', 'content-length': String(payload.length) }, body: payload });
    expect(anonymous.status).toBe(413);
  }, 60_000);
});
