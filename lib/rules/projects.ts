/** Projects: money in every project; a 绩效目标表 for every this-year project; 表十三's 财政拨款-only layout. */
import { FISCAL_SOURCES, FUND_SOURCE_LABEL, projectAmount } from '../facts';
import { finding } from './context';
import { describeProject } from './describe';
import { wan } from './format';
import type { Finding, Rule } from './types';

const empty: Rule = {
  id: 'projects.empty',
  severity: 'error',
  title: '项目没有明细或金额为零',
  check({ facts }) {
    const out: Finding[] = [];
    for (const p of facts.projects) {
      if (p.items.length === 0) {
        out.push(finding(empty, { kind: 'project', projectId: p.id }, `${describeProject(p)}没有支出明细`));
      } else if (projectAmount(p) === 0) {
        out.push(finding(empty, { kind: 'project', projectId: p.id }, `${describeProject(p)}的金额为 0`));
      }
    }
    return out;
  },
};

const formMissing: Rule = {
  id: 'projects.form-missing',
  severity: 'error',
  title: '本年项目缺少绩效目标表',
  check({ facts }) {
    const withForm = new Set(facts.forms.map((f) => f.projectId));
    const out: Finding[] = [];
    for (const p of facts.projects) {
      if (p.carryover || withForm.has(p.id)) continue;
      out.push(
        finding(formMissing, { kind: 'project', projectId: p.id }, `本年项目“${p.name}”（${wan(projectAmount(p))}）没有绩效目标表`),
      );
    }
    return out;
  },
};

const carryoverNonFiscal: Rule = {
  id: 'projects.carryover-non-fiscal',
  severity: 'warning',
  title: '非财政拨款的上年结转项目在表十三中没有资金来源列',
  check({ facts }) {
    const out: Finding[] = [];
    for (const p of facts.projects) {
      if (!p.carryover || (FISCAL_SOURCES as readonly string[]).includes(p.source)) continue;
      out.push(
        finding(
          carryoverNonFiscal,
          { kind: 'project', projectId: p.id },
          `${describeProject(p)}（${wan(projectAmount(p))}）的资金来源为${FUND_SOURCE_LABEL[p.source]}；表十三只列财政拨款，该项目只计入合计，没有对应的资金来源列`,
        ),
      );
    }
    return out;
  },
};

export const PROJECT_RULES: Rule[] = [empty, formMissing, carryoverNonFiscal];
