/**
 * Classification codes of the lines and project items against the year's code books (docs/domain.md §3): 功能 at 项
 * level and known; 部门经济 款 known; a 政府经济 款 resolved for every 基本支出 line; units that exist.
 */
import type { BasicLine, BudgetFacts, Project, ProjectItem } from '../facts';
import { finding } from './context';
import { describeItem, describeLine, describeProject } from './describe';
import type { Finding, FindingLocation, Rule } from './types';

/** A spending row: a 基本支出 line, or a project's item. */
type Row = { line: BasicLine; project?: undefined; item?: undefined } | { line?: undefined; project: Project; item: ProjectItem };

/** Calls `fn` for every spending row, without allocating per row. */
function forEachSpendingRow(facts: BudgetFacts, fn: (functionCode: string, economicCode: string, row: Row) => void): void {
  const lineRow = { line: undefined as unknown as BasicLine };
  for (const l of facts.basicLines) {
    lineRow.line = l;
    fn(l.functionCode, l.economicCode, lineRow);
  }
  const itemRow = { project: undefined as unknown as Project, item: undefined as unknown as ProjectItem };
  for (const p of facts.projects) {
    itemRow.project = p;
    for (const i of p.items) {
      itemRow.item = i;
      fn(i.functionCode, i.economicCode, itemRow);
    }
  }
}

const rowLocation = (r: Row): FindingLocation =>
  r.line ? { kind: 'line', lineId: r.line.id } : { kind: 'projectItem', projectId: r.project.id, itemId: r.item.id };
const rowWhat = (facts: BudgetFacts, r: Row): string =>
  r.line ? describeLine(facts, r.line) : describeItem(facts, r.project, r.item);

const LEVEL_NAME: Record<number, string> = { 3: '类', 5: '款' };

const functionUnknown: Rule = {
  id: 'codes.function-unknown',
  severity: 'error',
  title: '支出功能分类科目不在本年科目表中',
  check({ facts }) {
    const out: Finding[] = [];
    forEachSpendingRow(facts, (functionCode, economicCode, r) => {
      if (functionCode.length !== 7) return; // codes.function-not-item-level
      if (facts.codes.functional[functionCode] !== undefined) return;
      out.push(
        finding(functionUnknown, rowLocation(r), `${rowWhat(facts, r)}的功能科目 ${functionCode} 不在${facts.year}年支出功能分类科目中`),
      );
    });
    return out;
  },
};

const functionNotItemLevel: Rule = {
  id: 'codes.function-not-item-level',
  severity: 'error',
  title: '支出功能分类只能列到项（7位）',
  check({ facts }) {
    const out: Finding[] = [];
    forEachSpendingRow(facts, (functionCode, economicCode, r) => {
      const c = functionCode;
      if (c.length === 7) return;
      const level = /^\d+$/.test(c) ? LEVEL_NAME[c.length] : undefined;
      const message = level
        ? `${rowWhat(facts, r)}的功能科目 ${c} 是${level}级科目，金额只能列到项级（7位）科目`
        : `${rowWhat(facts, r)}的功能科目“${c}”不是有效的项级（7位）科目编码`;
      out.push(finding(functionNotItemLevel, rowLocation(r), message));
    });
    return out;
  },
};

const economicUnknown: Rule = {
  id: 'codes.economic-unknown',
  severity: 'error',
  title: '部门预算支出经济分类科目不在本年科目表中或不是款级',
  check({ facts }) {
    const out: Finding[] = [];
    forEachSpendingRow(facts, (functionCode, economicCode, r) => {
      const c = economicCode;
      const known = facts.codes.deptEconomic[c] !== undefined;
      if (known && c.length === 5) return;
      const message =
        known && c.length === 3
          ? `${rowWhat(facts, r)}的经济科目 ${c} 是类级科目，应列到款级（5位）科目`
          : `${rowWhat(facts, r)}的经济科目“${c}”不在${facts.year}年部门预算支出经济分类科目中`;
      out.push(finding(economicUnknown, rowLocation(r), message));
    });
    return out;
  },
};

const govEconomicMissing: Rule = {
  id: 'codes.gov-economic-missing',
  severity: 'error',
  title: '基本支出未对应到政府预算支出经济分类科目',
  check({ facts }) {
    const out: Finding[] = [];
    for (const l of facts.basicLines) {
      const g = l.govEconomicCode;
      if (g && g.length === 5 && facts.codes.govEconomic[g] !== undefined) continue;
      const what = describeLine(facts, l);
      const message = g
        ? facts.codes.govEconomic[g] !== undefined
          ? `${what}对应的政府经济科目 ${g} 是类级科目，应为款级（5位）科目`
          : `${what}对应的政府经济科目 ${g} 不在${facts.year}年政府预算支出经济分类科目中`
        : `${what}没有对应的政府预算支出经济分类科目（经济科目 ${l.economicCode} 在对照表中没有该单位类型的对应科目）`;
      out.push(finding(govEconomicMissing, { kind: 'line', lineId: l.id }, message));
    }
    return out;
  },
};

const unitUnknown: Rule = {
  id: 'codes.unit-unknown',
  severity: 'error',
  title: '基本支出或项目所属单位不在本部门单位列表中',
  check({ facts }) {
    const known = new Set(facts.units.map((u) => u.id));
    const out: Finding[] = [];
    for (const l of facts.basicLines) {
      if (!known.has(l.unitId)) {
        out.push(finding(unitUnknown, { kind: 'line', lineId: l.id }, `${describeLine(facts, l)}所属的单位不在本部门的单位列表中`));
      }
    }
    for (const p of facts.projects as Project[]) {
      if (!known.has(p.unitId)) {
        out.push(finding(unitUnknown, { kind: 'project', projectId: p.id }, `${describeProject(p)}所属的单位不在本部门的单位列表中`));
      }
    }
    return out;
  },
};

export const CODES_RULES: Rule[] = [functionUnknown, functionNotItemLevel, economicUnknown, govEconomicMissing, unitUnknown];
