/**
 * POST one disclosure to check (PDF or xlsx, at most 5 MB): queued for the background reader (lib/checker/jobs.ts).
 * The request guard bounds the body by `Content-Length` before any byte is read (the upload class); a body without a
 * declared length is refused here before it is buffered.
 */
import { getDb } from '@/db/client';
import { routeActor } from '@/lib/auth/session';
import { enqueueCheck, MAX_CHECK_FILE_BYTES } from '@/lib/checker/jobs';
import { refusalMessage } from '@/lib/result';

const json = (body: { ok: boolean; jobId?: number; error?: string }, status = 200) =>
  Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });

export async function POST(req: Request) {
  const { actor, refusal } = await routeActor();
  if (!actor) return json({ ok: false, error: refusal.message }, refusal.status);
  const declared = req.headers.get('content-length');
  if (declared === null || !/^\d{1,12}$/.test(declared)) return json({ ok: false, error: '上传请求缺少长度信息，请在页面上重新选择文件上传' }, 411);
  if (Number(declared) > MAX_CHECK_FILE_BYTES + 64 * 1024) return json({ ok: false, error: '文件超过 5 MB，无法核查' }, 413);
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return json({ ok: false, error: '上传的内容无法读取，请重新选择文件' }, 400);
  }
  const file = form.get('file');
  if (!(file instanceof File)) return json({ ok: false, error: '请选择要核查的 PDF 或 xlsx 文件' }, 400);
  if (file.size > MAX_CHECK_FILE_BYTES) return json({ ok: false, error: `“${file.name.slice(0, 60)}”超过 5 MB，无法核查` }, 413);
  const profile = form.get('profile');
  const r = enqueueCheck(getDb(), actor, {
    fileName: file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
    profile: typeof profile === 'string' ? profile : null,
  });
  if (!r.ok) return json({ ok: false, error: refusalMessage(r) }, r.reason === 'forbidden' ? 403 : r.reason === 'refused' ? 429 : 400);
  return json({ ok: true, jobId: r.jobId });
}
