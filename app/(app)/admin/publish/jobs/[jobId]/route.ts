import { getDb } from '@/db/client';
import { currentActor } from '@/lib/auth/session';
import { getExportJob } from '@/lib/publish/bulk';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });

/** A bulk export job's state (polled every second by the page). */
export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const actor = await currentActor();
  if (!actor) return json(401, { error: '请先登录' });
  if (actor.role !== 'admin') return json(403, { error: '仅系统管理员可以查看导出任务' });
  const raw = (await params).jobId;
  const job = /^\d{1,9}$/.test(raw) ? getExportJob(getDb(), actor, Number(raw)) : null;
  return job ? json(200, job) : json(404, { error: '导出任务不存在' });
}
