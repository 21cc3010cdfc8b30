/**
 * The render queue under the burst that used to break the server (issue 12): one clerk fires 12 PDF exports at
 * once while the administrator publishes another department's budget, through the production server (the
 * supervisor and its workers, BENCH_WORKERS or 2). Measured: the accepted exports' time from request to the last
 * byte of the download, how many were refused (429), the publication's time, another reader's page meanwhile, and
 * the peak of Chromium processes and their memory.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { percentile, type Measurement } from './harness';
import { signInCookie, startServer } from './server';
import { serverActionId } from '../lib/server/actionIds';

const PORT = Number(process.env.BENCH_PDF_PORT ?? 3510);
const EXPORTS = 12;

/** Chromium processes below `root` (the supervisor): count and resident memory. */
function chromiumUnder(root: number): { count: number; rssMiB: number } {
  let out = '';
  try {
    out = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,comm='], { encoding: 'utf8' });
  } catch {
    return { count: 0, rssMiB: 0 };
  }
  const rows = out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .map(([pid, ppid, rss, ...comm]) => ({ pid: Number(pid), ppid: Number(ppid), rss: Number(rss), comm: comm.join(' ') }));
  const below = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows)
      if (!below.has(r.pid) && below.has(r.ppid)) {
        below.add(r.pid);
        grew = true;
      }
  }
  const chrome = rows.filter((r) => below.has(r.pid) && /chrom|headless/i.test(r.comm));
  return { count: chrome.length, rssMiB: Math.round(chrome.reduce((s, r) => s + r.rss, 0) / 1024) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runPdfQueueBench(): Promise<Measurement[]> {
  const workers = Number(process.env.BENCH_WORKERS ?? 2);
  const dbFile = path.resolve('data/d/bench-pdf/app.db');
  const server = await startServer(PORT, { workers, dbFile });
  try {
    const db = new Database(dbFile);
    const one = <T>(q: string, ...a: unknown[]) => db.prepare(q).get(...a) as T;
    const year = one<{ year: number }>('SELECT year FROM fiscal_years WHERE is_current = 1').year;
    const budgetOf = (code: string) =>
      one<{ id: number }>('SELECT b.id FROM budgets b JOIN departments d ON d.id = b.department_id WHERE d.code = ? AND b.year = ?', code, year).id;
    const clerkBudget = budgetOf('054');
    const published = budgetOf('061');
    // the archive's budget, approved, is what the administrator publishes during the burst
    db.prepare("UPDATE budgets SET status = 'approved', approved_at = ? WHERE id = ?").run(Date.now(), published);
    const version = one<{ version: number }>('SELECT version FROM budgets WHERE id = ?', published).version;
    db.close();

    const clerk = await signInCookie(server.base, 'renshe', 'Renshe#2024');
    const admin = await signInCookie(server.base, 'admin', 'Admin#2024');
    const reader = await signInCookie(server.base, 'dangan', 'Dangan#2024');
    const publishId = serverActionId(process.env.NEXT_DIST_DIR || '.next', 'app/(app)/budgets/[id]/workflow-actions.ts', 'publishAction');

    let peak = { count: 0, rssMiB: 0 };
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const s = chromiumUnder(server.child.pid!);
        if (s.count > peak.count) peak = { ...peak, count: s.count };
        if (s.rssMiB > peak.rssMiB) peak = { ...peak, rssMiB: s.rssMiB };
        await sleep(250);
      }
    })();

    const exportOne = async (): Promise<{ status: number; ms: number }> => {
      const t0 = performance.now();
      const r = await fetch(`${server.base}/budgets/${clerkBudget}/export/pdf`, { method: 'POST', headers: { cookie: clerk, origin: server.base } });
      if (r.status !== 202) {
        await r.arrayBuffer();
        return { status: r.status, ms: performance.now() - t0 };
      }
      const { jobId } = (await r.json()) as { jobId: number };
      const jobUrl = `${server.base}/budgets/${clerkBudget}/export/pdf/jobs/${jobId}`;
      for (;;) {
        await sleep(250);
        const s = (await (await fetch(jobUrl, { headers: { cookie: clerk } })).json()) as { status: string; error: string | null };
        if (s.status === 'failed') throw new Error(`export ${jobId} failed: ${s.error}`);
        if (s.status === 'done') break;
      }
      const d = await fetch(`${jobUrl}/download`, { headers: { cookie: clerk } });
      if (d.status !== 200) throw new Error(`download ${jobId}: ${d.status}`);
      await d.arrayBuffer();
      return { status: 202, ms: performance.now() - t0 };
    };

    const publish = async (): Promise<{ ms: number; body: string }> => {
      // the burst is queued first: the publication arrives behind twelve exports
      await sleep(300);
      const t0 = performance.now();
      const r = await fetch(`${server.base}/admin/publish`, {
        method: 'POST',
        headers: { cookie: admin, 'next-action': publishId, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', origin: server.base },
        body: JSON.stringify([{ budgetId: published, version }]),
      });
      const body = await r.text();
      return { ms: performance.now() - t0, body };
    };

    let readingDone = false;
    const readerTimes: number[] = [];
    const reading = (async () => {
      while (!readingDone) {
        const t0 = performance.now();
        const r = await fetch(`${server.base}/budgets/${published}`, { headers: { cookie: reader } });
        await r.arrayBuffer();
        readerTimes.push(performance.now() - t0);
        await sleep(500);
      }
    })();

    const [exports, publication] = await Promise.all([Promise.all(Array.from({ length: EXPORTS }, exportOne)), publish()]);
    readingDone = true;
    await reading;
    sampling = false;
    await sampler;

    const check = new Database(dbFile, { readonly: true });
    const status = (check.prepare('SELECT status FROM budgets WHERE id = ?').get(published) as { status: string }).status;
    check.close();

    const accepted = exports.filter((e) => e.status === 202).map((e) => e.ms).sort((a, b) => a - b);
    const refused = exports.filter((e) => e.status === 429).length;
    const other = exports.length - accepted.length - refused;
    readerTimes.sort((a, b) => a - b);
    const chrome = `Chromium peak ${peak.count} processes, ${peak.rssMiB} MiB`;
    return [
      {
        name: `PDF queue: accepted exports of ${EXPORTS} parallel by one clerk (request → downloaded)`,
        runs: accepted.length,
        median: percentile(accepted, 50),
        p95: percentile(accepted, 95),
        target: 'none fails; the rest refused at once',
        note: `${refused} refused (429)${other ? `, ${other} other statuses` : ''}; ${workers} workers`,
      },
      {
        name: 'PDF queue: publication during the burst (action → answered)',
        runs: 1,
        median: publication.ms,
        p95: publication.ms,
        target: 'published, < 1 export behind',
        note: `budget ${status}; ${chrome}`,
      },
      {
        name: "PDF queue: another reader's budget page during the burst",
        runs: readerTimes.length,
        median: percentile(readerTimes, 50),
        p95: percentile(readerTimes, 95),
        target: 'was 4.6 s (p95) before the queue',
      },
    ];
  } finally {
    await server.stop();
  }
}
