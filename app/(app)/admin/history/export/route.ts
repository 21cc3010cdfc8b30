import { getDb } from '@/db/client';
import { routeActor } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/auth/authorize';
import { attachmentHeaders } from '@/lib/export/download';
import { XLSX_CONTENT_TYPE } from '@/lib/export/xlsx';
import { readableChange } from '@/lib/review/auditText';
import { adminHistory, administrationNames, HISTORY_EXPORT_MAX, historyScope, parseHistoryFilter } from '@/lib/review/history';
import { historyWorkbook } from '@/lib/review/historyWorkbook';

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' } });

/** The administration's log with the page's filters, as a workbook (administrators only). */
export async function GET(request: Request) {
  const { actor, refusal } = await routeActor();
  if (!actor) return text(refusal.status, refusal.message);
  const db = getDb();
  const filter = { ...parseHistoryFilter(Object.fromEntries(new URL(request.url).searchParams)), page: 1 };
  let history;
  try {
    history = adminHistory(db, actor, filter, HISTORY_EXPORT_MAX);
  } catch (e) {
    if (e instanceof ForbiddenError) return text(403, e.message || '只有系统管理员可以查看管理记录');
    throw e;
  }
  const names = administrationNames(db);
  const xlsx = await historyWorkbook('系统管理记录', historyScope(filter, history), history.rows.map((r) => readableChange(r, names)));
  return new Response(new Uint8Array(xlsx), { headers: attachmentHeaders(XLSX_CONTENT_TYPE, '系统管理记录', 'xlsx', xlsx.length, 'admin-history') });
}
