import { getDb } from '@/db/client';
import { routeActor } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/auth/authorize';
import { parseId } from '@/lib/budget/params';
import { pdfExportState } from '@/lib/pdf/exports';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'private, no-store' } });

/** The state of one's own PDF export job (polled by PdfExportButton): queued with its place, rendering, done, failed. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; jobId: string }> }) {
  const { actor, refusal } = await routeActor();
  if (!actor) return json(refusal.status, { error: refusal.message });
  const raw = await params;
  const id = parseId(raw.id);
  const jobId = parseId(raw.jobId);
  if (id === null || jobId === null) return json(404, { error: '导出任务不存在' });
  try {
    const view = pdfExportState(getDb(), actor, id, jobId);
    return view ? json(200, view) : json(404, { error: '导出任务不存在' });
  } catch (e) {
    if (e instanceof ForbiddenError) return json(403, { error: e.message });
    throw e;
  }
}
