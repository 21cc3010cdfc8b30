/**
 * The render queue's store (table render_jobs, db/schema/render.ts). Every decision that must hold across server
 * processes — admission, claim, lease recovery — reads and writes in ONE immediate better-sqlite3 transaction (no
 * await inside): SQLite's write lock orders the processes, so two of them can never both see a free page and
 * take it. The rules themselves are in lib/pdf/queue.ts.
 */
import 'server-only';
import { and, asc, count, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { renderBrowsers, renderJobs } from '../../db/schema';
import type { Tx } from '../audit';
import {
  admissionRefusal,
  afterLeaseExpiry,
  claimableKinds,
  mayUseBrowser,
  RENDER_LIMITS,
  RENDER_MESSAGES,
  RENDER_PRIORITY,
  type JobProgress,
  type Refusal,
  type RenderKind,
  type RenderLimits,
  type RenderStatus,
} from './queue';

interface NewRenderJob {
  kind: RenderKind;
  budgetId: number;
  requestedBy: number;
  /** What the print page must render (publication): lib/pdf/printDigest.ts. */
  digest?: string | null;
}

type EnqueueResult = { ok: true; id: number } | { ok: false; refusal: Refusal };

const outstanding = inArray(renderJobs.status, ['queued', 'running']);

/** Queues a job unless the rules refuse it (exports only: per user, and queue length). */
export function enqueueRenderJob(db: Db, job: NewRenderJob, now = Date.now(), limits: RenderLimits = RENDER_LIMITS): EnqueueResult {
  return db.transaction(
    (tx): EnqueueResult => {
      if (job.kind === 'export') {
        const userOutstanding = tx
          .select({ n: count() })
          .from(renderJobs)
          .where(and(eq(renderJobs.requestedBy, job.requestedBy), eq(renderJobs.kind, 'export'), outstanding))
          .get()!.n;
        const queued = tx
          .select({ n: count() })
          .from(renderJobs)
          .where(and(eq(renderJobs.kind, 'export'), eq(renderJobs.status, 'queued')))
          .get()!.n;
        const refusal = admissionRefusal('export', { userOutstanding, queued }, limits);
        if (refusal) return { ok: false, refusal };
      }
      const row = tx
        .insert(renderJobs)
        .values({
          kind: job.kind,
          priority: RENDER_PRIORITY[job.kind],
          budgetId: job.budgetId,
          requestedBy: job.requestedBy,
          digest: job.digest ?? null,
          status: 'queued',
          createdAt: now,
        })
        .returning({ id: renderJobs.id })
        .get();
      return { ok: true, id: row.id };
    },
    { behavior: 'immediate' },
  );
}

/** Running jobs whose lease ran out (their process died or hung): queued again once, then failed. */
function recoverExpiredLeases(tx: Tx, now: number, limits: RenderLimits): void {
  const expired = tx
    .select({ id: renderJobs.id, attempts: renderJobs.attempts })
    .from(renderJobs)
    .where(and(eq(renderJobs.status, 'running'), lt(renderJobs.leaseExpiresAt, now)))
    .all();
  for (const j of expired) {
    const free = { leaseOwner: null, leaseExpiresAt: null };
    if (afterLeaseExpiry(j.attempts, limits) === 'requeue')
      tx.update(renderJobs).set({ ...free, status: 'queued', startedAt: null }).where(eq(renderJobs.id, j.id)).run();
    else tx.update(renderJobs).set({ ...free, status: 'failed', error: RENDER_MESSAGES.interrupted, finishedAt: now }).where(eq(renderJobs.id, j.id)).run();
  }
}

function holdBrowser(tx: Tx, owner: string, now: number, limits: RenderLimits): void {
  const expiresAt = now + limits.browserIdleMs + limits.leaseMs;
  tx.insert(renderBrowsers).values({ owner, expiresAt }).onConflictDoUpdate({ target: renderBrowsers.owner, set: { expiresAt } }).run();
}

export interface ClaimedJob {
  id: number;
  kind: RenderKind;
  budgetId: number;
  digest: string | null;
  attempts: number;
}

/** True when some job waits or some lease has run out: a cheap read before taking the write lock. */
export function hasClaimableWork(db: Db, now = Date.now()): boolean {
  return (
    db
      .select({ id: renderJobs.id })
      .from(renderJobs)
      .where(or(eq(renderJobs.status, 'queued'), and(eq(renderJobs.status, 'running'), lt(renderJobs.leaseExpiresAt, now))))
      .limit(1)
      .get() !== undefined
  );
}

/**
 * Claims the next job this process may render now, or null: frees expired leases first, then counts the running
 * jobs (machine-wide) and the open browsers, and takes the oldest job of the most urgent claimable kind.
 */
export function claimRenderJob(db: Db, owner: string, now = Date.now(), limits: RenderLimits = RENDER_LIMITS): ClaimedJob | null {
  return db.transaction(
    (tx): ClaimedJob | null => {
      recoverExpiredLeases(tx, now, limits);
      const running = tx.select({ kind: renderJobs.kind, n: count() }).from(renderJobs).where(eq(renderJobs.status, 'running')).groupBy(renderJobs.kind).all();
      const kinds = claimableKinds(
        { total: running.reduce((s, r) => s + r.n, 0), exports: running.find((r) => r.kind === 'export')?.n ?? 0 },
        limits,
      );
      if (kinds.length === 0) return null;
      const browsers = tx.select({ owner: renderBrowsers.owner }).from(renderBrowsers).where(gt(renderBrowsers.expiresAt, now)).all();
      const holds = browsers.some((b) => b.owner === owner);
      if (!mayUseBrowser(holds, browsers.length - (holds ? 1 : 0), limits)) return null;
      const next = tx
        .select({ id: renderJobs.id, kind: renderJobs.kind, budgetId: renderJobs.budgetId, digest: renderJobs.digest, attempts: renderJobs.attempts })
        .from(renderJobs)
        .where(and(eq(renderJobs.status, 'queued'), inArray(renderJobs.kind, kinds)))
        .orderBy(asc(renderJobs.priority), asc(renderJobs.id))
        .limit(1)
        .get();
      if (!next) return null;
      const attempts = next.attempts + 1;
      tx.update(renderJobs)
        .set({ status: 'running', leaseOwner: owner, leaseExpiresAt: now + limits.leaseMs, startedAt: now, attempts })
        .where(eq(renderJobs.id, next.id))
        .run();
      holdBrowser(tx, owner, now, limits);
      return { ...next, attempts };
    },
    { behavior: 'immediate' },
  );
}

const ownedRunning = (id: number, owner: string) => and(eq(renderJobs.id, id), eq(renderJobs.leaseOwner, owner), eq(renderJobs.status, 'running'));

/** Renews the claim (and the browser's row) while the page renders; false when the job is no longer this process's. */
export function renewLease(db: Db, id: number, owner: string, now = Date.now(), limits: RenderLimits = RENDER_LIMITS): boolean {
  return db.transaction(
    (tx) => {
      const r = tx.update(renderJobs).set({ leaseExpiresAt: now + limits.leaseMs }).where(ownedRunning(id, owner)).run();
      if (r.changes === 1) holdBrowser(tx, owner, now, limits);
      return r.changes === 1;
    },
    { behavior: 'immediate' },
  );
}

/** Records the PDF of a job this process still holds; false (nothing written) when its lease was taken away. */
export function completeRenderJob(db: Db, id: number, owner: string, pdf: Buffer, now = Date.now(), limits: RenderLimits = RENDER_LIMITS): boolean {
  return db.transaction(
    (tx) => {
      const r = tx
        .update(renderJobs)
        .set({ status: 'done', result: pdf, error: null, finishedAt: now, leaseOwner: null, leaseExpiresAt: null })
        .where(ownedRunning(id, owner))
        .run();
      holdBrowser(tx, owner, now, limits);
      return r.changes === 1;
    },
    { behavior: 'immediate' },
  );
}

/** Records a failure (a Chinese message for the waiting user) of a job this process still holds. */
export function failRenderJob(db: Db, id: number, owner: string, message: string, now = Date.now()): boolean {
  return (
    db
      .update(renderJobs)
      .set({ status: 'failed', error: message, finishedAt: now, leaseOwner: null, leaseExpiresAt: null })
      .where(ownedRunning(id, owner))
      .run().changes === 1
  );
}

/**
 * Gives up a queued job nobody waits for any more (e.g. a publication that stopped waiting).
 * @public renderJobs.test.ts checks that a finished job cannot be given up
 */
export function abandonRenderJob(db: Db, id: number, message: string, now = Date.now()): boolean {
  return (
    db
      .update(renderJobs)
      .set({ status: 'failed', error: message, finishedAt: now })
      .where(and(eq(renderJobs.id, id), eq(renderJobs.status, 'queued')))
      .run().changes === 1
  );
}

/** This process closed its browser. */
export function releaseBrowser(db: Db, owner: string): void {
  db.delete(renderBrowsers).where(eq(renderBrowsers.owner, owner)).run();
}

export interface RenderJobState extends JobProgress {
  id: number;
  kind: RenderKind;
  budgetId: number;
  requestedBy: number;
  attempts: number;
  /** The PDF is stored and not yet downloaded. */
  hasResult: boolean;
  createdAt: number;
  finishedAt: number | null;
}

/** One job's state without its bytes, with the number of queued jobs that will be claimed before it. */
export function renderJobState(db: Db, id: number): RenderJobState | null {
  const r = db
    .select({
      id: renderJobs.id,
      kind: renderJobs.kind,
      priority: renderJobs.priority,
      budgetId: renderJobs.budgetId,
      requestedBy: renderJobs.requestedBy,
      status: renderJobs.status,
      attempts: renderJobs.attempts,
      error: renderJobs.error,
      createdAt: renderJobs.createdAt,
      finishedAt: renderJobs.finishedAt,
      hasResult: sql<number>`${renderJobs.result} IS NOT NULL`,
    })
    .from(renderJobs)
    .where(eq(renderJobs.id, id))
    .get();
  if (!r) return null;
  const ahead =
    r.status === 'queued'
      ? db
          .select({ n: count() })
          .from(renderJobs)
          .where(
            and(
              eq(renderJobs.status, 'queued'),
              or(lt(renderJobs.priority, r.priority), and(eq(renderJobs.priority, r.priority), lt(renderJobs.id, r.id))),
            ),
          )
          .get()!.n
      : 0;
  const { priority: _priority, hasResult, ...rest } = r;
  return { ...rest, status: rest.status as RenderStatus, hasResult: Boolean(hasResult), ahead };
}

/** A finished job's PDF, removed from the database as it is handed out (each result is downloaded once). */
export function takeRenderResult(db: Db, id: number): Buffer | null {
  return db.transaction(
    (tx) => {
      const r = tx.select({ result: renderJobs.result, status: renderJobs.status }).from(renderJobs).where(eq(renderJobs.id, id)).get();
      if (!r || r.status !== 'done' || !r.result) return null;
      tx.update(renderJobs).set({ result: null }).where(eq(renderJobs.id, id)).run();
      return Buffer.from(r.result);
    },
    { behavior: 'immediate' },
  );
}

/** PDFs nobody downloaded within the limit are dropped; finished rows older than a day are deleted. */
export function purgeRenderJobs(db: Db, now = Date.now(), limits: RenderLimits = RENDER_LIMITS): void {
  db.update(renderJobs)
    .set({ result: null })
    .where(and(eq(renderJobs.status, 'done'), lt(renderJobs.finishedAt, now - limits.resultTtlMs), sql`${renderJobs.result} IS NOT NULL`))
    .run();
  db.delete(renderJobs)
    .where(and(inArray(renderJobs.status, ['done', 'failed']), lt(renderJobs.finishedAt, now - 24 * 3_600_000)))
    .run();
  db.delete(renderBrowsers).where(lt(renderBrowsers.expiresAt, now)).run();
}

/** A job ended without a PDF; the message is the Chinese one recorded on the job. */
export class RenderFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderFailedError';
  }
}

interface WaitOptions {
  /** Give up after this long (a queued job is then abandoned). */
  timeoutMs?: number;
  pollMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Waits for a job by polling the database (the job may be rendered by any server process) and takes its PDF;
 * throws RenderFailedError when it failed or the wait ran out.
 */
export async function awaitRenderJob(db: Db, id: number, opts: WaitOptions = {}): Promise<Buffer> {
  const timeoutMs = opts.timeoutMs ?? 3 * 60_000;
  const pollMs = opts.pollMs ?? 250;
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const deadline = now() + timeoutMs;
  for (;;) {
    const s = renderJobState(db, id);
    if (!s) throw new RenderFailedError(RENDER_MESSAGES.failed);
    if (s.status === 'done') {
      const pdf = takeRenderResult(db, id);
      if (!pdf) throw new RenderFailedError(RENDER_MESSAGES.failed);
      return pdf;
    }
    if (s.status === 'failed') throw new RenderFailedError(s.error ?? RENDER_MESSAGES.failed);
    if (now() >= deadline) {
      abandonRenderJob(db, id, RENDER_MESSAGES.waitTimeout(timeoutMs), now());
      throw new RenderFailedError(RENDER_MESSAGES.waitTimeout(timeoutMs));
    }
    await sleep(pollMs);
  }
}
