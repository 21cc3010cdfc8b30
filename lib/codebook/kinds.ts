/** The three 政府收支分类 code books a year carries, and their names. */
export const CODE_BOOK_KINDS = ['functional', 'deptEconomic', 'govEconomic'] as const;
export type CodeBookKind = (typeof CODE_BOOK_KINDS)[number];
export const CODE_BOOK_LABEL: Record<CodeBookKind, string> = {
  functional: '支出功能分类',
  deptEconomic: '部门预算支出经济分类',
  govEconomic: '政府预算支出经济分类',
};
