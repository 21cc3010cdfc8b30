/** Against the control figures (预算控制数): 一般公共预算 this year = the department's control figure. */
import { finding, tablesOf } from './context';
import { mismatch } from './format';
import type { Rule } from './types';

const generalEqualsControlFigure: Rule = {
  id: 'control.general-equals-control-figure',
  severity: 'error',
  title: '一般公共预算本年支出 = 预算控制数',
  check(input) {
    if (input.controlFigure === null) return [];
    const t5 = tablesOf(input).get(5);
    if (!t5) return [];
    const spent = t5.fen('total', 'total');
    if (spent === input.controlFigure) return [];
    return [
      finding(
        generalEqualsControlFigure,
        { kind: 'cell', table: 5, row: 'total', column: t5.col('total') },
        mismatch('一般公共预算本年支出', spent, '预算控制数', input.controlFigure),
      ),
    ];
  },
};

const controlFigureMissing: Rule = {
  id: 'control.figure-missing',
  severity: 'info',
  title: '尚未设置预算控制数',
  check(input) {
    if (input.controlFigure !== null) return [];
    return [
      finding(
        controlFigureMissing,
        { kind: 'budget' },
        `${input.facts.year}年一般公共预算控制数尚未设置，无法核对本年支出是否符合控制数`,
      ),
    ];
  },
};

export const CONTROL_RULES: Rule[] = [generalEqualsControlFigure, controlFigureMissing];
