/**
 * 1. Eight anonymous sign-in posts at once, each a server-action body of just under 6 MiB of `[[{"a":1},…]]` (many
 * small objects: what a decoder spends memory on). The sign-in page is public: its limit is 8 KiB, decided from
 * Content-Length before a byte is parsed, so every one must be refused with 413 (or the connection closed before
 * the body was taken).
 */
import { signInActionId } from './actions';
import { describe, send, tally } from './http';
import type { Attack } from './harness';

const BODY_BYTES = 6 * 1024 * 1024 - 1024;

export function nestedArrayBody(bytes: number): Buffer {
  const item = '{"a":1},';
  return Buffer.from(`[[${item.repeat(Math.floor((bytes - 12) / item.length))}{"a":1}]]`);
}

export function refused(o: { status: number | null; sent: number; error?: string }, total: number, status = 413): boolean {
  return o.status === status || (o.status === null && o.error !== 'timeout' && o.sent < total);
}

let body: Buffer;

export const oversizedSignIn: Attack = {
  name: '1 oversized anonymous sign-in bodies (8 × 6 MiB)',
  async prepare() {
    body ??= nestedArrayBody(BODY_BYTES);
  },
  async run(t) {
    const id = await signInActionId(t.base);
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () =>
        send(t.base, '/login', {
          method: 'POST',
          body,
          timeoutMs: 25_000,
          headers: { 'next-action': id, accept: 'text/x-component', 'content-type': 'text/plain;charset=UTF-8', origin: t.base },
        }),
      ),
    );
    const seen = tally(outcomes.map((o) => describe(o, body.length)));
    const bad = outcomes.filter((o) => !refused(o, body.length)).length;
    return {
      problems: bad ? [`${bad} of 8 were not refused with 413 (${seen})`] : [],
      notes: [`answers: ${seen}; slowest ${Math.max(...outcomes.map((o) => o.ms))} ms`],
    };
  },
};
