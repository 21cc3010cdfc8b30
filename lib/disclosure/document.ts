/**
 * The whole disclosure document of one budget (部门预算公开), as data: cover, 目录, 第一部分 概况, 第二部分 the
 * thirteen tables, 第三部分 情况说明 with its two charts, 第四部分 名词解释, and the list of 绩效目标表 attached.
 * A pure, deterministic function of the facts and the region's texts: the HTML page, the print view and the PDF
 * all render this one structure.
 */
import { PROJECT_CATEGORY_LABEL, type BudgetFacts, type Fen, type ProjectCategory } from '../facts';
import { formatWanText } from '../money';
import { DEFAULT_GLOSSARY } from '../region/glossary';
import type { RegionTexts as StoredRegionTexts } from '../region/texts';
import type { ChartKey, PieChart } from './charts';
import { chineseNumeral } from './functionClasses';
import { buildTables } from './tables';
import { buildOverview, buildSections, textContext, type TextSection } from './text';
import { thisYearProjects } from './text/performance';
import { EMPTY_TABLE_NOTE, type DisclosureTable } from './types';

/**
 * The region's texts the document uses. lib/region/texts.ts's `RegionTexts` (what an administrator edits,
 * loaded by `loadRegionTexts`) is accepted as is; only `glossary` and `emptyTableNote` are required.
 * `tableTitles` (`{year}` placeholder) replaces the tables' titles; `purchaseCatalog` is carried as the
 * attachment printed after 十二（一）.
 */
type RegionTexts = Pick<StoredRegionTexts, 'glossary' | 'emptyTableNote'> &
  Partial<Pick<StoredRegionTexts, 'tableTitles' | 'purchaseCatalog'>>;

/** The defaults of lib/region (the 山西 glossary of the reference, `注：本表无数据`). */
export const DEFAULT_REGION_TEXT_INPUT: RegionTexts = {
  glossary: DEFAULT_GLOSSARY,
  emptyTableNote: EMPTY_TABLE_NOTE,
};

interface TocEntry {
  label: string;
  anchor: string;
}

interface TocPart {
  /** `第三部分 2024年度部门预算情况说明` */
  part: string;
  anchor: string;
  entries: TocEntry[];
}

/** A project whose 绩效目标表 is attached (the form itself is rendered elsewhere), in 表十二's order. */
interface FormEntry {
  projectId: number;
  projectName: string;
  unitId: number;
  unitName: string;
  category: ProjectCategory;
  categoryLabel: string;
  /** The project's amount as 表十二 shows it. */
  amount: Fen;
  /** 万元 (`809.00`). */
  display: string;
  /** `form-12` */
  anchor: string;
}

export interface DisclosureDocument {
  year: number;
  department: { code: string; name: string };
  cover: { title: string; subtitle: string };
  toc: TocPart[];
  part1: { duties: string; organization: string };
  /** The thirteen tables, in order (`buildTables`). */
  tables: DisclosureTable[];
  /** The note a renderer prints under a table whose `emptyNote` is set (the region may word it differently). */
  emptyTableNote: string;
  /** The twelve sections of 第三部分. */
  part3: TextSection[];
  part4: { term: string; definition: string }[];
  charts: Record<ChartKey, PieChart>;
  forms: FormEntry[];
  /** The region's 政府购买服务指导性目录 attachment, when given. */
  purchaseCatalog?: string;
}

export const PART_ANCHORS = { part1: 'part1', part2: 'part2', part3: 'part3', part4: 'part4' } as const;
export const tableAnchor = (no: number): string => `table-${no}`;
const formAnchor = (projectId: number): string => `form-${projectId}`;

export function buildDocument(facts: BudgetFacts, region: RegionTexts = DEFAULT_REGION_TEXT_INPUT): DisclosureDocument {
  const year = facts.year;
  const dept = facts.department.name;
  const tables = buildTables(facts).map((t) => {
    const template = region.tableTitles?.[t.no - 1]?.trim();
    return template ? { ...t, title: template.replaceAll('{year}', String(year)) } : t;
  });
  const ctx = textContext(facts, tables);
  const text = buildSections(ctx);
  const part1 = buildOverview(facts);

  const units = new Map(facts.units.map((u) => [u.id, u.name]));
  const forms: FormEntry[] = thisYearProjects(ctx)
    .filter((p) => p.hasForm)
    .map(({ project: p, v }) => ({
      projectId: p.id,
      projectName: p.name,
      unitId: p.unitId,
      unitName: units.get(p.unitId) ?? '',
      category: p.category,
      categoryLabel: PROJECT_CATEGORY_LABEL[p.category],
      amount: v.fen,
      display: formatWanText(v.fen),
      anchor: formAnchor(p.id),
    }));

  const toc: TocPart[] = [
    {
      part: '第一部分 概况',
      anchor: PART_ANCHORS.part1,
      entries: [
        { label: '一、本部门职责', anchor: 'part1-duties' },
        { label: '二、机构设置情况', anchor: 'part1-organization' },
      ],
    },
    {
      part: `第二部分 ${year}年部门预算报表`,
      anchor: PART_ANCHORS.part2,
      entries: tables.map((t) => ({ label: `表${chineseNumeral(t.no)}${t.title}`, anchor: tableAnchor(t.no) })),
    },
    {
      part: `第三部分 ${year}年度部门预算情况说明`,
      anchor: PART_ANCHORS.part3,
      entries: text.sections.map((s) => ({ label: s.heading, anchor: s.anchor })),
    },
    { part: '第四部分 名词解释', anchor: PART_ANCHORS.part4, entries: [] },
  ];

  const doc: DisclosureDocument = {
    year,
    department: { code: facts.department.code, name: dept },
    cover: { title: dept, subtitle: `${year}年度部门预算公开` },
    toc,
    part1,
    tables,
    emptyTableNote: region.emptyTableNote?.trim() || EMPTY_TABLE_NOTE,
    part3: text.sections,
    part4: region.glossary.map((g) => ({ term: g.term, definition: g.definition })),
    charts: text.charts,
    forms,
  };
  const catalog = region.purchaseCatalog?.trim();
  if (catalog) doc.purchaseCatalog = catalog;
  return doc;
}
