/**
 * Shared machinery of the budget mutations: authorization, the one synchronous transaction that writes the change,
 * its audit entries and the budget's new version.
 *
 * Every mutation is `(db, actor, input) → Result<{ version } & T>` (lib/result.ts; `version` is the budget's version
 * after the change): it zod-parses every field (errors in Chinese, per field), authorizes through
 * `assertCanEditBudget`, checks the version the edit was based on, and writes in ONE better-sqlite3 transaction
 * (synchronous: nothing inside awaits).
 */
import 'server-only';
import { eq, max, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client';
import { budgets, fiscalYears, units } from '../../../db/schema';
import { assertCanEditBudget, ForbiddenError, type Actor, type BudgetStatus } from '../../auth/authorize';
import type { Tx } from '../../audit';
import { loadYearCodes, type YearCodes } from '../../codebook/store';
import type { UnitType } from '../../facts';
import { forbidden, type Ok, type Refusal } from '../../result';
import { parseId } from '../params';

/** The budget row an edit is about. */
interface EditBudget {
  id: number;
  departmentId: number;
  status: BudgetStatus;
  version: number;
  year: number;
}

export interface EditUnit {
  id: number;
  name: string;
  type: UnitType;
  sort: number;
}

/** What validation needs: the budget, the year's code book and the department's active units. */
export interface EditContext {
  budget: EditBudget;
  codes: YearCodes;
  units: EditUnit[];
}

function readBudget(tx: Tx, budgetId: number): EditBudget | undefined {
  return tx
    .select({
      id: budgets.id,
      departmentId: budgets.departmentId,
      status: budgets.status,
      version: budgets.version,
      year: budgets.year,
    })
    .from(budgets)
    .where(eq(budgets.id, budgetId))
    .get();
}

function yearOpen(tx: Tx, year: number): boolean {
  return tx.select().from(fiscalYears).where(eq(fiscalYears.year, year)).get()?.status === 'open';
}

/** Authorization through the one place that decides; a refusal as a result instead of a throw. */
function refusal(tx: Tx, actor: Actor, budget: EditBudget): Refusal<never> | null {
  try {
    assertCanEditBudget(actor, budget, yearOpen(tx, budget.year));
    return null;
  } catch (e) {
    if (e instanceof ForbiddenError) return forbidden(e.message);
    throw e;
  }
}

/**
 * Opens an edit: the budget exists, the actor may edit it (own department's clerk, draft or returned budget, open
 * year), and the code book and units validation needs. Nothing is written.
 */
export function openEdit(db: Db, actor: Actor, budgetId: unknown): Ok<{ ctx: EditContext }> | Refusal<never> {
  const id = parseId(budgetId);
  if (id === null) return forbidden('预算不存在或无权修改');
  const budget = readBudget(db, id);
  if (!budget) return forbidden('预算不存在或无权修改');
  const refused = refusal(db, actor, budget);
  if (refused) return refused;
  const unitRows = db
    .select({ id: units.id, name: units.name, type: units.type, sort: units.sort, active: units.active })
    .from(units)
    .where(eq(units.departmentId, budget.departmentId))
    .all()
    .filter((u) => u.active)
    .sort((a, b) => a.sort - b.sort || a.id - b.id)
    .map(({ active: _active, ...u }) => u);
  return { ok: true, ctx: { budget, codes: loadYearCodes(db, budget.year), units: unitRows } };
}

/**
 * Runs `fn` in one immediate transaction after re-checking, inside it, that the actor may still edit the budget
 * (its status may have changed since `openEdit`). `fn` returns a refusal (nothing is written: the transaction is
 * rolled back) or a success carrying the budget's version after it. Never await inside `fn`.
 */
export function runEdit<T extends object, C>(
  db: Db,
  actor: Actor,
  budgetId: number,
  fn: (tx: Tx, budget: EditBudget, now: number) => Ok<{ version: number } & T> | Refusal<C>,
): Ok<{ version: number } & T> | Refusal<C> {
  const rollback = Symbol('rollback');
  const box: { failure?: Refusal<C> } = {};
  try {
    return db.transaction(
      (tx) => {
        const budget = readBudget(tx, budgetId);
        if (!budget) {
          box.failure = forbidden('预算不存在或无权修改');
          throw rollback;
        }
        const refused = refusal(tx, actor, budget);
        if (refused) {
          box.failure = refused;
          throw rollback;
        }
        const result = fn(tx, budget, Date.now());
        if (!result.ok) {
          box.failure = result;
          throw rollback;
        }
        return result;
      },
      { behavior: 'immediate' },
    );
  } catch (e) {
    if (e === rollback && box.failure) return box.failure;
    throw e;
  }
}

/** budgets.version + 1 (and updated_at); returns the new version. */
export function bumpBudgetVersion(tx: Tx, budgetId: number, now: number): number {
  const row = tx
    .update(budgets)
    .set({ version: sql`${budgets.version} + 1`, updatedAt: now })
    .where(eq(budgets.id, budgetId))
    .returning({ version: budgets.version })
    .get();
  return row!.version;
}

/** The position after the last row whose `owner` column is `ownerId` (1 for the first row): new rows go last. */
export function nextSort(tx: Tx, sort: SQLiteColumn, owner: SQLiteColumn, ownerId: number): number {
  const r = tx
    .select({ m: max(sort) })
    .from(sort.table as SQLiteTable)
    .where(eq(owner, ownerId))
    .get();
  return (Number(r?.m) || 0) + 1;
}
