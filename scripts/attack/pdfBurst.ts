/**
 * 5. Twelve PDF exports of the same budget at once by the clerk, through the render queue's API (POST starts a job:
 * 202 queued, or 429 refused). At most two pages may be rendering at any moment (counted as live Chromium renderer
 * processes under the server, one per page); none fails (5xx) or hangs past 28 s; the accepted ones finish (their
 * state reaches `done` and the download is a PDF) or are still queued when the attack ends, never `failed`; and
 * /login stays fast meanwhile (p95 < 1 s).
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
    const origin = t.base;
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, () =>
        send(t.base, `/budgets/${CLERK.budgetId}/export/pdf`, { method: 'POST', body: '', headers: { cookie, origin }, timeoutMs: 28_000, keepBytes: 4096 }),
      ),
    );
    // follow the accepted jobs to their end (bounded): each must finish with a PDF, none may fail
    const jobs = outcomes.filter((o) => o.status === 202).map((o) => JSON.parse(o.body.toString('utf8')) as { statusUrl: string });
    const finished = await Promise.all(
      jobs.map(async ({ statusUrl }) => {
        const deadline = Date.now() + 120_000;
        while (Date.now() < deadline) {
          const st = await send(t.base, statusUrl, { headers: { cookie }, timeoutMs: 10_000, keepBytes: 4096 });
          const state = st.status === 200 ? (JSON.parse(st.body.toString('utf8')) as { status: string; downloadable?: boolean }) : null;
          if (!state) return `state ${describe(st)}`;
          if (state.status === 'failed') return 'failed';
          if (state.status === 'done') {
            const pdf = await send(t.base, `${statusUrl}/download`, { headers: { cookie }, timeoutMs: 28_000, keepBytes: 8 });
            return pdf.status === 200 && pdf.body.subarray(0, 5).toString() === '%PDF-' ? 'pdf' : `download ${describe(pdf)}`;
          }
          await new Promise((r) => setTimeout(r, 1000));
        }
        return 'still queued';
      }),
    );
    const probes = await prober.stop();
    const badJobs = finished.filter((f) => f !== 'pdf' && f !== 'still queued');
    if (badJobs.length) problems.push(`accepted exports that did not end in a PDF: ${tally(badJobs)}`);
    const seen = tally(outcomes.map((o) => describe(o)));
    const failed = outcomes.filter((o) => o.status === null || o.status >= 500).length;
    const unexpected = outcomes.filter((o) => o.status !== null && o.status < 500 && ![202, 429].includes(o.status)).length;
    if (failed) problems.push(`${failed} of 12 failed or hung (${seen})`);
    if (unexpected) problems.push(`${unexpected} answered neither 202 nor 429 (${seen})`);
    const maxRenderers = sampler.maxRenderersSoFar();
    if (maxRenderers > PAGES_AT_ONCE) problems.push(`${maxRenderers} pages were rendering at once (limit ${PAGES_AT_ONCE})`);
    if (probes.p95 >= 1000 || probes.failures.length) problems.push(`GET /login p95 ${probes.p95} ms during the burst (${probes.failures.length} failed)`);
    return {
      problems,
      notes: [`answers: ${seen}; accepted jobs: ${tally(finished)}; at most ${maxRenderers} pages rendering; /login p95 ${probes.p95} ms over ${probes.times.length} probes; slowest export ${Math.max(...outcomes.map((o) => o.ms))} ms`],
    };
  },
};
