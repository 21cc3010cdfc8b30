import { getDb } from '@/db/client';
import { currentActor } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/auth/authorize';
import { getBudgetSummary } from '@/lib/budget/access';
import { parseId } from '@/lib/budget/params';
import { createRenderToken } from '@/lib/export/renderToken';
import { ChromiumNotFoundError, renderPdf } from '@/lib/export/pdf';
import { attachmentHeaders } from '@/lib/export/download';

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });

/** The disclosure as a PDF: this server's print page, rendered by Chromium. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await currentActor();
  if (!actor) return text(401, '请先登录');
  const id = parseId((await params).id);
  if (id === null) return text(404, '预算不存在');
  let budget;
  try {
    budget = getBudgetSummary(getDb(), actor, id);
  } catch (e) {
    if (e instanceof ForbiddenError) return text(403, e.message);
    throw e;
  }
  const port = process.env.PORT ?? new URL(request.url).port ?? '3000';
  const url = `http://127.0.0.1:${port}/print/budgets/${id}?rt=${encodeURIComponent(createRenderToken(id))}`;
  try {
    const pdf = await renderPdf(url);
    return new Response(new Uint8Array(pdf), {
      headers: attachmentHeaders('application/pdf', `${budget.departmentName}${budget.year}年部门预算公开`, 'pdf', pdf.length),
    });
  } catch (e) {
    if (e instanceof ChromiumNotFoundError) return text(503, e.message);
    console.error('PDF export failed', e);
    return text(500, 'PDF 生成失败，请稍后重试。');
  }
}
