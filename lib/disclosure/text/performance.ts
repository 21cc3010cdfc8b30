/**
 * Section 十 of 第三部分, 绩效管理情况: 1 整体绩效目标 (表三 totals, this year's projects of 表十二, carried-over
 * projects of 表十三), 2 项目绩效目标 (this year's projects — their count and 本年预算, the carried-over projects
 * named as left out — and those with a published 绩效目标表, by category, with counts and amounts read from 表十二's
 * project rows).
 */
import { PROJECT_CATEGORIES, PROJECT_CATEGORY_LABEL, type Project, type ProjectCategory } from '../../facts';
import { shareBp } from '../../money';
import type { SectionBody, TextContext } from './context';
import { para, type ParagraphBuilder, type Sourced } from './paragraph';

interface ProjectInTable {
  project: Project;
  /** The project's amount as 表十二 shows it (its 合计 cell). */
  v: Sourced;
  hasForm: boolean;
}

/** This year's projects in 表十二's order (unit by unit), with their 合计 cell and whether a 绩效目标表 exists. */
export function thisYearProjects(ctx: TextContext): ProjectInTable[] {
  const { look, facts } = ctx;
  const byId = new Map(facts.projects.map((p) => [p.id, p]));
  const withForm = new Set(facts.forms.map((f) => f.projectId));
  const out: ProjectInTable[] = [];
  for (const r of look.table(12).rows) {
    if (!r.key.startsWith('project:')) continue;
    const id = Number(r.key.slice('project:'.length));
    const project = byId.get(id);
    if (!project) continue;
    out.push({ project, v: look.cell(12, r.key, 'total'), hasForm: withForm.has(id) });
  }
  return out;
}

interface Group {
  count: number;
  v: Sourced;
}

function group(ctx: TextContext, ps: readonly ProjectInTable[]): Group {
  return { count: ps.length, v: ctx.look.sum(ps.map((p) => p.v)) };
}

function byCategory(ctx: TextContext, ps: readonly ProjectInTable[]): Record<ProjectCategory, Group> {
  return Object.fromEntries(
    PROJECT_CATEGORIES.map((c) => [c, group(ctx, ps.filter((p) => p.project.category === c))]),
  ) as Record<ProjectCategory, Group>;
}

/** `其中：其他运转类项目10个，涉及{金额}X万元；特定目标类项目7个，涉及{金额}Y万元。` */
function categorySentence(p: ParagraphBuilder, keyPrefix: string, groups: Record<ProjectCategory, Group>, amountWord: string) {
  p.t('其中：');
  PROJECT_CATEGORIES.forEach((c, i) => {
    if (i > 0) p.t('；');
    p.t(`${PROJECT_CATEGORY_LABEL[c]}项目`)
      .count(`${keyPrefix}.${c}.count`, groups[c].count)
      .t(`个，涉及${amountWord}`)
      .wan(`${keyPrefix}.${c}.amount`, groups[c].v);
  });
  p.t('。');
}

/** 十、绩效管理情况 */
export function sectionPerformance(ctx: TextContext): SectionBody {
  const { look, year, dept } = ctx;
  const projects = thisYearProjects(ctx);
  const withForm = projects.filter((p) => p.hasForm);
  const all: Group = { count: projects.length, v: look.cell(12, 'dept', 'total') };
  const forms = group(ctx, withForm);
  const projectTotal = look.cell(3, 'total', 'project');

  const overall = para()
    .year(year)
    .t('年编报整体支出绩效目标，涉及部门预算资金')
    .wan('expenditure.total', look.cell(3, 'total', 'total'))
    .t('，其中基本支出')
    .wan('expenditure.basic', look.cell(3, 'total', 'basic'))
    .t('，项目支出')
    .wan('expenditure.project', projectTotal)
    .t('，实行绩效目标管理的项目')
    .count('performance.projects.count', all.count)
    .t('个，涉及一般公共预算当年拨款')
    .wan('performance.projects.general', look.cell(12, 'dept', 'general'))
    .t('。上年结转')
    .wan('projects.carryover.total', look.cell(13, 'dept', 'total'))
    .t('。');

  // 纳入绩效目标管理的二级项目 are this year's projects (表十二: each has its 绩效目标表), and 共计 is their 本年预算
  // (表十二 合计). The carried-over projects of 表十三 are not among them; the sentence names them, so the amount is
  // not read against 项目支出 (表三, carry-over included). The reference prints 3,251.79 (= 2,439.03 + 812.76, all
  // 项目支出) beside the count of this year's projects: db/seed/demo/NOTES.md §1 #8.
  const carried = look.table(13).rows.filter((r) => r.key.startsWith('project:')).length;
  const p = para()
    .year(year)
    .t(`年${dept}纳入绩效目标管理的二级项目`)
    .count('performance.projects.count', all.count)
    .t('个，共计本年预算金额')
    .wan('performance.projects.amount', all.v);
  if (carried > 0) {
    p.t('（不含上年结转项目')
      .count('projects.carryover.count', carried)
      .t('个，金额')
      .wan('projects.carryover.total', look.cell(13, 'dept', 'total'))
      .t('）');
  }
  p.t('。');
  if (all.count > 0) categorySentence(p, 'performance.projects', byCategory(ctx, projects), '金额');
  p.t('公开项目绩效目标')
    .count('performance.forms.count', forms.count)
    .t('个，涉及项目金额')
    .wan('performance.forms.amount', forms.v)
    .t('，占部门（单位）项目支出总额的')
    .percent('performance.forms.share', shareBp(forms.v.fen, projectTotal.fen))
    .t('。');
  if (forms.count > 0) categorySentence(p, 'performance.forms', byCategory(ctx, withForm), '项目金额');

  const projectParagraphs = [p.build()];
  if (forms.count > 0) projectParagraphs.push(para().t('（项目绩效目标表公开情况见附件）').build());
  return {
    paragraphs: [],
    subsections: [
      { heading: '1、整体绩效目标', paragraphs: [overall.build()] },
      { heading: '2、项目绩效目标', paragraphs: projectParagraphs },
    ],
  };
}

