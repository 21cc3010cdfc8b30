import { getDb } from '@/db/client';
import { routeActor } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/auth/authorize';
import { readBudgetFacts } from '@/lib/budget/access';
import { parseId } from '@/lib/budget/params';
import { attachmentHeaders } from '@/lib/export/download';
import { XLSX_CONTENT_TYPE } from '@/lib/export/xlsx';
import { readableChange } from '@/lib/review/auditText';
import { administrationNames, budgetHistory, HISTORY_EXPORT_MAX, historyScope, parseHistoryFilter } from '@/lib/review/history';
import { historyWorkbook } from '@/lib/review/historyWorkbook';

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' } });

/** The budget's history with the page's filters, as a workbook (at most HISTORY_EXPORT_MAX rows, newest first). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { actor, refusal } = await routeActor();
  if (!actor) return text(refusal.status, refusal.message);
  const id = parseId((await params).id);
  if (id === null) return text(404, '预算不存在');
  const db = getDb();
  let data;
  try {
    data = readBudgetFacts(db, actor, id);
  } catch (e) {
    if (e instanceof ForbiddenError) return text(403, e.message || '无权查看该预算');
    throw e;
  }
  const filter = { ...parseHistoryFilter(Object.fromEntries(new URL(request.url).searchParams)), page: 1 };
  const history = budgetHistory(db, actor, id, filter, HISTORY_EXPORT_MAX)!;
  const names = { facts: data.facts, ...administrationNames(db) };
  const title = `${data.budget.departmentName}${data.budget.year}年部门预算 修改历史`;
  const xlsx = await historyWorkbook(title, historyScope(filter, history), history.rows.map((r) => readableChange(r, names)));
  return new Response(new Uint8Array(xlsx), { headers: attachmentHeaders(XLSX_CONTENT_TYPE, title, 'xlsx', xlsx.length, 'history') });
}
