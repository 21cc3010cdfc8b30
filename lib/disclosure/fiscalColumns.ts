/** The (合计, 一般公共预算, 政府性基金预算, 国有资本经营预算) layout of 表十 and 表十一. */
import { FISCAL_SOURCES, type Fen, type FiscalSource } from '../facts';
import type { BySource } from './aggregate';
import { amountCol, h, textCol } from './common';
import type { ColumnSpec, HeaderCell } from './types';

export const fiscalVector = (r: BySource<FiscalSource>): Fen[] => [
  r.general + r.fund + r.capital,
  ...FISCAL_SOURCES.map((s) => r[s]),
];

export const addFiscal = (a: BySource<FiscalSource>, b: BySource<FiscalSource>): BySource<FiscalSource> => ({
  general: a.general + b.general,
  fund: a.fund + b.fund,
  capital: a.capital + b.capital,
});

export const fiscalHeader = (firstColumn: string, year: number): HeaderCell[][] => [
  [h(firstColumn, 1, 2), h(`${year}年预算数`, 4)],
  [h('合计'), h('一般公共预算'), h('政府性基金预算'), h('国有资本经营预算')],
];

export const fiscalColumns = (firstKey: string): ColumnSpec[] => [
  textCol(firstKey),
  amountCol('total'),
  amountCol('general'),
  amountCol('fund'),
  amountCol('capital'),
];
