/**
 * Test helper: the disclosure our builder makes from a budget's facts, as a reader of its PDF would hand it to the
 * checker: every table figure rounded once to the printed 万元 with two decimals, the 第三部分 sections as plain
 * text (subsection headings inline), the 目录, the printed department names, and one form per project that has
 * one (年度资金总额 and its split in 元, as printed).
 */
import type { BudgetFacts } from '../../../facts';
import { buildDocument } from '../../../disclosure/document';
import type { Cell } from '../../../disclosure/types';
import { FEN_PER_WAN, fenToCentiWan } from '../../../money';
import type { ExtractedDocument, ProfileTable } from '../../model';

const asPrinted = (c: Cell): Cell => (c.kind === 'amount' ? { ...c, amount: fenToCentiWan(c.amount) * (FEN_PER_WAN / 100) } : c);
/** A figure printed in whole 元 (the forms). */
const yuanPrinted = (fen: number) => Math.round(fen / 100) * 100;

export function documentFromFacts(facts: BudgetFacts): ExtractedDocument {
  const d = buildDocument(facts);
  const tables: ProfileTable[] = d.tables.map((t) => ({
    ...t,
    rows: t.rows.map((r) => ({ ...r, cells: r.cells.map(asPrinted) })),
    unit: '万元',
    where: `表${t.no}`,
    page: null,
  }));
  const sections = d.part3.map((s) => ({
    heading: s.heading,
    text: [
      ...s.paragraphs.map((p) => p.text),
      ...(s.subsections ?? []).flatMap((ss) => [ss.heading, ...ss.paragraphs.map((p) => p.text)]),
    ].join('\n'),
    where: '第三部分',
    page: null,
  }));
  const projects = new Map(facts.projects.map((p) => [p.id, p]));
  const forms = facts.forms.flatMap((f) => {
    const p = projects.get(f.projectId);
    if (!p || p.carryover) return [];
    const a = f.fundingAnnual;
    return [
      {
        projectName: p.name,
        annualTotal: yuanPrinted(a.total),
        annualParts: [
          { label: '中央财政资金', amount: yuanPrinted(a.central) },
          { label: '省级财政资金', amount: yuanPrinted(a.provincial) },
          { label: '市县(区)财政资金', amount: yuanPrinted(a.local) },
          { label: '单位自筹', amount: yuanPrinted(a.selfRaised) },
          { label: '其他资金', amount: yuanPrinted(a.other) },
        ],
        unit: '元' as const,
        indicators: [],
        where: `绩效目标表「${p.name}」`,
        page: null,
      },
    ];
  });
  return {
    fileName: `${facts.department.code}-${facts.year}.pdf`,
    format: 'pdf',
    profile: 'shanxi-13',
    profileReason: '13张表，单位：万元（山西格式）',
    department: d.department.name,
    year: d.year,
    kind: 'department',
    nameMentions: [{ where: '封面', text: d.cover.title }, ...tables.map((t) => ({ where: `表${t.no}部门名称`, text: t.departmentLine.replace(/^部门名称：/, '') }))],
    toc: d.toc.flatMap((p) => [{ title: p.part, page: null }, ...p.entries.map((e) => ({ title: e.label, page: null }))]),
    tables,
    sections,
    forms,
    pages: [],
    unread: [],
  };
}
