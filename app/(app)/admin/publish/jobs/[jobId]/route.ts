import { getDb } from '@/db/client';
import { bulkExportRefusal } from '@/lib/auth/authorize';
import { routeActor } from '@/lib/auth/session';
import { getExportJob } from '@/lib/publish/bulk';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });

/** A bulk export job's state (polled every second by the page). */
export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const { actor, refusal } = await routeActor();
  if (!actor) return json(refusal.status, { error: refusal.message });
  const forbidden = bulkExportRefusal(actor);
  if (forbidden) return json(403, { error: forbidden });
  const raw = (await params).jobId;
  const job = /^\d{1,9}$/.test(raw) ? getExportJob(getDb(), actor, Number(raw)) : null;
  return job ? json(200, job) : json(404, { error: '导出任务不存在' });
}
