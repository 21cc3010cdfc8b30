import { budgetForRoute, plainText } from '@/lib/budget/routeAccess';
import { buildDocument } from '@/lib/disclosure/document';
import { loadRegionTexts } from '@/lib/region/texts';
import { attachmentHeaders } from '@/lib/export/download';
import { buildDocumentWorkbook, XLSX_CONTENT_TYPE } from '@/lib/export/xlsx';

/** Characters that are not allowed in file names on common systems, or that break `filename*=` (the quote). */
const fileNameSafe = (s: string) => s.replace(/[\\/:*?"<>|'\u0000-\u001f\u007f]/g, '_');

/** The disclosure as an Excel workbook: one sheet per table and the explanatory text (情况说明). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const read = await budgetForRoute((await params).id);
  if (!read.ok) return read.response;
  const { db, budget, facts } = read;
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
    return plainText(500, 'Excel 工作簿生成失败，请稍后重试。');
  }
}
