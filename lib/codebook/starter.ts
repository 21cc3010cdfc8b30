/**
 * The starter code books shipped with the app (db/seed/codebooks/<year>/), used until an administrator imports
 * the official 政府收支分类科目 for the year.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseCsvRecords } from './csv';
import type { CodeBook } from '../facts';

interface CodeRow {
  code: string;
  name: string;
  level: number;
  parent: string | null;
}
interface DeptEconomicRow extends CodeRow {
  bucket: 'personnel' | 'public' | null;
}
interface MappingRow {
  deptCode: string;
  govCodeAdmin: string;
  govCodeInstitution: string;
}
export interface StarterCodeBook {
  functional: CodeRow[];
  deptEconomic: DeptEconomicRow[];
  govEconomic: CodeRow[];
  mappings: MappingRow[];
}

/** Level from the code's length: 3 → 1 (类), 5 → 2 (款), 7 → 3 (项). */
function levelOf(code: string): number | null {
  return code.length === 3 ? 1 : code.length === 5 ? 2 : code.length === 7 ? 3 : null;
}
function parentOf(code: string): string | null {
  return code.length === 5 ? code.slice(0, 3) : code.length === 7 ? code.slice(0, 5) : null;
}

function starterDir(year: number, root = process.cwd()): string {
  return path.join(root, 'db', 'seed', 'codebooks', String(year));
}

export function readStarterCodeBook(year: number, root?: string): StarterCodeBook {
  const dir = starterDir(year, root);
  const read = (f: string) => parseCsvRecords(fs.readFileSync(path.join(dir, f), 'utf8'));
  const row = (code: string, name: string): CodeRow => ({
    code,
    name,
    level: levelOf(code) ?? 0,
    parent: parentOf(code),
  });
  const functional = new Map<string, CodeRow>();
  for (const r of read(`functional_classification_classes_${year}.csv`)) functional.set(r.code, row(r.code, r.name));
  for (const f of ['functional_classification_observed_in_cases.csv', 'functional_classification_supplement.csv'])
    if (fs.existsSync(path.join(dir, f)))
      for (const r of read(f)) if (!functional.has(r.code)) functional.set(r.code, row(r.code, r.name));
  const bucketOf = (b: string) => (b === '人员经费' ? 'personnel' : b === '公用经费' ? 'public' : null);
  return {
    functional: [...functional.values()].sort((a, b) => a.code.localeCompare(b.code)),
    deptEconomic: read(`dept_economic_classification_${year}.csv`).map((r) => ({
      ...row(r.code, r.name),
      bucket: bucketOf(r.basic_exp_bucket),
    })),
    govEconomic: read(`gov_economic_classification_${year}.csv`).map((r) => row(r.code, r.name)),
    mappings: read(`dept_to_gov_economic_mapping_${year}.csv`).map((r) => ({
      deptCode: r.dept_code,
      govCodeAdmin: r['gov_code_for_admin_unit(行政/参公)'],
      govCodeInstitution: r['gov_code_for_institution(事业单位)'],
    })),
  };
}

/** The lookup form the disclosure builder uses. */
export function toCodeBook(book: Pick<StarterCodeBook, 'functional' | 'deptEconomic' | 'govEconomic'>): CodeBook {
  return {
    functional: Object.fromEntries(book.functional.map((r) => [r.code, r.name])),
    deptEconomic: Object.fromEntries(book.deptEconomic.map((r) => [r.code, { name: r.name, bucket: r.bucket }])),
    govEconomic: Object.fromEntries(book.govEconomic.map((r) => [r.code, r.name])),
  };
}
