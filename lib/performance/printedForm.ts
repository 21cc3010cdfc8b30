/**
 * The printed 绩效目标表 as both its renderings lay it out (components/PerformanceFormSheet.tsx, the workbook's
 * form sheets in lib/export/xlsx.ts): its title, and the indicator grid — 一级 shared by both periods, 二级 merged
 * per period, rows aligned by (一级, 二级).
 */
import type { Taxonomy } from '../rules/taxonomy';
import type { FundingSplit, Indicator, PerformanceForm } from './form';

export function performanceFormTitle(regionName: string): string {
  return `${regionName}县(区)级预算部门(单位)项目支出绩效目标表`;
}

/** The 项目资金 rows: the split's key, its label for 实施期 and for 年度. */
export const FUNDING_ROWS: ReadonlyArray<readonly [keyof FundingSplit, string, string]> = [
  ['total', '实施期资金总额:', '年度资金总额:'],
  ['central', '其中:中央财政资金', '其中:中央财政资金'],
  ['provincial', '省级财政资金', '省级财政资金'],
  ['local', '市县(区)财政资金', '市县(区)财政资金'],
  ['selfRaised', '单位自筹', '单位自筹'],
  ['other', '其他资金', '其他资金'],
];

/** The form's text rows, each its field and label. */
export const TEXT_ROWS: ReadonlyArray<readonly [keyof PerformanceForm, string]> = [
  ['overview', '项目概况'],
  ['basis', '立项依据'],
  ['necessity', '项目设立必要性'],
  ['measures', '保证项目实施的制度、措施'],
  ['plan', '项目实施计划'],
];

/** The indicator grid's headings: 一级 shared, then 二级/三级/指标值 for 实施期 and for 年度. */
export const INDICATOR_HEADERS = ['一级指标', '二级指标', '三级指标', '指标值', '二级指标', '三级指标', '指标值'];

interface IndicatorGridGroup {
  level2: string;
  total: Indicator[];
  annual: Indicator[];
  /** Rows the group takes: the longer of its two periods. */
  rows: number;
}

interface IndicatorGridBlock {
  level1: string;
  groups: IndicatorGridGroup[];
  rows: number;
}

/**
 * Groups a form's indicators for printing. With a taxonomy (the form's year's, as the sheet prints it), every 一级
 * and 二级 of it comes first in its order, each 二级 a row even without indicators (the official form prints them
 * all); then any other 一级/二级 in order of first appearance (实施期 first, then 年度). Within a group each period
 * keeps its own order. A group takes as many rows as its longer period (at least one); the shorter one is padded
 * with blank cells.
 */
export function indicatorGrid(indicators: readonly Indicator[], taxonomy?: Taxonomy): IndicatorGridBlock[] {
  const bySort = (a: Indicator, b: Indicator) => a.sort - b.sort;
  const ordered = [
    ...indicators.filter((i) => i.period === 'total').sort(bySort),
    ...indicators.filter((i) => i.period === 'annual').sort(bySort),
  ];
  const blocks: IndicatorGridBlock[] = [];
  // the official form prints every 二级 row of its taxonomy, in the taxonomy's order, with or without indicators
  for (const l1 of taxonomy?.level1 ?? [])
    blocks.push({ level1: l1.name, groups: l1.level2.map((level2) => ({ level2, total: [], annual: [], rows: 0 })), rows: 0 });
  for (const ind of ordered) {
    let block = blocks.find((b) => b.level1 === ind.level1);
    if (!block) {
      block = { level1: ind.level1, groups: [], rows: 0 };
      blocks.push(block);
    }
    let group = block.groups.find((g) => g.level2 === ind.level2);
    if (!group) {
      group = { level2: ind.level2, total: [], annual: [], rows: 0 };
      block.groups.push(group);
    }
    group[ind.period].push(ind);
  }
  for (const b of blocks) {
    for (const g of b.groups) g.rows = Math.max(g.total.length, g.annual.length, 1);
    b.rows = b.groups.reduce((s, g) => s + g.rows, 0);
  }
  return blocks;
}

