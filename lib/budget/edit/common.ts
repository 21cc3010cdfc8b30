/**
 * Shared machinery of the budget mutations: the result shape, authorization, the one synchronous transaction
 * that writes the change, its audit entries and the budget's new version.
 *
 * Every mutation is `(db, actor, input) → EditResult`: it zod-parses every field (errors in Chinese, per field),
 * authorizes through `assertCanEditBudget`, checks the version the edit was based on, and writes in ONE
 * better-sqlite3 transaction (synchronous: nothing inside awaits).
 */
import { eq, max, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { z } from 'zod';
import type { Db } from '../../../db/client';
import { budgets, fiscalYears, units } from '../../../db/schema';
import { assertCanEditBudget, ForbiddenError, type Actor, type BudgetStatus } from '../../auth/authorize';
import type { Tx } from '../../audit';
import { loadYearCodes, type YearCodes } from '../../codebook/store';
import type { UnitType } from '../../facts';

export type FieldErrors = Record<string, string>;

export type EditFailureReason = 'invalid' | 'forbidden' | 'stale' | 'notFound';

export interface EditFailure<C = unknown> {
  ok: false;
  reason: EditFailureReason;
  /** Field key (e.g. `amount`, `rows.3.amount`, `general.current`) → Chinese message. */
  fieldErrors: FieldErrors;
  formError?: string;
  /** For a stale edit: the current value(s), so the user sees what is there now. */
  current?: C;
}

/** `version` is the budget's version after the change. */
export type EditSuccess<T extends object = object> = { ok: true; version: number } & T;
export type EditResult<T extends object = object, C = unknown> = EditSuccess<T> | EditFailure<C>;

export const INVALID_FORM_ERROR = '请更正标出的错误后再保存';

export function invalid(fieldErrors: FieldErrors, formError = INVALID_FORM_ERROR): EditFailure<never> {
  return { ok: false, reason: 'invalid', fieldErrors, formError };
}

export function forbidden(message: string): EditFailure<never> {
  return { ok: false, reason: 'forbidden', fieldErrors: {}, formError: message };
}

export function notFound(message: string): EditFailure<never> {
  return { ok: false, reason: 'notFound', fieldErrors: {}, formError: message };
}

export function stale<C>(message: string, current: C, fieldErrors: FieldErrors = {}): EditFailure<C> {
  return { ok: false, reason: 'stale', fieldErrors, formError: message, current };
}

export function isFailure<T extends object, C>(r: EditResult<T, C> | EditFailure<C>): r is EditFailure<C> {
  return r.ok === false;
}

/** Zod issues → one Chinese message per field key (the first one wins). */
export function fieldErrorsOf(error: z.ZodError, prefix = ''): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = prefix + (issue.path.length ? issue.path.map(String).join('.') : '_');
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

/** The budget row an edit is about. */
export interface EditBudget {
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

const BUDGET_ID_RE = /^\d{1,9}$/;

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
function refusal(tx: Tx, actor: Actor, budget: EditBudget): EditFailure<never> | null {
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
export function openEdit(db: Db, actor: Actor, budgetId: unknown): { ok: true; ctx: EditContext } | EditFailure<never> {
  const id = typeof budgetId === 'number' ? budgetId : typeof budgetId === 'string' && BUDGET_ID_RE.test(budgetId) ? Number(budgetId) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) return forbidden('预算不存在或无权修改');
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
 * (its status may have changed since `openEdit`). `fn` returns a failure (nothing is written: the transaction is
 * rolled back) or a success. Never await inside `fn`.
 */
export function runEdit<T extends object, C>(
  db: Db,
  actor: Actor,
  budgetId: number,
  fn: (tx: Tx, budget: EditBudget, now: number) => EditSuccess<T> | EditFailure<C>,
): EditSuccess<T> | EditFailure<C> {
  const rollback = Symbol('rollback');
  const box: { failure?: EditFailure<C> } = {};
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

/** Parses a positive integer id from a number or a digit string. */
export function parseId(v: unknown): number | null {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return v;
  if (typeof v === 'string' && /^\d{1,12}$/.test(v.trim())) {
    const n = Number(v.trim());
    return n > 0 ? n : null;
  }
  return null;
}

/**
 * Section edits (income, prior-year figures, texts, assets) carry the budget version and the values they were
 * based on. Only the fields the user changed are written; an edit is stale when one of those fields has been
 * changed by someone else since (its current value differs from the base). Fields the user left alone are never
 * overwritten with an old value.
 */
export function changedKeys<V>(values: Record<string, V>, base: Record<string, V | undefined>): string[] {
  return Object.keys(values).filter((k) => values[k] !== base[k]);
}

export function conflictingKeys<V>(
  keys: string[],
  base: Record<string, V | undefined>,
  current: Record<string, V>,
  baseVersion: number,
  currentVersion: number,
): string[] {
  if (baseVersion === currentVersion) return [];
  return keys.filter((k) => base[k] !== current[k]);
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
