import { getDb } from '@/db/client';
import { routeActor } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/auth/authorize';
import { getBudgetSummary } from '@/lib/budget/access';
import { parseId } from '@/lib/budget/params';
import { requestPdfExport } from '@/lib/pdf/exports';
import { ensurePdfWorker } from '@/lib/pdf/worker';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'private, no-store', ...headers } });

/**
 * The PDF is not sent in answer to a GET any more (it is a queued job): a GET is authorized like the export and then
 * told to use POST, so a bookmarked or scripted download learns why.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { actor, refusal } = await routeActor();
  if (!actor) return json(refusal.status, { error: refusal.message });
  const id = parseId((await params).id);
  if (id === null) return json(404, { error: '预算不存在' });
  try {
    getBudgetSummary(getDb(), actor, id);
  } catch (e) {
    if (e instanceof ForbiddenError) return json(403, { error: e.message });
    throw e;
  }
  return json(405, { error: 'PDF 导出已改为排队生成：请在公开预览页点击“下载PDF”（POST 本地址开始导出）' }, { allow: 'POST' });
}

/**
 * Starts a PDF export of the disclosure: a job of the machine-wide render queue (202 with its id and where to follow
 * it), or 429 with Retry-After when the user already has two or the queue is full. The page is rendered by
 * whichever server process claims the job.
 */
export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { actor, refusal } = await routeActor();
  if (!actor) return json(refusal.status, { error: refusal.message });
  const id = parseId((await params).id);
  if (id === null) return json(404, { error: '预算不存在' });
  let r;
  try {
    r = requestPdfExport(getDb(), actor, id);
  } catch (e) {
    if (e instanceof ForbiddenError) return json(403, { error: e.message });
    throw e;
  }
  if (!r.ok) return json(429, { error: r.refusal.message }, { 'retry-after': String(r.refusal.retryAfterSeconds) });
  ensurePdfWorker().wake();
  return json(202, { jobId: r.jobId, statusUrl: `/budgets/${id}/export/pdf/jobs/${r.jobId}` }, { location: `/budgets/${id}/export/pdf/jobs/${r.jobId}` });
}
