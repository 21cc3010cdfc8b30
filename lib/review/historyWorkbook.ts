/**
 * A history page as a workbook: the same readable rows (lib/review/auditText.ts), one per change, with the filter
 * stated above them, wrapped and sized for A4 landscape.
 */
import { Workbook } from 'exceljs';
import type { ReadableChange } from './auditText';

const COLUMNS: { header: string; key: keyof ReadableChange; width: number }[] = [
  { header: '时间', key: 'at', width: 17 },
  { header: '操作人', key: 'by', width: 14 },
  { header: '操作', key: 'action', width: 14 },
  { header: '对象', key: 'object', width: 40 },
  { header: '字段', key: 'field', width: 20 },
  { header: '原值', key: 'old', width: 36 },
  { header: '新值', key: 'new', width: 36 },
  { header: '原因/说明', key: 'reason', width: 24 },
];

/** `title`: what the sheet is (e.g. 泽州县档案馆2024年部门预算 修改历史); `scope`: the filter in words. */
export async function historyWorkbook(title: string, scope: string, rows: readonly ReadableChange[]): Promise<Buffer> {
  const wb = new Workbook();
  const ws = wb.addWorksheet('修改记录', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  ws.addRow([title]).font = { bold: true, size: 13 };
  ws.addRow([scope]);
  const header = ws.addRow(COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  for (const r of rows) {
    const row = ws.addRow(COLUMNS.map((c) => String(r[c.key] ?? '')));
    row.alignment = { vertical: 'top', wrapText: true };
  }
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  ws.pageSetup.printTitlesRow = '3:3';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
