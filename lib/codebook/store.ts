/** Code books in the database, per year. */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { deptEconomicCodes, economicMappings, functionalCodes, govEconomicCodes } from '../../db/schema';
import type { CodeBook, UnitType } from '../facts';
import { isAdministrative } from '../facts';
import type { StarterCodeBook } from './starter';

export interface YearCodes {
  book: CodeBook;
  /** 部门经济 款 → 政府经济 款 for 行政/参公 and for 事业 units. */
  mapping: Map<string, { admin: string; institution: string }>;
  functionalLevel: Map<string, number>;
}

export function insertCodeBook(db: Db, year: number, book: StarterCodeBook): void {
  db.transaction((tx) => {
    for (const r of book.functional) tx.insert(functionalCodes).values({ year, ...r }).run();
    for (const r of book.deptEconomic) tx.insert(deptEconomicCodes).values({ year, ...r }).run();
    for (const r of book.govEconomic) tx.insert(govEconomicCodes).values({ year, ...r }).run();
    for (const r of book.mappings) tx.insert(economicMappings).values({ year, ...r }).run();
  });
}

export function loadYearCodes(db: Db, year: number): YearCodes {
  const functional = db.select().from(functionalCodes).where(eq(functionalCodes.year, year)).all();
  const dept = db.select().from(deptEconomicCodes).where(eq(deptEconomicCodes.year, year)).all();
  const gov = db.select().from(govEconomicCodes).where(eq(govEconomicCodes.year, year)).all();
  const maps = db.select().from(economicMappings).where(eq(economicMappings.year, year)).all();
  return {
    book: {
      functional: Object.fromEntries(functional.map((r) => [r.code, r.name])),
      deptEconomic: Object.fromEntries(dept.map((r) => [r.code, { name: r.name, bucket: r.bucket ?? null }])),
      govEconomic: Object.fromEntries(gov.map((r) => [r.code, r.name])),
    },
    mapping: new Map(maps.map((m) => [m.deptCode, { admin: m.govCodeAdmin, institution: m.govCodeInstitution }])),
    functionalLevel: new Map(functional.map((r) => [r.code, r.level])),
  };
}

/** The 政府经济 款 for a 部门经济 款 in a unit of the given type ('' when the book has no mapping). */
export function govEconomicFor(codes: YearCodes, economicCode: string, unitType: UnitType): string {
  const m = codes.mapping.get(economicCode);
  if (!m) return '';
  return isAdministrative(unitType) ? m.admin : m.institution;
}
