/**
 * The 政府购买服务指导性目录 attachment as the document prints it: its plain text (lib/region/purchaseCatalog.ts,
 * editable by an administrator) cut into paragraphs and tables. A run of consecutive tab-separated lines is one
 * table whose first line is its header (代码, 一级目录, 二级目录, 三级目录); every other non-empty line is a paragraph.
 */
type CatalogBlock =
  | { kind: 'text'; text: string }
  | { kind: 'table'; header: string[]; rows: string[][] };

export function catalogBlocks(text: string): CatalogBlock[] {
  const blocks: CatalogBlock[] = [];
  let table: { kind: 'table'; header: string[]; rows: string[][] } | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, '');
    if (line.includes('\t')) {
      const cells = line.split('\t').map((c) => c.trim());
      if (table) {
        table.rows.push(cells);
        table.header.push(...Array.from({ length: Math.max(0, cells.length - table.header.length) }, () => ''));
      } else {
        table = { kind: 'table', header: cells, rows: [] };
        blocks.push(table);
      }
      continue;
    }
    table = null;
    if (line.trim()) blocks.push({ kind: 'text', text: line.trim() });
  }
  return blocks;
}
