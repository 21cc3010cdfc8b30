/** GET the state of the actor's checks (`?ids=1,2,3`): status and place in the queue, polled by the upload page. */
import { getDb } from '@/db/client';
import { canCheckDisclosures } from '@/lib/auth/authorize';
import { routeActor } from '@/lib/auth/session';
import { kickCheckQueue, listCheckJobs } from '@/lib/checker/jobs';

export async function GET(req: Request) {
  const { actor, refusal } = await routeActor();
  if (!actor) return Response.json({ error: refusal.message }, { status: refusal.status });
  if (!canCheckDisclosures(actor)) return Response.json({ error: '只有财政局审核人员和管理员可以核查上传的公开文件' }, { status: 403 });
  const raw = new URL(req.url).searchParams.get('ids') ?? '';
  const ids = raw
    .split(',')
    .filter((s) => /^\d{1,9}$/.test(s))
    .map(Number)
    .slice(0, 40);
  const db = getDb();
  // a job queued while no process was working (e.g. after a restart) is picked up by whoever follows it
  kickCheckQueue(db);
  const jobs = listCheckJobs(db, actor, ids).map((j) => ({ id: j.id, status: j.status, position: j.position }));
  return Response.json({ jobs }, { headers: { 'Cache-Control': 'no-store' } });
}
