import { getDb } from '@/db/client';
import { bulkExportRefusal } from '@/lib/auth/authorize';
import { routeActor } from '@/lib/auth/session';
import { exportJobResult } from '@/lib/publish/bulk';
import { attachmentHeaders } from '@/lib/export/download';

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });

/** The zip of a finished bulk export. */
export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const { actor, refusal } = await routeActor();
  if (!actor) return text(refusal.status, refusal.message);
  const forbidden = bulkExportRefusal(actor);
  if (forbidden) return text(403, forbidden);
  const raw = (await params).jobId;
  const r = /^\d{1,9}$/.test(raw) ? exportJobResult(getDb(), actor, Number(raw)) : null;
  if (!r) return text(404, '导出结果不存在或尚未完成');
  return new Response(new Uint8Array(r.bytes), {
    headers: attachmentHeaders('application/zip', `${r.year}年部门预算公开文件`, 'zip', r.bytes.length),
  });
}
