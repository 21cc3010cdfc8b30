/**
 * 5. Twelve PDF exports of the same budget at once by the clerk. At most two pages may be rendering at any moment
 * (counted as live Chromium renderer processes under the server, one per page); the others are queued (202) or
 * refused (429), none fails (5xx) or hangs past 28 s, and /login stays fast meanwhile (p95 < 1 s).
 */
import { describe, loginProber, send, tally } from './http';
import { CLERK, session, type Attack } from './harness';

const PAGES_AT_ONCE = 2;

export const pdfBurst: Attack = {
  name: '5 twelve parallel PDF exports',
  async run(t, sampler) {
    const problems: string[] = [];
    const cookie = await session(t, CLERK.username, CLERK.password);
    const prober = loginProber(t.base, 250);
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, () => send(t.base, `/budgets/${CLERK.budgetId}/export/pdf`, { headers: { cookie }, timeoutMs: 28_000, keepBytes: 8 })),
    );
    const probes = await prober.stop();
    const seen = tally(outcomes.map((o) => describe(o)));
    const failed = outcomes.filter((o) => o.status === null || o.status >= 500).length;
    const unexpected = outcomes.filter((o) => o.status !== null && o.status < 500 && ![200, 202, 429].includes(o.status)).length;
    const notPdf = outcomes.filter((o) => o.status === 200 && o.body.subarray(0, 5).toString() !== '%PDF-').length;
    if (failed) problems.push(`${failed} of 12 failed or hung (${seen})`);
    if (unexpected) problems.push(`${unexpected} answered neither 200, 202 nor 429 (${seen})`);
    if (notPdf) problems.push(`${notPdf} answered 200 without a PDF`);
    const maxRenderers = sampler.maxRenderersSoFar();
    if (maxRenderers > PAGES_AT_ONCE) problems.push(`${maxRenderers} pages were rendering at once (limit ${PAGES_AT_ONCE})`);
    if (probes.p95 >= 1000 || probes.failures.length) problems.push(`GET /login p95 ${probes.p95} ms during the burst (${probes.failures.length} failed)`);
    return {
      problems,
      notes: [`answers: ${seen}; at most ${maxRenderers} pages rendering; /login p95 ${probes.p95} ms over ${probes.times.length} probes; slowest export ${Math.max(...outcomes.map((o) => o.ms))} ms`],
    };
  },
};
