/**
 * The render queue's worker: each server process runs one small loop that claims jobs from render_jobs (the
 * claim decides machine-wide, lib/pdf/renderJobs.ts), renders them and records the result. It polls once a second
 * while started (an unref'd timer, so it never keeps a process alive) and is woken at once by an enqueue in its own
 * process and when one of its jobs ends.
 *
 * With N server processes on one database: at most RENDER_LIMITS.pages (2) pages render machine-wide, exports
 * on at most one of them, and at most RENDER_LIMITS.browsers (2) processes hold a Chromium (a browser is closed
 * after RENDER_LIMITS.browserIdleMs idle; a process without one claims only while fewer than two others hold one).
 */
import 'server-only';
import { randomUUID } from 'node:crypto';
import { getDb, type Db } from '../../db/client';
import { serverPort } from '../env';
import { createRenderToken, RENDER_TOKEN_HEADER } from '../export/renderToken';
import { ChromiumNotFoundError, onPdfBrowserClosed, PageTimeoutError, PrintPageError, renderPdf } from '../export/pdf';
import { RENDER_LIMITS, RENDER_MESSAGES, type RenderLimits } from './queue';
import {
  claimRenderJob,
  completeRenderJob,
  failRenderJob,
  hasClaimableWork,
  purgeRenderJobs,
  releaseBrowser,
  renewLease,
  type ClaimedJob,
} from './renderJobs';

/** Renders one claimed job's page to PDF bytes. */
type PageRenderer = (job: ClaimedJob, limits: RenderLimits) => Promise<Buffer>;

/** This server's print page of the job's budget, with the render token (and the publication's digest) in a header. */
function printUrl(budgetId: number): string {
  return `http://127.0.0.1:${serverPort()}/print/budgets/${budgetId}`;
}

const renderPrintPage: PageRenderer = (job, limits) =>
  renderPdf(printUrl(job.budgetId), {
    headers: { [RENDER_TOKEN_HEADER]: createRenderToken(job.budgetId, Date.now(), job.digest) },
    timeoutMs: limits.pageTimeoutMs,
    idleMs: limits.browserIdleMs,
  });

/** The Chinese message a waiting user reads for a rendering failure. */
function failureMessage(e: unknown, limits: RenderLimits = RENDER_LIMITS): string {
  if (e instanceof ChromiumNotFoundError) return e.message;
  if (e instanceof PageTimeoutError) return RENDER_MESSAGES.timeout(e.timeoutMs);
  if (e instanceof PrintPageError && e.status === 409) return RENDER_MESSAGES.changed;
  if (e instanceof Error && /Timeout \d+ms exceeded/.test(e.message)) return RENDER_MESSAGES.timeout(limits.pageTimeoutMs);
  return RENDER_MESSAGES.failed;
}

interface WorkerOptions {
  owner?: string;
  limits?: RenderLimits;
  pollMs?: number;
  now?: () => number;
}

/**
 * One process's claim-render-record loop (`ensurePdfWorker` starts this process's one).
 * @public the publication and bulk-export tests run their own, with their own page renderer
 */
export class RenderWorker {
  readonly owner: string;
  readonly limits: RenderLimits;
  private readonly pollMs: number;
  private readonly now: () => number;
  private readonly jobs = new Map<number, Promise<void>>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private ticking = false;
  private again = false;
  private lastPurge = 0;

  constructor(
    private readonly db: Db,
    private readonly render: PageRenderer,
    opts: WorkerOptions = {},
  ) {
    // the pid names the process in the lease; the boot id keeps a reused pid from looking like its predecessor
    this.owner = opts.owner ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
    this.limits = opts.limits ?? RENDER_LIMITS;
    this.pollMs = opts.pollMs ?? 1000;
    this.now = opts.now ?? Date.now;
  }

  /** Jobs this process is rendering now. */
  get active(): number {
    return this.jobs.size;
  }

  /** Claims what this process may render now and starts rendering it (returns once the claims are made). */
  tick(): void {
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = true;
    try {
      do {
        this.again = false;
        const now = this.now();
        if (now - this.lastPurge > 60_000) {
          purgeRenderJobs(this.db, now, this.limits);
          this.lastPurge = now;
        }
        while (this.jobs.size < this.limits.pages && hasClaimableWork(this.db, this.now())) {
          const job = claimRenderJob(this.db, this.owner, this.now(), this.limits);
          if (!job) break;
          const run = this.run(job).finally(() => {
            this.jobs.delete(job.id);
            this.wake();
          });
          this.jobs.set(job.id, run);
        }
      } while (this.again);
    } catch (e) {
      // SQLITE_BUSY beyond the busy timeout, or the database closing: the next tick tries again
      console.error('PDF queue: claim failed', e instanceof Error ? e.message : e);
    } finally {
      this.ticking = false;
    }
  }

  /** Resolves when every job this process is rendering has ended (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.jobs.size > 0) await Promise.all([...this.jobs.values()]);
  }

  private async run(job: ClaimedJob): Promise<void> {
    const heartbeat = setInterval(() => {
      try {
        renewLease(this.db, job.id, this.owner, this.now(), this.limits);
      } catch (e) {
        console.error('PDF queue: lease renewal failed', e instanceof Error ? e.message : e);
      }
    }, this.limits.heartbeatMs);
    heartbeat.unref?.();
    try {
      const pdf = await this.render(job, this.limits);
      completeRenderJob(this.db, job.id, this.owner, pdf, this.now(), this.limits);
    } catch (e) {
      const message = failureMessage(e, this.limits);
      // the message and name only: the job's URL carries no token, but nothing here needs more than this
      if (!(e instanceof ChromiumNotFoundError) && !(e instanceof PrintPageError))
        console.error(`PDF queue: job ${job.id} (${job.kind}) failed:`, e instanceof Error ? `${e.name}: ${e.message}` : String(e));
      try {
        failRenderJob(this.db, job.id, this.owner, message, this.now());
      } catch (inner) {
        console.error('PDF queue: could not record the failure', inner instanceof Error ? inner.message : inner);
      }
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Starts the polling loop (idempotent). */
  start(): void {
    if (this.timer) return;
    const loop = () => {
      this.tick();
      this.timer = setTimeout(loop, this.pollMs);
      this.timer.unref?.();
    };
    this.timer = setTimeout(loop, 0);
    this.timer.unref?.();
  }

  /** Claims now instead of at the next poll. */
  wake(): void {
    if (this.timer) setImmediate(() => this.tick());
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

const g = globalThis as unknown as { __pdfRenderWorker?: RenderWorker };

/**
 * This process's worker over the application's database, started on first use (an enqueue, or the server's
 * start through instrumentation.ts).
 */
export function ensurePdfWorker(): RenderWorker {
  if (!g.__pdfRenderWorker) {
    const db = getDb();
    const worker = new RenderWorker(db, renderPrintPage);
    onPdfBrowserClosed(() => {
      try {
        releaseBrowser(db, worker.owner);
      } catch {
        // the row expires on its own
      }
    });
    g.__pdfRenderWorker = worker;
    worker.start();
  }
  return g.__pdfRenderWorker;
}
