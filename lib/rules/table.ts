/**
 * Within a table (docs/domain.md §8): 类 = Σ款 = Σ项 in every column; 合计 = 基本 + 项目; 合计 = Σ sources;
 * 总计 = 本年 + 上年结转; the empty note. They hold by construction in our builder and are silent on our data;
 * they guard against a builder bug and run on imported disclosures.
 */
import { finding, tablesOf } from './context';
import { mismatch, tableName } from './format';
import { relationsFor, sumOf, wholeLabel } from './relations';
import type { Finding, Rule, RuleInput, Severity } from './types';

/** A rule reporting every relation of its id that fails exactly. */
export function relationRule(id: string, severity: Severity, title: string): Rule {
  const rule: Rule = {
    id,
    severity,
    title,
    check(input: RuleInput): Finding[] {
      const out: Finding[] = [];
      for (const r of relationsFor(input, id)) {
        const parts = sumOf(r.parts);
        if (parts === r.whole) continue;
        out.push(
          finding(
            rule,
            { kind: 'cell', table: r.table, row: r.row, column: r.column },
            mismatch(wholeLabel(r), r.whole, r.partsLabel, parts),
            r.discriminator,
          ),
        );
      }
      return out;
    },
  };
  return rule;
}

const hierarchySum = relationRule('table.hierarchy-sum', 'error', '表内层级合计：类 = Σ款 = Σ项（各列）');
const totalEqualsBasicPlusProject = relationRule(
  'table.total-equals-basic-plus-project',
  'error',
  '表内：合计 = 基本支出 + 项目支出',
);
const totalEqualsPersonnelPlusPublic = relationRule(
  'table.total-equals-personnel-plus-public',
  'error',
  '表六：合计 = 人员经费 + 公用经费',
);
const totalEqualsSources = relationRule('table.total-equals-sources', 'error', '表内：合计 = 各资金来源之和');
const grandTotal = relationRule('table.grand-total', 'error', '表一、表四：合计与总计（本年 + 上年结转）');

const emptyNote: Rule = {
  id: 'table.empty-note',
  severity: 'error',
  title: '空表标注“本表无数据”，有数据的表不标注',
  check(input) {
    const out: Finding[] = [];
    for (const { table } of tablesOf(input).values()) {
      const hasData = table.rows.some((r) => r.cells.some((c) => c.kind === 'amount' && c.amount !== 0));
      const first = table.rows[0];
      const col = table.columns.findIndex((c) => c.kind === 'amount');
      const loc = { kind: 'cell' as const, table: table.no, row: first?.key ?? 'total', column: Math.max(col, 0) };
      if (hasData && table.emptyNote) {
        out.push(finding(emptyNote, loc, `${tableName(table.no)}有数据，却标注“${table.emptyNote}”`));
      } else if (!hasData && !table.emptyNote) {
        out.push(finding(emptyNote, loc, `${tableName(table.no)}没有数据，应标注“注：本表无数据”`));
      }
    }
    return out;
  },
};

export const TABLE_RULES: Rule[] = [
  hierarchySum,
  totalEqualsBasicPlusProject,
  totalEqualsPersonnelPlusPublic,
  totalEqualsSources,
  grandTotal,
  emptyNote,
];
