/** GET: the 基本支出 workbook (current lines + reference sheets) for a budget the actor may read. */
import { getDb } from '@/db/client';
import { ForbiddenError } from '@/lib/auth/authorize';
import { routeActor } from '@/lib/auth/session';
import { readBudgetFacts } from '@/lib/budget/access';
import { buildLinesTemplate } from '@/lib/budget/linesWorkbook';
import { attachmentHeaders } from '@/lib/export/download';
import { XLSX_CONTENT_TYPE } from '@/lib/export/xlsx';

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' } });

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { actor, refusal } = await routeActor();
  if (!actor) return text(refusal.status, refusal.message);
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) return text(404, '预算不存在');
  let data;
  try {
    data = readBudgetFacts(getDb(), actor, Number(id));
  } catch (e) {
    if (e instanceof ForbiddenError) return text(403, e.message);
    throw e;
  }
  const { budget, facts } = data;
  const bytes = await buildLinesTemplate(facts, facts.codes);
  const name = `${budget.departmentCode}-${budget.departmentName}-${budget.year}-基本支出`;
  return new Response(new Uint8Array(bytes), {
    headers: attachmentHeaders(XLSX_CONTENT_TYPE, name, 'xlsx', bytes.length, `lines-${budget.year}`),
  });
}
