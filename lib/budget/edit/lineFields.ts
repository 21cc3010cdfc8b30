/**
 * A 基本支出 line's typed fields and the names of its columns (client-safe: the grid shows them; the server-only
 * lines.ts edits them).
 */
export const LINE_FIELDS = ['unitId', 'functionCode', 'economicCode', 'source', 'amount'] as const;
export type LineField = (typeof LINE_FIELDS)[number];

/**
 * The names of a line's columns, wherever they are shown (the grid's headings and cell editors, the new-line form,
 * the paste preview, the errors per row): the five fields typed, and the 政府经济科目 derived from the unit and 款.
 */
export const LINE_FIELD_LABEL: Record<LineField | 'govEconomicCode', string> = {
  unitId: '单位',
  functionCode: '功能科目',
  economicCode: '经济科目',
  govEconomicCode: '政府经济科目',
  source: '资金来源',
  amount: '金额',
};
