import { budgetForRoute } from '@/lib/budget/routeAccess';
import { attachmentHeaders } from '@/lib/export/download';
import { XLSX_CONTENT_TYPE } from '@/lib/export/xlsx';
import { readableChange } from '@/lib/review/auditText';
import { administrationNames, budgetHistory, HISTORY_EXPORT_MAX, historyScope, parseHistoryFilter } from '@/lib/review/history';
import { historyWorkbook } from '@/lib/review/historyWorkbook';

/** The budget's history with the page's filters, as a workbook (at most HISTORY_EXPORT_MAX rows, newest first). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const read = await budgetForRoute((await params).id);
  if (!read.ok) return read.response;
  const { db, actor, budget, facts } = read;
  const filter = { ...parseHistoryFilter(Object.fromEntries(new URL(request.url).searchParams)), page: 1 };
  const history = budgetHistory(db, actor, budget.id, filter, HISTORY_EXPORT_MAX)!;
  const names = { facts, ...administrationNames(db) };
  const title = `${budget.departmentName}${budget.year}年部门预算 修改历史`;
  const xlsx = await historyWorkbook(title, historyScope(filter, history), history.rows.map((r) => readableChange(r, names)));
  return new Response(new Uint8Array(xlsx), { headers: attachmentHeaders(XLSX_CONTENT_TYPE, title, 'xlsx', xlsx.length, 'history') });
}
