/** Code books in the database, per year. */
import 'server-only';
import { eq, sql } from 'drizzle-orm';
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

/** The year's code books, read by every facts load and every edit: prepared once per connection, rows as arrays. */
function prepareCodeReads(db: Db) {
  const year = sql.placeholder('year');
  return {
    functional: db
      .select({ code: functionalCodes.code, name: functionalCodes.name, level: functionalCodes.level })
      .from(functionalCodes)
      .where(eq(functionalCodes.year, year))
      .prepare(),
    dept: db
      .select({ code: deptEconomicCodes.code, name: deptEconomicCodes.name, bucket: deptEconomicCodes.bucket })
      .from(deptEconomicCodes)
      .where(eq(deptEconomicCodes.year, year))
      .prepare(),
    gov: db.select({ code: govEconomicCodes.code, name: govEconomicCodes.name }).from(govEconomicCodes).where(eq(govEconomicCodes.year, year)).prepare(),
    maps: db
      .select({ dept: economicMappings.deptCode, admin: economicMappings.govCodeAdmin, institution: economicMappings.govCodeInstitution })
      .from(economicMappings)
      .where(eq(economicMappings.year, year))
      .prepare(),
  };
}
const preparedCodeReads = new WeakMap<Db, ReturnType<typeof prepareCodeReads>>();

export function loadYearCodes(db: Db, year: number): YearCodes {
  let q = preparedCodeReads.get(db);
  if (!q) preparedCodeReads.set(db, (q = prepareCodeReads(db)));
  const functional = q.functional.values({ year }) as [string, string, number][];
  const dept = q.dept.values({ year }) as [string, string, 'personnel' | 'public' | null][];
  const gov = q.gov.values({ year }) as [string, string][];
  const maps = q.maps.values({ year }) as [string, string, string][];
  return {
    book: {
      functional: Object.fromEntries(functional.map(([code, name]) => [code, name])),
      deptEconomic: Object.fromEntries(dept.map(([code, name, bucket]) => [code, { name, bucket: bucket ?? null }])),
      govEconomic: Object.fromEntries(gov),
    },
    mapping: new Map(maps.map(([deptCode, admin, institution]) => [deptCode, { admin, institution }])),
    functionalLevel: new Map(functional.map(([code, , level]) => [code, level])),
  };
}

/** The 政府经济 款 for a 部门经济 款 in a unit of the given type ('' when the book has no mapping). */
export function govEconomicFor(codes: YearCodes, economicCode: string, unitType: UnitType): string {
  const m = codes.mapping.get(economicCode);
  if (!m) return '';
  return isAdministrative(unitType) ? m.admin : m.institution;
}
