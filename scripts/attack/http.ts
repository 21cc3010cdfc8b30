/**
 * HTTP as an attacker sends it: node:http on a fresh connection per request (no pooling, so a refused request's
 * closed socket cannot spoil the next one), bodies written in pieces so that a server which answers early (413
 * from Content-Length) is seen answering, and every request bounded in time.
 */
import http from 'node:http';

export interface Outcome {
  /** The HTTP status, or null when the connection ended without a response. */
  status: number | null;
  headers: http.IncomingHttpHeaders;
  /** The first `keepBytes` of the response body. */
  body: Buffer;
  /** Body bytes written before the response arrived or the connection ended. */
  sent: number;
  ms: number;
  /** Why there was no response (`ECONNRESET`, `timeout`, …). */
  error?: string;
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string | number>;
  /** The body; a string is sent as UTF-8. */
  body?: Buffer | string;
  /** Omit Content-Length: Node then sends the body with `Transfer-Encoding: chunked`. */
  chunked?: boolean;
  timeoutMs?: number;
  keepBytes?: number;
}

const PIECE = 64 * 1024;

export function send(base: string, path: string, opts: SendOptions = {}): Promise<Outcome> {
  const url = new URL(path, base);
  const body = typeof opts.body === 'string' ? Buffer.from(opts.body) : opts.body;
  const headers: Record<string, string | number> = { connection: 'close', ...opts.headers };
  if (body && !opts.chunked) headers['content-length'] = body.length;
  const keep = opts.keepBytes ?? 64 * 1024;
  const started = Date.now();
  return new Promise((resolve) => {
    let sent = 0;
    let answered = false;
    let settled = false;
    const finish = (o: Omit<Outcome, 'sent' | 'ms'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...o, sent, ms: Date.now() - started });
      req.destroy();
    };
    const req = http.request(url, { method: opts.method ?? (body ? 'POST' : 'GET'), headers, agent: false });
    const timer = setTimeout(() => finish({ status: null, headers: {}, body: Buffer.alloc(0), error: 'timeout' }), opts.timeoutMs ?? 30_000);
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on('data', (c: Buffer) => {
        if (kept < keep) {
          chunks.push(c.subarray(0, keep - kept));
          kept += Math.min(c.length, keep - kept);
        }
      });
      const done = () => finish({ status: res.statusCode ?? null, headers: res.headers, body: Buffer.concat(chunks) });
      res.on('end', done);
      res.on('close', done);
      res.on('error', done);
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      // an error after the response (EPIPE while we were still writing a refused body) is not a failure
      if (!answered) finish({ status: null, headers: {}, body: Buffer.alloc(0), error: e.code ?? e.message });
    });
    if (!body) {
      req.end();
      return;
    }
    // write in pieces, waiting for the socket to drain, and stop as soon as the server has answered
    let offset = 0;
    const pump = () => {
      while (offset < body.length && !answered && !settled) {
        const piece = body.subarray(offset, offset + PIECE);
        offset += piece.length;
        const more = req.write(piece, () => (sent += piece.length));
        if (!more) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered && !settled) req.end();
    };
    pump();
  });
}

export const text = (o: Outcome) => o.body.toString('utf8');

/** `413`, `ECONNRESET after 1.2 MiB of 6 MiB`, `timeout` — how an outcome reads in a report. */
export function describe(o: Outcome, total?: number): string {
  if (o.status !== null) return String(o.status);
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return total ? `${o.error} after ${mib(o.sent)} of ${mib(total)}` : (o.error ?? 'no response');
}

/** Counts of each description: `413×7, 500×1`. */
export function tally(descriptions: string[]): string {
  const counts = new Map<string, number>();
  for (const d of descriptions) counts.set(d, (counts.get(d) ?? 0) + 1);
  return [...counts].map(([d, n]) => `${d}×${n}`).join(', ');
}

/** GET /login: 200 within `limitMs`. */
export async function probeLogin(base: string, limitMs = 1000): Promise<{ ok: boolean; ms: number; what: string }> {
  const o = await send(base, '/login', { timeoutMs: limitMs, keepBytes: 0 });
  return { ok: o.status === 200, ms: o.ms, what: describe(o) };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Probes GET /login every `everyMs` until `stop()`; returns each probe's time (a failed probe counts as Infinity). */
export function loginProber(base: string, everyMs = 250) {
  const times: number[] = [];
  const failures: string[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const p = await probeLogin(base, 2000);
      times.push(p.ok ? p.ms : Infinity);
      if (!p.ok) failures.push(p.what);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { times, failures, p95: percentile(times, 95) };
    },
  };
}
