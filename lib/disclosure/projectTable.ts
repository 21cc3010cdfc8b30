/**
 * 表十二 / 表十三: department row → unit rows → project rows. A project's amount is Σ its items and sits in its
 * source's column; 合计 is the project's whole amount. Units without projects of the kind are left out.
 */
import type { BudgetFacts, Fen, FundSource } from '../facts';
import type { Aggregates } from './aggregate';
import { amounts, row, sortedProjects, sortedUnits, text } from './common';
import type { TableRow } from './types';

export function projectRows(
  facts: BudgetFacts,
  agg: Aggregates,
  carryover: boolean,
  sourceColumns: readonly FundSource[],
): TableRow[] {
  const n = sourceColumns.length + 1;
  const vector = (source: FundSource, fen: Fen): Fen[] => {
    const v = new Array<Fen>(n).fill(0);
    v[0] = fen;
    const i = sourceColumns.indexOf(source);
    if (i >= 0) v[i + 1] = fen;
    return v;
  };
  const add = (acc: Fen[], v: Fen[]) => v.forEach((x, i) => (acc[i] += x));

  const byUnit = new Map<number, { rows: TableRow[]; total: Fen[] }>();
  for (const p of sortedProjects(facts.projects)) {
    if (p.carryover !== carryover) continue;
    const v = vector(p.source, agg.projectAmount.get(p.id) ?? 0);
    let u = byUnit.get(p.unitId);
    if (!u) byUnit.set(p.unitId, (u = { rows: [], total: new Array<Fen>(n).fill(0) }));
    add(u.total, v);
    u.rows.push(row(`project:${p.id}`, 2, [text(p.name), ...amounts(v)]));
  }

  const deptTotal = new Array<Fen>(n).fill(0);
  const body: TableRow[] = [];
  const known = new Set<number>();
  const emit = (id: number, name: string) => {
    const u = byUnit.get(id);
    if (!u) return;
    add(deptTotal, u.total);
    body.push(row(`unit:${id}`, 1, [text(name), ...amounts(u.total)]), ...u.rows);
  };
  for (const u of sortedUnits(facts.units)) {
    known.add(u.id);
    emit(u.id, u.name);
  }
  // projects of a unit missing from facts.units still count (the rules flag them)
  for (const id of [...byUnit.keys()].filter((id) => !known.has(id)).sort((a, b) => a - b)) emit(id, '');

  return [row('dept', 0, [text(facts.department.name), ...amounts(deptTotal)]), ...body];
}
