import { getDb } from '@/db/client';
import { routeActor } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/auth/authorize';
import { readBudgetFacts } from '@/lib/budget/access';
import { parseId } from '@/lib/budget/params';
import { buildDocument } from '@/lib/disclosure/document';
import { loadRegionTexts } from '@/lib/region/texts';
import { attachmentHeaders } from '@/lib/export/download';
import { buildDocumentWorkbook, XLSX_CONTENT_TYPE } from '@/lib/export/xlsx';

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' } });

/** Characters that are not allowed in file names on common systems, or that break `filename*=` (the quote). */
const fileNameSafe = (s: string) => s.replace(/[\\/:*?"<>|'\u0000-\u001f\u007f]/g, '_');

/** The disclosure as an Excel workbook: one sheet per table and the explanatory text (情况说明). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
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
  const { budget, facts } = data;
  try {
    const xlsx = await buildDocumentWorkbook(buildDocument(facts, loadRegionTexts(db)), { forms: facts.forms, regionName: facts.department.regionName });
    return new Response(new Uint8Array(xlsx), {
      headers: attachmentHeaders(
        XLSX_CONTENT_TYPE,
        fileNameSafe(`${budget.departmentName}${budget.year}年部门预算公开表`),
        'xlsx',
        xlsx.length,
      ),
    });
  } catch (e) {
    console.error('xlsx export failed', e);
    return text(500, 'Excel 工作簿生成失败，请稍后重试。');
  }
}
