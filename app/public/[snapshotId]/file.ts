/**
 * A published snapshot's frozen file as a download: the stored bytes exactly, `ETag` and `X-Content-SHA256` with
 * their SHA-256 (a matching If-None-Match answers 304). Anything that is not a published snapshot is 404.
 */
import { getDb } from '@/db/client';
import { parseId } from '@/lib/budget/params';
import { attachmentHeaders } from '@/lib/export/download';
import { XLSX_CONTENT_TYPE } from '@/lib/export/xlsx';
import { getPublishedFile } from '@/lib/publish/public';

const notFound = () =>
  new Response('未找到该公开文件', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });

const fileNameSafe = (s: string) => s.replace(/[\\/:*?"<>|'\u0000-\u001f\u007f]/g, '_');

export function fileResponse(request: Request, rawId: string, kind: 'pdf' | 'xlsx'): Response {
  const id = parseId(rawId);
  if (id === null) return notFound();
  const file = getPublishedFile(getDb(), id, kind);
  if (!file) return notFound();
  const etag = `"${file.sha256}"`;
  const common = {
    etag,
    'x-content-sha256': file.sha256,
    // frozen forever: caches may keep it; the ETag proves what it is
    'cache-control': 'public, max-age=3600',
  };
  const match = request.headers.get('if-none-match');
  if (match && match.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}`)) {
    return new Response(null, { status: 304, headers: common });
  }
  const headers = new Headers(
    attachmentHeaders(kind === 'pdf' ? 'application/pdf' : XLSX_CONTENT_TYPE, fileNameSafe(file.fileBase), kind, file.bytes.length),
  );
  for (const [k, v] of Object.entries(common)) headers.set(k, v);
  return new Response(new Uint8Array(file.bytes), { headers });
}
