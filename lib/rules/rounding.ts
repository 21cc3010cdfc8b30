/**
 * 尾差 (docs/domain.md §2): every figure is rounded once from its exact value, so the displayed parts of a total may
 * differ from the displayed total by a few 0.01. Reported as information where an identity holds exactly but not
 * between the displayed figures; never an error.
 */
import { fenToCentiWan, formatWan, FEN_PER_WAN } from '../money';
import { finding, tablesOf } from './context';
import { yuan } from './format';
import { relationsOf, wholeLabel } from './relations';
import type { Finding, Rule } from './types';

const shown = (centi: number) => formatWan(centi * (FEN_PER_WAN / 100));

const tailDifference: Rule = {
  id: 'rounding.tail-difference',
  severity: 'info',
  title: '尾差：显示的合计与显示的各分项之和相差几分（各数分别四舍五入）',
  check(input) {
    const out: Finding[] = [];
    for (const r of relationsOf(input)) {
      if (r.parts.length < 2) continue;
      let exact = 0;
      let displayed = 0;
      for (const p of r.parts) {
        exact += p;
        displayed += fenToCentiWan(p);
      }
      if (exact !== r.whole) continue; // an exact failure is its own rule's finding
      const whole = fenToCentiWan(r.whole);
      if (whole === displayed) continue;
      const d = Math.abs(whole - displayed);
      out.push(
        finding(
          tailDifference,
          { kind: 'cell', table: r.table, row: r.row, column: r.column },
          `${wholeLabel(r)}显示 ${shown(whole)}，${r.partsLabel}按显示数计为 ${shown(displayed)}，尾差 ${shown(d)} 万元（各数分别四舍五入所致，精确值一致）`,
          r.ruleId + (r.discriminator ? `/${r.discriminator}` : ''),
        ),
      );
    }
    return out;
  },
};

const formVsTable12: Rule = {
  id: 'rounding.form-vs-table12',
  severity: 'info',
  title: '绩效目标表年度资金（元）与表十二显示数（万元，两位小数）的尾差',
  check(input) {
    const t12 = tablesOf(input).get(12);
    if (!t12) return [];
    const projects = new Map(input.facts.projects.map((p) => [p.id, p]));
    const out: Finding[] = [];
    for (const f of input.facts.forms) {
      const p = projects.get(f.projectId);
      if (!p || p.carryover) continue;
      const amount = t12.fen(`project:${p.id}`, 'total');
      if (f.fundingAnnual.total !== amount) continue; // form.annual-equals-table12
      const displayedFen = fenToCentiWan(amount) * (FEN_PER_WAN / 100);
      if (displayedFen === amount) continue;
      out.push(
        finding(
          formVsTable12,
          { kind: 'form', projectId: p.id, field: 'fundingAnnual.total' },
          `项目“${p.name}”绩效目标表年度资金总额 ${yuan(amount)}，表十二显示 ${formatWan(amount)} 万元（即 ${yuan(displayedFen)}），` +
            `相差 ${yuan(Math.abs(amount - displayedFen))}，系表十二按万元保留两位小数所致（精确值一致）`,
        ),
      );
    }
    return out;
  },
};

export const ROUNDING_RULES: Rule[] = [tailDifference, formVsTable12];
