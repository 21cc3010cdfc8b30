/** How findings name the facts they point at. */
import type { BasicLine, BudgetFacts, Project, ProjectItem } from '../facts';
import { wan } from './format';

interface Names {
  unit(id: number): string;
  economic(code: string): string;
}

const cache = new WeakMap<BudgetFacts, Names>();

function namesOf(facts: BudgetFacts): Names {
  let n = cache.get(facts);
  if (!n) {
    const units = new Map(facts.units.map((u) => [u.id, u.name]));
    n = {
      unit: (id) => units.get(id) ?? `单位${id}`,
      economic: (code) => facts.codes.deptEconomic[code]?.name ?? '',
    };
    cache.set(facts, n);
  }
  return n;
}

/** `基本支出（泽州县人力资源和社会保障局（机关） 2080101 30101 基本工资 763.45 万元）` */
export function describeLine(facts: BudgetFacts, l: BasicLine): string {
  const n = namesOf(facts);
  const econ = [l.economicCode, n.economic(l.economicCode)].filter(Boolean).join(' ');
  return `基本支出（${n.unit(l.unitId)} ${l.functionCode} ${econ} ${wan(l.amount)}）`;
}

/** `项目“执法办案经费”的明细（2080199 30201 办公费 20.00 万元）` */
export function describeItem(facts: BudgetFacts, p: Project, i: ProjectItem): string {
  const n = namesOf(facts);
  const econ = [i.economicCode, n.economic(i.economicCode)].filter(Boolean).join(' ');
  return `项目“${p.name}”的明细（${i.functionCode} ${econ} ${wan(i.amount)}）`;
}

export const describeProject = (p: Project): string => `${p.carryover ? '上年结转' : ''}项目“${p.name}”`;
