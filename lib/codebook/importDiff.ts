/**
 * An import against the year's current book: what is added, renamed and removed, the fingerprint that ties an apply
 * to the book it was previewed against, and the budget lines (基本支出 and project items) that use a touched code.
 */
import 'server-only';
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  basicLines,
  budgets,
  departments,
  deptEconomicCodes,
  functionalCodes,
  govEconomicCodes,
  projectItems,
  projects,
  units,
} from '../../db/schema';
import type { Tx } from '../audit';
import type { Fen } from '../facts';
import type { CodeBookKind } from './kinds';

export interface BookRow {
  code: string;
  name: string;
  level: number;
  parent: string | null;
}

/** The table holding a book of this kind. */
export function bookTable(kind: CodeBookKind) {
  return kind === 'functional' ? functionalCodes : kind === 'deptEconomic' ? deptEconomicCodes : govEconomicCodes;
}

export function currentBook(db: Db | Tx, kind: CodeBookKind, year: number): BookRow[] {
  const t = bookTable(kind);
  return db
    .select({ code: t.code, name: t.name, level: t.level, parent: t.parent })
    .from(t)
    .where(eq(t.year, year))
    .orderBy(asc(t.code))
    .all();
}

/** A short fingerprint of a book's codes and names: an import applies only to the book it was previewed against. */
export function fingerprint(book: { code: string; name: string }[]): string {
  const h = createHash('sha256');
  for (const r of [...book].sort((a, b) => (a.code < b.code ? -1 : 1))) h.update(`${r.code}\t${r.name}\n`);
  return h.digest('hex').slice(0, 32);
}

export interface CodeBookDiff {
  added: BookRow[];
  renamed: { code: string; level: number; oldName: string; newName: string }[];
  removed: BookRow[];
  unchanged: number;
}

export function diffBooks(current: BookRow[], next: BookRow[]): CodeBookDiff {
  const old = new Map(current.map((r) => [r.code, r]));
  const now = new Map(next.map((r) => [r.code, r]));
  const diff: CodeBookDiff = { added: [], renamed: [], removed: [], unchanged: 0 };
  for (const r of next) {
    const o = old.get(r.code);
    if (!o) diff.added.push(r);
    else if (o.name !== r.name) diff.renamed.push({ code: r.code, level: r.level, oldName: o.name, newName: r.name });
    else diff.unchanged++;
  }
  for (const r of current) if (!now.has(r.code)) diff.removed.push(r);
  return diff;
}

export interface AffectedLine {
  budgetId: number;
  departmentCode: string;
  departmentName: string;
  kind: 'basic' | 'project';
  unitName: string;
  projectName: string | null;
  code: string;
  oldName: string;
  /** null: the code is gone from the new book. */
  newName: string | null;
  amount: Fen;
}

/**
 * The budget lines of the year whose code (功能 for the functional book, 部门经济 for the departmental economic book,
 * the 政府经济 override for the government one) is among the given codes.
 */
export function linesUsingCodes(db: Db | Tx, kind: CodeBookKind, year: number, codes: string[]) {
  if (codes.length === 0) return [];
  const basicCol =
    kind === 'functional' ? basicLines.functionCode : kind === 'deptEconomic' ? basicLines.economicCode : basicLines.govEconomicOverride;
  const out: Omit<AffectedLine, 'oldName' | 'newName'>[] = [];
  for (let i = 0; i < codes.length; i += 500) {
    const chunk = codes.slice(i, i + 500);
    const basic = db
      .select({
        budgetId: budgets.id,
        departmentCode: departments.code,
        departmentName: departments.name,
        unitName: units.name,
        code: basicCol,
        amount: basicLines.amount,
      })
      .from(basicLines)
      .innerJoin(budgets, eq(budgets.id, basicLines.budgetId))
      .innerJoin(departments, eq(departments.id, budgets.departmentId))
      .innerJoin(units, eq(units.id, basicLines.unitId))
      .where(and(eq(budgets.year, year), inArray(basicCol, chunk)))
      .all();
    for (const b of basic) out.push({ ...b, code: b.code ?? '', kind: 'basic', projectName: null });
    if (kind === 'govEconomic') continue;
    const itemCol = kind === 'functional' ? projectItems.functionCode : projectItems.economicCode;
    const items = db
      .select({
        budgetId: budgets.id,
        departmentCode: departments.code,
        departmentName: departments.name,
        unitName: units.name,
        projectName: projects.name,
        code: itemCol,
        amount: projectItems.amount,
      })
      .from(projectItems)
      .innerJoin(projects, eq(projects.id, projectItems.projectId))
      .innerJoin(budgets, eq(budgets.id, projects.budgetId))
      .innerJoin(departments, eq(departments.id, budgets.departmentId))
      .innerJoin(units, eq(units.id, projects.unitId))
      .where(and(eq(budgets.year, year), inArray(itemCol, chunk)))
      .all();
    for (const it of items) out.push({ ...it, kind: 'project' });
  }
  return out.sort(
    (a, b) =>
      a.departmentCode.localeCompare(b.departmentCode) ||
      a.code.localeCompare(b.code) ||
      (a.kind === b.kind ? 0 : a.kind === 'basic' ? -1 : 1) ||
      (a.projectName ?? '').localeCompare(b.projectName ?? '', 'zh-CN'),
  );
}

/** The lines using a renamed or removed code of the diff, with the code's old and new name. */
export function affectedLines(db: Db | Tx, kind: CodeBookKind, year: number, diff: CodeBookDiff): AffectedLine[] {
  const names = new Map<string, { oldName: string; newName: string | null }>();
  for (const r of diff.renamed) names.set(r.code, { oldName: r.oldName, newName: r.newName });
  for (const r of diff.removed) names.set(r.code, { oldName: r.name, newName: null });
  return linesUsingCodes(db, kind, year, [...names.keys()]).map((l) => ({ ...l, ...names.get(l.code)! }));
}
