/**
 * First-run seed: the 2024 starter code books, the region's texts, the demo department 泽州县人力资源和社会保障局
 * with its 2024 budget, a second small department, and the demo accounts. Runs only on an empty database.
 */
import 'server-only';
import { hashSync } from '@node-rs/argon2';
import { count } from 'drizzle-orm';
import type { Db } from '../client';
import { budgets, controlFigures, departments, fiscalYears, units, users } from '../schema';
import { readStarterCodeBook } from '../../lib/codebook/starter';
import { govEconomicFor, insertCodeBook, loadYearCodes } from '../../lib/codebook/store';
import { insertFacts, type SeedFacts, type SeedForm } from './facts';
import { zezhou2024 } from './demo/zezhou-2024';
import { zezhou2024Forms } from './demo/forms-2024';
import { archive2024 } from './demo/archive-2024';
import { DEMO_ACCOUNTS } from './demo/accounts';

const DEMO_YEAR = 2024;

function isEmpty(db: Db): boolean {
  return db.select({ n: count() }).from(fiscalYears).get()!.n === 0;
}

/** Seeds everything on an empty database; returns false (and does nothing) otherwise. */
export function seedIfEmpty(db: Db, opts: { passwordHasher?: (p: string) => string } = {}): boolean {
  if (!isEmpty(db)) return false;
  const hash = opts.passwordHasher ?? ((p: string) => hashSync(p));
  insertCodeBook(db, DEMO_YEAR, readStarterCodeBook(DEMO_YEAR));
  const codes = loadYearCodes(db, DEMO_YEAR);
  const now = Date.now();
  // hash outside the transaction: it is slow and synchronous
  const hashed = DEMO_ACCOUNTS.map((a) => ({ ...a, passwordHash: hash(a.password) }));
  db.transaction((tx) => {
    tx.insert(fiscalYears).values({ year: DEMO_YEAR, status: 'open', isCurrent: true }).run();
    const deptIds = new Map<string, number>();
    const seedDepartment = (facts: SeedFacts, forms: SeedForm[], controlFigure: number) => {
      const dept = tx
        .insert(departments)
        .values({ code: facts.department.code, name: facts.department.name, regionName: facts.department.regionName })
        .returning({ id: departments.id })
        .get();
      deptIds.set(facts.department.code, dept.id);
      const unitIds = new Map<number, number>();
      const unitTypes = new Map<number, (typeof facts.units)[number]['type']>();
      for (const u of facts.units) {
        const row = tx
          .insert(units)
          .values({ departmentId: dept.id, name: u.name, type: u.type, sort: u.sort })
          .returning({ id: units.id })
          .get();
        unitIds.set(u.id, row.id);
        unitTypes.set(u.id, u.type);
      }
      const budget = tx
        .insert(budgets)
        .values({ departmentId: dept.id, year: facts.year, status: 'draft', version: 1, updatedAt: now })
        .returning({ id: budgets.id })
        .get();
      insertFacts(tx, budget.id, facts, unitIds, forms, (code, unitId) =>
        govEconomicFor(codes, code, unitTypes.get(unitId)!),
      );
      tx.insert(controlFigures).values({ departmentId: dept.id, year: facts.year, amount: controlFigure, updatedAt: now }).run();
    };
    const generalCurrent = (f: SeedFacts) => f.income.find((i) => i.source === 'general')?.current ?? 0;
    seedDepartment(zezhou2024, zezhou2024Forms, generalCurrent(zezhou2024));
    seedDepartment(archive2024, [], generalCurrent(archive2024));
    for (const a of hashed) {
      tx.insert(users)
        .values({
          username: a.username,
          displayName: a.displayName,
          passwordHash: a.passwordHash,
          role: a.role,
          departmentId: a.departmentCode ? deptIds.get(a.departmentCode)! : null,
          createdAt: now,
        })
        .run();
    }
  });
  return true;
}
