/** GET: the 基本支出 workbook (current lines + reference sheets) for a budget the actor may read. */
import { budgetForRoute } from '@/lib/budget/routeAccess';
import { buildLinesTemplate } from '@/lib/budget/linesWorkbook';
import { attachmentHeaders } from '@/lib/export/download';
import { XLSX_CONTENT_TYPE } from '@/lib/export/xlsx';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const read = await budgetForRoute((await params).id);
  if (!read.ok) return read.response;
  const { budget, facts } = read;
  const bytes = await buildLinesTemplate(facts, facts.codes);
  const name = `${budget.departmentCode}-${budget.departmentName}-${budget.year}-基本支出`;
  return new Response(new Uint8Array(bytes), {
    headers: attachmentHeaders(XLSX_CONTENT_TYPE, name, 'xlsx', bytes.length, `lines-${budget.year}`),
  });
}
