/**
 * 部门预算支出经济分类 → 政府预算支出经济分类 对照表 of a year: every 部门经济 款 has one 政府经济 款 for 行政/参公 units and
 * one for 事业 units; the 基本支出 lines' 政府经济科目 derive from it (`govEconomicFor` in store.ts). A new year copies
 * the previous year's table (lib/admin/years.ts); the administrator reviews and edits it here. A save checks every
 * code against the year's books, refuses a row that someone else changed since it was loaded, writes all or nothing
 * with an audit entry per row, and says how many 基本支出 lines follow the change.
 */
import 'server-only';
import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import { z } from '../zod';
import type { Db } from '../../db/client';
import { basicLines, budgets, deptEconomicCodes, economicMappings, fiscalYears, govEconomicCodes } from '../../db/schema';
import { writeAudit, type Tx } from '../audit';
import { assertAdmin, type Actor } from '../auth/authorize';
import { ValidationError, type FieldErrors } from '../result';
import { formError, parseInput } from '../admin/common';
import { mappingToken } from './mappingToken';

export interface MappingRow {
  deptCode: string;
  deptName: string;
  /** 政府经济 款 for 行政/参公 units, and for 事业 units (null: the book has no entry for this 款). */
  admin: string | null;
  institution: string | null;
  /** 基本支出 lines of the year's budgets with this 款 and no override: their 政府经济科目 follow the table. */
  lines: number;
}

interface MappingGrid {
  year: number;
  rows: MappingRow[];
  /** The year's 政府经济 款, the choices of every row. */
  govOptions: { code: string; name: string }[];
  /** False when the year is closed. */
  editable: boolean;
}

export { mappingToken };

function linesFollowing(db: Db | Tx, year: number, deptCodes?: string[]): Map<string, number> {
  const rows = db
    .select({ code: basicLines.economicCode, n: count() })
    .from(basicLines)
    .innerJoin(budgets, eq(budgets.id, basicLines.budgetId))
    .where(
      and(
        eq(budgets.year, year),
        isNull(basicLines.govEconomicOverride),
        deptCodes === undefined ? undefined : inArray(basicLines.economicCode, deptCodes),
      ),
    )
    .groupBy(basicLines.economicCode)
    .all();
  return new Map(rows.map((r) => [r.code, r.n]));
}

function storedMappings(db: Db | Tx, year: number) {
  return new Map(
    db
      .select()
      .from(economicMappings)
      .where(eq(economicMappings.year, year))
      .all()
      .map((m) => [m.deptCode, { admin: m.govCodeAdmin, institution: m.govCodeInstitution }]),
  );
}

const kuanOf = (db: Db | Tx, table: typeof deptEconomicCodes | typeof govEconomicCodes, year: number) =>
  db
    .select({ code: table.code, name: table.name })
    .from(table)
    .where(and(eq(table.year, year), eq(table.level, 2)))
    .orderBy(asc(table.code))
    .all();

/** Every 部门经济 款 of the year with its mapping and the number of lines that follow it. */
export function listMappings(db: Db, actor: Actor, year: number): MappingGrid {
  assertAdmin(actor);
  const maps = storedMappings(db, year);
  const lines = linesFollowing(db, year);
  const rows = kuanOf(db, deptEconomicCodes, year).map((d) => {
    const m = maps.get(d.code);
    return { deptCode: d.code, deptName: d.name, admin: m?.admin ?? null, institution: m?.institution ?? null, lines: lines.get(d.code) ?? 0 };
  });
  const status = db.select({ status: fiscalYears.status }).from(fiscalYears).where(eq(fiscalYears.year, year)).get()?.status;
  return { year, rows, govOptions: kuanOf(db, govEconomicCodes, year), editable: status !== undefined && status !== 'closed' };
}

const code = z.string().trim().max(10);
const saveSchema = z.object({
  year: z.coerce.number({ error: '请选择年度' }).int({ error: '请选择年度' }).min(2000).max(2100),
  rows: z
    .record(z.string().regex(/^\d{5}$/, { error: '科目编码无效，请刷新页面后重试' }), z.object({ admin: code, institution: code, was: z.string().max(30) }))
    .refine((r) => Object.keys(r).length <= 2000, { error: '提交的行数过多' }),
});

interface MappingSaveResult {
  /** Rows whose mapping changed. */
  changed: number;
  /** 基本支出 lines whose 政府经济科目 changed with them. */
  lines: number;
}

/**
 * Saves the rows that changed. Field errors are keyed like the form's fields (`admin_30101`, `institution_30101`);
 * nothing is written when any row is refused.
 */
export function saveMappings(db: Db, actor: Actor, input: z.input<typeof saveSchema>): MappingSaveResult {
  assertAdmin(actor);
  const { year, rows } = parseInput(saveSchema, input);
  const now = Date.now();
  return db.transaction((tx) => {
    const y = tx.select().from(fiscalYears).where(eq(fiscalYears.year, year)).get();
    if (!y) formError(`${year} 年度不存在`);
    if (y.status === 'closed') formError(`${year} 年度已关闭，不能修改对照表`);
    const dept = new Set(kuanOf(tx, deptEconomicCodes, year).map((d) => d.code));
    const gov = new Map(kuanOf(tx, govEconomicCodes, year).map((g) => [g.code, g.name]));
    const stored = storedMappings(tx, year);
    const errors: FieldErrors = {};
    const changes: { deptCode: string; admin: string; institution: string; before: string }[] = [];
    for (const [deptCode, row] of Object.entries(rows)) {
      if (!dept.has(deptCode)) formError(`部门经济科目“${deptCode}”不在${year}年的科目表中，请刷新页面后重试`);
      const current = stored.get(deptCode);
      if (row.was !== mappingToken(current)) {
        errors[`admin_${deptCode}`] = `该行已被他人修改（现为 ${current?.admin ?? '未对照'} / ${current?.institution ?? '未对照'}），请刷新页面后重试`;
        continue;
      }
      for (const [key, value] of [
        ['admin', row.admin],
        ['institution', row.institution],
      ] as const) {
        if (value === '') errors[`${key}_${deptCode}`] = '请选择政府经济科目';
        else if (!gov.has(value)) errors[`${key}_${deptCode}`] = `政府经济科目“${value}”不在${year}年的科目表中（应为款级）`;
      }
      if (errors[`admin_${deptCode}`] || errors[`institution_${deptCode}`]) continue;
      if (current?.admin === row.admin && current?.institution === row.institution) continue;
      changes.push({ deptCode, admin: row.admin, institution: row.institution, before: mappingToken(current) });
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors, '有对照关系不能保存，请检查标红的行');
    for (const c of changes) {
      tx.insert(economicMappings)
        .values({ year, deptCode: c.deptCode, govCodeAdmin: c.admin, govCodeInstitution: c.institution })
        .onConflictDoUpdate({
          target: [economicMappings.year, economicMappings.deptCode],
          set: { govCodeAdmin: c.admin, govCodeInstitution: c.institution },
        })
        .run();
      writeAudit(
        tx,
        {
          userId: actor.userId,
          action: 'codebook.mapping',
          entity: 'economic_mappings',
          entityId: year,
          field: c.deptCode,
          oldValue: c.before,
          newValue: mappingToken(c),
        },
        now,
      );
    }
    const following = linesFollowing(
      tx,
      year,
      changes.map((c) => c.deptCode),
    );
    return { changed: changes.length, lines: [...following.values()].reduce((s, n) => s + n, 0) };
  });
}
