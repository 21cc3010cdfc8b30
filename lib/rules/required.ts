/**
 * What a budget must contain before it can be submitted (docs/domain.md §4): 基本支出 lines (every unit keeps running),
 * income, and the 部门职责 the disclosure's 第一部分 opens with. An empty budget otherwise passes every identity
 * (0 = 0); these are errors, so they block submission and approval and cannot be explained away. Each message names
 * what is missing and the page where it is entered.
 */
import { finding } from './context';
import type { Rule } from './types';

const basicLines: Rule = {
  id: 'required.basic-lines',
  severity: 'error',
  title: '预算有基本支出明细',
  check({ facts }) {
    if (facts.basicLines.length > 0) return [];
    return [
      finding(basicLines, { kind: 'budget' }, '预算中没有任何基本支出明细：请在“基本支出”页录入各单位的人员经费和公用经费（可导入模板）后再报送'),
    ];
  },
};

const income: Rule = {
  id: 'required.income',
  severity: 'error',
  title: '预算有收入',
  check({ facts }) {
    if (facts.income.some((e) => e.current !== 0 || e.carryover !== 0)) return [];
    return [
      finding(income, { kind: 'income', source: 'general' }, '预算中没有任何收入：请在“收入与说明”页的“收入”中按资金来源填写本年收入和上年结转后再报送'),
    ];
  },
};

const duties: Rule = {
  id: 'required.duties',
  severity: 'error',
  title: '部门职责已填写',
  check({ facts }) {
    if (facts.text.duties.trim() !== '') return [];
    return [
      finding(duties, { kind: 'text', field: 'duties' }, '未填写部门职责：公开文本第一部分“一、本部门职责”为空，请在“收入与说明”页填写后再报送'),
    ];
  },
};

export const REQUIRED_RULES: Rule[] = [basicLines, income, duties];
