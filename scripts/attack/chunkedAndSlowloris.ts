/**
 * 2. The same sign-in body with `Transfer-Encoding: chunked` (no Content-Length, so no size to decide on: refused
 * with 411), then a slowloris: 40 connections that trickle their request headers a few bytes at a time. The
 * server must keep answering /login meanwhile and must drop every connection whose headers are not complete
 * within its header timeout; the attack gives up after 20 s, so a server still holding them then (Node's
 * default headersTimeout is 60 s, checked every 30 s) fails.
 */
import net from 'node:net';
import { signInActionId } from './actions';
import { describe, loginProber, send, tally } from './http';
import type { Attack } from './harness';
import { nestedArrayBody, refused } from './oversizedSignIn';

const SLOW_CONNECTIONS = 40;
const SLOW_LIMIT_MS = 20_000;

let body: Buffer;

/** Opens a connection that sends its headers one line fragment every 500 ms; resolves with when the server closed it. */
function trickle(port: number, until: number): Promise<number | null> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let timer: NodeJS.Timeout | null = null;
    let n = 0;
    const done = (closedAfter: number | null) => {
      if (timer) clearInterval(timer);
      socket.destroy();
      resolve(closedAfter);
    };
    socket.on('connect', () => {
      socket.write(`GET /login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
      timer = setInterval(() => {
        if (Date.now() > until) return done(null);
        socket.write(n++ % 2 === 0 ? 'X-Slow-' : `${n}: x\r\n`);
      }, 500);
    });
    socket.on('data', () => undefined); // a 408 or 400 answer, then the close
    socket.on('close', () => done(Date.now() - started));
    socket.on('error', () => done(Date.now() - started));
  });
}

export const chunkedAndSlowloris: Attack = {
  name: '2 chunked sign-in bodies and a slowloris',
  async prepare() {
    body ??= nestedArrayBody(6 * 1024 * 1024 - 1024);
  },
  async run(t) {
    const problems: string[] = [];
    const notes: string[] = [];
    const id = await signInActionId(t.base);
    const chunked = await Promise.all(
      Array.from({ length: 4 }, () =>
        send(t.base, '/login', {
          method: 'POST',
          body,
          chunked: true,
          timeoutMs: 20_000,
          headers: { 'next-action': id, accept: 'text/x-component', 'content-type': 'text/plain;charset=UTF-8', origin: t.base },
        }),
      ),
    );
    const seen = tally(chunked.map((o) => describe(o, body.length)));
    const notRefused = chunked.filter((o) => !refused(o, body.length, 411)).length;
    if (notRefused) problems.push(`chunked: ${notRefused} of 4 were not refused with 411 (${seen})`);
    notes.push(`chunked: ${seen}`);

    const prober = loginProber(t.base, 250);
    const until = Date.now() + SLOW_LIMIT_MS;
    const closed = await Promise.all(Array.from({ length: SLOW_CONNECTIONS }, () => trickle(t.port, until)));
    const probes = await prober.stop();
    const held = closed.filter((c) => c === null).length;
    const closedTimes = closed.filter((c): c is number => c !== null);
    if (held) problems.push(`slowloris: ${held} of ${SLOW_CONNECTIONS} trickling connections still open after ${SLOW_LIMIT_MS / 1000} s (no header timeout)`);
    if (probes.failures.length || probes.p95 >= 1000)
      problems.push(`slowloris: GET /login p95 ${probes.p95} ms during the attack, ${probes.failures.length} failed (${tally(probes.failures)})`);
    notes.push(
      `slowloris: ${SLOW_CONNECTIONS - held} closed by the server${closedTimes.length ? ` after ${Math.min(...closedTimes)}–${Math.max(...closedTimes)} ms` : ''}; /login p95 ${probes.p95} ms over ${probes.times.length} probes`,
    );
    return { problems, notes };
  },
};
