/**
 * A reader's PDF export of a budget, through the render queue: request it, follow it, download it once. Every call
 * authorizes the budget read through lib/budget/access.ts (a ForbiddenError for a budget the actor may not read);
 * a job is visible only to the user who requested it, under its own budget — anyone else's job id is not found.
 */
import type { Db } from '../../db/client';
import type { Actor } from '../auth/authorize';
import { getBudgetSummary, type BudgetSummaryRow } from '../budget/access';
import { progressText, type Refusal, type RenderStatus } from './queue';
import { enqueueRenderJob, renderJobState, takeRenderResult, type RenderJobState } from './renderJobs';

type PdfExportRequest = { ok: true; jobId: number } | { ok: false; refusal: Refusal };

/** Queues an export of a budget the actor may read (refused beyond the user's and the queue's limits). */
export function requestPdfExport(db: Db, actor: Actor, budgetId: number, now = Date.now()): PdfExportRequest {
  getBudgetSummary(db, actor, budgetId);
  const r = enqueueRenderJob(db, { kind: 'export', budgetId, requestedBy: actor.userId }, now);
  return r.ok ? { ok: true, jobId: r.id } : r;
}

interface PdfExportView {
  jobId: number;
  status: RenderStatus;
  /** Queued jobs ahead of this one. */
  ahead: number;
  /** The line the waiting user reads (`排队中（前面还有 N 个）`, `正在生成…`, the failure). */
  text: string;
  error: string | null;
  /** Done and not yet downloaded. */
  downloadable: boolean;
}

function ownJob(db: Db, actor: Actor, budgetId: number, jobId: number): { budget: BudgetSummaryRow; job: RenderJobState } | null {
  const budget = getBudgetSummary(db, actor, budgetId);
  if (!Number.isSafeInteger(jobId) || jobId <= 0) return null;
  const job = renderJobState(db, jobId);
  if (!job || job.kind !== 'export' || job.budgetId !== budgetId || job.requestedBy !== actor.userId) return null;
  return { budget, job };
}

/** The state of the actor's own export job of this budget; null for anyone else's or an unknown id. */
export function pdfExportState(db: Db, actor: Actor, budgetId: number, jobId: number): PdfExportView | null {
  const own = ownJob(db, actor, budgetId, jobId);
  if (!own) return null;
  const { job } = own;
  const downloadable = job.status === 'done' && job.hasResult;
  const text = job.status === 'done' && !job.hasResult ? 'PDF 已下载或已过期，请重新导出' : progressText(job);
  return { jobId: job.id, status: job.status, ahead: job.ahead, text, error: job.error, downloadable };
}

/** The PDF of the actor's own finished export (removed as it is handed out), with the budget for its file name. */
export function takePdfExport(db: Db, actor: Actor, budgetId: number, jobId: number): { budget: BudgetSummaryRow; pdf: Buffer } | null {
  const own = ownJob(db, actor, budgetId, jobId);
  if (!own || own.job.status !== 'done') return null;
  const pdf = takeRenderResult(db, jobId);
  return pdf ? { budget: own.budget, pdf } : null;
}
