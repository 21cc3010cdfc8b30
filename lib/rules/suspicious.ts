/**
 * Values that are allowed but usually a slip (issue 17 item 8): the same project entered twice, two identical
 * 基本支出 lines, a line or item of 0.00, more vehicles than the 编制 allows, more devices over 100万 than over 50万.
 * Warnings: each may be right (two units' projects, a line kept on purpose), so the clerk explains it or fixes it;
 * every finding points at the later of two twins and names the earlier one, so the message says where both are.
 */
import type { BasicLine, BudgetFacts, Project } from '../facts';
import { FUND_SOURCE_LABEL, projectAmount } from '../facts';
import { finding } from './context';
import { describeItem, describeLine, describeProject } from './describe';
import { wan } from './format';
import type { Finding, Rule } from './types';

/** Groups of values by `key`, in their order, only the groups of two or more. */
function twins<T>(values: readonly T[], key: (v: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const v of values) {
    const k = key(v);
    const g = groups.get(k);
    if (g) g.push(v);
    else groups.set(k, [v]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

const unitName = (facts: BudgetFacts, id: number) => facts.units.find((u) => u.id === id)?.name ?? `单位${id}`;

const duplicateProject: Rule = {
  id: 'suspicious.duplicate-project-name',
  severity: 'warning',
  title: '同一单位有两个同名项目',
  check({ facts }) {
    const out: Finding[] = [];
    // The same name in another unit, or as this year's and last year's money, is two projects, not a twin. Money
    // carried over under one name from two batches is common (the reference's 表十三 lists 就业补助资金 twice,
    // 10.36 and 0.20 万元): carried-over twins are flagged only when their amounts are equal too.
    const groups = twins(facts.projects, (p: Project) =>
      [p.unitId, p.carryover, p.name.trim(), p.carryover ? projectAmount(p) : ''].join('\u0000'),
    );
    for (const g of groups) {
      for (const p of g.slice(1)) {
        const what = p.carryover ? `另一个金额相同（${wan(projectAmount(p))}）的上年结转项目` : '另一个本年项目';
        out.push(
          finding(
            duplicateProject,
            { kind: 'project', projectId: p.id },
            `${describeProject(p)}与${unitName(facts, p.unitId)}的${what}同名（共 ${g.length} 个）：如是重复录入，请删除其一；如是不同项目，请改名区分`,
          ),
        );
      }
    }
    return out;
  },
};

/** Row numbers of the lines as the grid numbers them (the budget's order). */
const rowNumbers = (lines: readonly BasicLine[]) => new Map(lines.map((l, i) => [l.id, i + 1]));
/** `基本支出第 8 行（泽州县…（机关） 2080101 30201 办公费 10.00 万元）` */
const lineAt = (facts: BudgetFacts, l: BasicLine, row: Map<number, number>) => describeLine(facts, l).replace(/^基本支出/, `基本支出第 ${row.get(l.id)} 行`);

const duplicateLine: Rule = {
  id: 'suspicious.duplicate-line',
  severity: 'warning',
  title: '两行基本支出完全相同',
  check({ facts }) {
    const out: Finding[] = [];
    const row = rowNumbers(facts.basicLines);
    const groups = twins(facts.basicLines, (l) => [l.unitId, l.functionCode, l.economicCode, l.source, l.amount].join('\u0000'));
    for (const g of groups) {
      for (const l of g.slice(1)) {
        out.push(
          finding(
            duplicateLine,
            { kind: 'line', lineId: l.id },
            `${lineAt(facts, l, row)}与第 ${row.get(g[0].id)} 行完全相同（单位、功能科目、经济科目、资金来源${FUND_SOURCE_LABEL[l.source]}和金额都相同）：如是重复录入，请删除其一`,
          ),
        );
      }
    }
    return out;
  },
};

const zeroAmount: Rule = {
  id: 'suspicious.zero-amount',
  severity: 'warning',
  title: '金额为 0.00 的行',
  check({ facts }) {
    const out: Finding[] = [];
    const row = rowNumbers(facts.basicLines);
    for (const l of facts.basicLines) {
      if (l.amount === 0)
        out.push(finding(zeroAmount, { kind: 'line', lineId: l.id }, `${lineAt(facts, l, row)}的金额为 0.00：请填写金额，或删除该行`));
    }
    for (const p of facts.projects) {
      // a project whose amount is 0 as a whole is projects.empty (an error): its items are not listed again
      if (p.items.every((i) => i.amount === 0)) continue;
      for (const i of p.items) {
        if (i.amount === 0)
          out.push(
            finding(zeroAmount, { kind: 'projectItem', projectId: p.id, itemId: i.id }, `${describeItem(facts, p, i)}的金额为 0.00：请填写金额，或删除该明细`),
          );
      }
    }
    return out;
  },
};

const countsOver: Rule = {
  id: 'suspicious.counts-over',
  severity: 'warning',
  title: '实有车辆多于编制，或单价100万元以上设备多于50万元以上',
  check({ facts }) {
    const out: Finding[] = [];
    const a = facts.assets;
    for (const v of a.vehicles) {
      if (v.actual > v.establishment)
        out.push(
          finding(
            countsOver,
            { kind: 'asset', field: `vehicles.${v.category}.actual` },
            `${v.category}实有 ${v.actual} 辆，多于编制数 ${v.establishment} 辆：请核对实有数和编制数`,
          ),
        );
    }
    // 单价100万元以上 is part of 单价50万元以上
    if (a.devicesOver1m > a.devicesOver500k)
      out.push(
        finding(
          countsOver,
          { kind: 'asset', field: 'devicesOver1m' },
          `单价100万元以上通用设备 ${a.devicesOver1m} 台（套），多于单价50万元以上通用设备 ${a.devicesOver500k} 台（套）：前者包含在后者之中，请核对`,
        ),
      );
    return out;
  },
};

export const SUSPICIOUS_RULES: Rule[] = [duplicateProject, duplicateLine, zeroAmount, countsOver];
