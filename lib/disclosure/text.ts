/**
 * 第三部分 情况说明 (and 第一部分 概况): the explanatory text of a disclosure, a pure function of the facts and of
 * the thirteen tables built from them. Every amount in the text is read from a table cell (so the text and the
 * tables agree by construction, rounded once by the same function); only 政府采购 and the project categories,
 * which no table shows, are summed from the facts. Reasons and descriptions are the clerk's typed texts.
 *
 * Each paragraph is a plain string plus its figures (exact value, display, offset, source cells) and typed spans;
 * see text/paragraph.ts.
 */
import type { BudgetFacts } from '../facts';
import type { ChartKey, PieChart } from './charts';
import type { DisclosureTable } from './types';
import { SECTION_NUMERALS } from './words';
import type { SectionBody, TextContext, TextSection } from './text/context';
import { TableLookup } from './text/lookup';
import { sectionExpenditure, sectionFiscal, sectionGeneral, sectionIncome, sectionTotals } from './text/overview';
import { sectionBasic, sectionProcurement, sectionRunningCosts, sectionThreePublic } from './text/spending';
import { sectionPerformance } from './text/performance';
import { sectionAssets, sectionOther } from './text/assets';

export type { Figure, Paragraph } from './text/paragraph';
export type { TextSection, TextSubsection } from './text/context';

/** The twelve section headings of 第三部分 (without their numeral), as in the reference's 目录. */
const SECTION_TITLES = [
  '部门预算收支数据变动情况及原因',
  '收入预算情况说明',
  '支出预算情况说明',
  '财政拨款收支预算总体情况说明',
  '一般公共预算支出情况说明',
  '一般公共预算基本支出情况说明',
  '“三公”经费增减变动原因说明',
  '机关运行经费增减变动原因说明',
  '政府采购情况',
  '绩效管理情况',
  '国有资产占有使用情况',
  '其他说明',
] as const;

const BUILDERS: readonly ((ctx: TextContext) => SectionBody)[] = [
  sectionTotals,
  sectionIncome,
  sectionExpenditure,
  sectionFiscal,
  sectionGeneral,
  sectionBasic,
  sectionThreePublic,
  sectionRunningCosts,
  sectionProcurement,
  sectionPerformance,
  sectionAssets,
  sectionOther,
];

const sectionAnchor = (index: number): string => `part3-${index + 1}`;

interface ExplanatoryText {
  sections: TextSection[];
  charts: Record<ChartKey, PieChart>;
}

/** What the section builders read, for callers that need it beside the text (the document's form list). */
export function textContext(facts: BudgetFacts, tables: readonly DisclosureTable[]): TextContext {
  return { facts, look: new TableLookup(tables), year: facts.year, dept: facts.department.name };
}

export function buildSections(ctx: TextContext): ExplanatoryText {
  const charts: Partial<Record<ChartKey, PieChart>> = {};
  const sections = BUILDERS.map((build, i): TextSection => {
    const body = build(ctx);
    const anchor = sectionAnchor(i);
    const section: TextSection = {
      no: SECTION_NUMERALS[i],
      anchor,
      heading: `${SECTION_NUMERALS[i]}、${SECTION_TITLES[i]}`,
      paragraphs: body.paragraphs,
    };
    if (body.subsections) {
      section.subsections = body.subsections.map((s, j) => ({ anchor: `${anchor}-${j + 1}`, ...s }));
    }
    if (body.chart) {
      charts[body.chart.key] = body.chart.chart;
      if (body.chart.show) section.chart = body.chart.key;
    }
    return section;
  });
  return { sections, charts: charts as Record<ChartKey, PieChart> };
}

/** 第一部分 概况: the typed 部门职责 and 机构设置, trimmed. */
export function buildOverview(facts: BudgetFacts): { duties: string; organization: string } {
  return { duties: (facts.text.duties ?? '').trim(), organization: (facts.text.organization ?? '').trim() };
}
