import { getDb } from '@/db/client';
import { routeActor } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/auth/authorize';
import { parseId } from '@/lib/budget/params';
import { attachmentHeaders } from '@/lib/export/download';
import { takePdfExport } from '@/lib/pdf/exports';

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' } });

/** The finished PDF of one's own export job, handed out once (it is removed from the database as it is sent). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; jobId: string }> }) {
  const { actor, refusal } = await routeActor();
  if (!actor) return text(refusal.status, refusal.message);
  const raw = await params;
  const id = parseId(raw.id);
  const jobId = parseId(raw.jobId);
  if (id === null || jobId === null) return text(404, 'PDF 不存在');
  let r;
  try {
    r = takePdfExport(getDb(), actor, id, jobId);
  } catch (e) {
    if (e instanceof ForbiddenError) return text(403, e.message);
    throw e;
  }
  if (!r) return text(404, 'PDF 不存在、尚未生成或已下载');
  return new Response(new Uint8Array(r.pdf), {
    headers: attachmentHeaders('application/pdf', `${r.budget.departmentName}${r.budget.year}年部门预算公开`, 'pdf', r.pdf.length),
  });
}
