/** What every section builder reads: the facts, the built tables, and a few names. */
import type { BudgetFacts } from '../../facts';
import { FUNCTION_CLASSES } from '../functionClasses';
import type { Paragraph } from './paragraph';
import { TableLookup } from './lookup';
import type { SectionNo } from '../words';
import type { ChartKey, PieChart } from '../charts';

export interface TextContext {
  facts: BudgetFacts;
  look: TableLookup;
  year: number;
  /** The department's name as the text writes it. */
  dept: string;
}

/** A titled block inside a section: （一）…, 1、… */
export interface TextSubsection {
  anchor: string;
  heading: string;
  paragraphs: Paragraph[];
}

/** One of the twelve sections of 第三部分. */
export interface TextSection {
  no: SectionNo;
  /** `part3-1` … `part3-12` */
  anchor: string;
  /** `一、部门预算收支数据变动情况及原因` */
  heading: string;
  paragraphs: Paragraph[];
  subsections?: TextSubsection[];
  /** A chart shown at the end of the section (after its subsections). */
  chart?: ChartKey;
}

/** What a section builder returns; the charts it draws go to the document's `charts`. */
export interface SectionBody {
  paragraphs: Paragraph[];
  subsections?: Omit<TextSubsection, 'anchor'>[];
  chart?: { key: ChartKey; chart: PieChart; show: boolean };
}

/** Name of a 功能 类 as the text writes it: the year's code book name, else the fixed 2024 name, else the code. */
export function functionClassName(ctx: TextContext, code: string): string {
  return ctx.facts.codes.functional[code] || FUNCTION_CLASSES.find((c) => c.code === code)?.name || code;
}

/**
 * Row key of the i-th income item of 表一/表四: their income items sit beside the first rows of the 30 功能 类
 * (income source i on the row of 类 i), see table01.ts / table04.ts.
 */
export const incomeRowKey = (i: number): string => `f:${FUNCTION_CLASSES[i].code}`;
