/**
 * The findings the workflow decides on, and the clerks' written explanations of warnings. An explanation is
 * stored against the finding's stable key (`ruleId@location…`): rule_id = the rule, location_key = the rest.
 */
import 'server-only';
import { storedControlFigure } from '../admin/controlFigures';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { budgets, findingExplanations, users } from '../../db/schema';
import type { Tx } from '../audit';
import type { BudgetFacts, Fen } from '../facts';
import { loadBudgetFacts } from '../budget/load';
import { buildTables } from '../disclosure/tables';
import type { DisclosureTable } from '../disclosure/types';
import { runRules, summarize, type Finding, type Severity } from '../rules';

export const EXPLANATION_MAX = 2000;

/** `ruleId@location#disc` → [ruleId, `location#disc`]. */
function splitFindingKey(f: Pick<Finding, 'ruleId' | 'key'>): { ruleId: string; locationKey: string } {
  const prefix = `${f.ruleId}@`;
  return { ruleId: f.ruleId, locationKey: f.key.startsWith(prefix) ? f.key.slice(prefix.length) : f.key };
}

const joinFindingKey = (ruleId: string, locationKey: string): string => `${ruleId}@${locationKey}`;

interface Explanation {
  key: string;
  text: string;
  userId: number;
  userName: string | null;
  createdAt: number;
}

/** Every stored explanation of a budget, by finding key. */
export function loadExplanations(db: Db | Tx, budgetId: number): Map<string, Explanation> {
  const rows = db
    .select({
      ruleId: findingExplanations.ruleId,
      locationKey: findingExplanations.locationKey,
      text: findingExplanations.text,
      userId: findingExplanations.userId,
      userName: users.displayName,
      createdAt: findingExplanations.createdAt,
    })
    .from(findingExplanations)
    .leftJoin(users, eq(users.id, findingExplanations.userId))
    .where(eq(findingExplanations.budgetId, budgetId))
    .all();
  return new Map(rows.map((r) => [joinFindingKey(r.ruleId, r.locationKey), { key: joinFindingKey(r.ruleId, r.locationKey), ...r }]));
}

/** Upserts (non-empty text) or deletes (empty text) the explanation of one finding. Returns the old text. */
export function writeExplanation(
  tx: Tx,
  budgetId: number,
  f: Pick<Finding, 'ruleId' | 'key'>,
  text: string,
  userId: number,
  now: number,
): string | null {
  const { ruleId, locationKey } = splitFindingKey(f);
  const where = and(
    eq(findingExplanations.budgetId, budgetId),
    eq(findingExplanations.ruleId, ruleId),
    eq(findingExplanations.locationKey, locationKey),
  );
  const old = tx.select({ text: findingExplanations.text }).from(findingExplanations).where(where).get()?.text ?? null;
  if (old === text || (old === null && text === '')) return old;
  if (text === '') tx.delete(findingExplanations).where(where).run();
  else if (old === null) tx.insert(findingExplanations).values({ budgetId, ruleId, locationKey, text, userId, createdAt: now }).run();
  else tx.update(findingExplanations).set({ text, userId, createdAt: now }).where(where).run();
  return old;
}

/** The control figure the rules check against (null when none was handed down). */
export function controlFigureOf(db: Db | Tx, departmentId: number, year: number): Fen | null {
  return storedControlFigure(db, departmentId, year)?.amount ?? null;
}

interface BudgetCheck {
  facts: BudgetFacts;
  /** The thirteen tables the rules ran on. */
  tables: DisclosureTable[];
  controlFigure: Fen | null;
  findings: Finding[];
  counts: Record<Severity, number>;
}

/** Loads a budget's facts, builds its tables and runs every rule (no authorization: callers check). */
export function checkStoredBudget(db: Db, budgetId: number): BudgetCheck {
  const b = db.select({ departmentId: budgets.departmentId, year: budgets.year }).from(budgets).where(eq(budgets.id, budgetId)).get();
  if (!b) throw new Error(`budget ${budgetId} not found`);
  const facts = loadBudgetFacts(db, budgetId);
  const controlFigure = controlFigureOf(db, b.departmentId, b.year);
  const tables = buildTables(facts);
  const findings = runRules({ facts, tables, controlFigure });
  return { facts, tables, controlFigure, findings, counts: summarize(findings) };
}

/** The warnings that have no non-empty explanation in `explained` (finding key → text). */
export function unexplainedWarnings(findings: readonly Finding[], explained: ReadonlyMap<string, string>): Finding[] {
  return findings.filter((f) => f.severity === 'warning' && !(explained.get(f.key) ?? '').trim());
}
