/**
 * The server's own PDF renderers for publication and bulk export: each page is a job of the machine-wide render
 * queue (lib/pdf/renderJobs.ts) with its kind's priority — publication before bulk before clerks' exports, and
 * exports may hold only one of the two pages — so a burst of exports delays a publication by one export at most
 * and cannot make it fail. The caller waits (polling the database, bounded) for whichever process renders it.
 */
import 'server-only';
import { getDb, type Db } from '../../db/client';
import { awaitRenderJob, enqueueRenderJob, RenderFailedError } from '../pdf/renderJobs';
import { ensurePdfWorker } from '../pdf/worker';
import type { PdfRenderer } from './prepare';

/** How long a publication or one budget of a bulk export waits for its page: queue plus rendering. */
const RENDER_WAIT_MS = 3 * 60_000;

interface QueueDeps {
  db?: Db;
  /** Tells this process's worker there is a job (default: the server's worker, started if needed). */
  wake?: () => void;
  waitMs?: number;
}

/** A renderer that queues each page as a `kind` job requested by `requestedBy` and waits for it. */
export function queuedRenderer(kind: 'publication' | 'bulk', requestedBy: number, deps: QueueDeps = {}): PdfRenderer {
  return async (budgetId, request) => {
    const db = deps.db ?? getDb();
    const queued = enqueueRenderJob(db, { kind, budgetId, requestedBy, digest: request?.digest ?? null });
    // publication and bulk are never refused; this keeps the type honest
    if (!queued.ok) throw new RenderFailedError(queued.refusal.message);
    (deps.wake ?? (() => ensurePdfWorker().wake()))();
    return awaitRenderJob(db, queued.id, { timeoutMs: deps.waitMs ?? RENDER_WAIT_MS });
  };
}
