/**
 * 基本支出 lines: add, edit in place, delete, duplicate, bulk add (paste) and replace all (workbook import).
 * Each line carries its own version; an edit based on an older one is refused and shows the current value.
 */
import 'server-only';
import { and, count, desc, eq, gt, gte, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { z } from '../../zod';
import type { Db } from '../../../db/client';
import { auditLog, basicLines, users } from '../../../db/schema';
import type { Actor } from '../../auth/authorize';
import { writeAudit, type Tx } from '../../audit';
import { govEconomicFor } from '../../codebook/store';
import { FUND_SOURCE_LABEL, type BasicLine, type Fen, type FundSource } from '../../facts';
import { formatYuanExact } from '../../money';
import { fieldErrorsOf, invalid, notFound, ok, stale, type FieldErrors, type Refusal, type Result } from '../../result';
import { bumpBudgetVersion, openEdit, runEdit, type EditContext, type EditUnit } from './common';
import { LINE_FIELD_LABEL, LINE_FIELDS, type LineField } from './lineFields';
import { MAX_PASTE_ROWS } from './paste';
import {
  economicKuanField,
  fenField,
  functionItemField,
  idField,
  sourceField,
  unitIdField,
  unitRefField,
  versionField,
  yuanField,
} from './fields';

/** A line as the editing screens see it. */
export interface LineView {
  id: number;
  unitId: number;
  functionCode: string;
  economicCode: string;
  govEconomicCode: string;
  source: FundSource;
  amount: Fen;
  sort: number;
  version: number;
}

/** The editable fields of a line as typed (amount in 元). */
interface LineFieldsInput {
  unitId: number | string;
  functionCode: string;
  economicCode: string;
  source: string;
  amount: string;
}

/** Bulk rows as pasted: the unit by name or number in the unit list. */
export interface PastedLineInput {
  unit: string;
  functionCode: string;
  economicCode: string;
  source: string;
  amount: string;
}

/** A pasted row on the wire (what the paste panel sends, lib/budget/edit/paste.ts compactRow): the same five fields in order. */
export type PastedLineTuple = [unit: string, functionCode: string, economicCode: string, source: string, amount: string];

const pastedObject = (r: unknown): unknown =>
  Array.isArray(r) ? { unit: r[0], functionCode: r[1], economicCode: r[2], source: r[3], amount: r[4] } : r;

/** Rows of an imported workbook, already parsed (unit id, amount in 分); validated again here. */
interface ParsedLineInput {
  unitId: number;
  functionCode: string;
  economicCode: string;
  source: string;
  amount: Fen;
}

/**
 * At most this many 基本支出 lines in one budget. The largest real county department has a few thousand lines;
 * 20,000 leaves about 5× headroom, and it is the size every page is measured at (bench/largeBudget.ts,
 * e2e/large-budget.spec.ts): without a cap, one clerk could grow a budget until opening it exhausts the server.
 */
export const MAX_BUDGET_LINES = 20_000;

/**
 * At most this many rows per add or paste call (the same figure as the paste parser's, lib/budget/edit/paste.ts):
 * 500 rows as the paste panel sends them stay far below the 128 KiB body limit of ordinary edits
 * (lib/server/requestGuard.ts); more rows go through the Excel import.
 * @public for lib/budget/edit/lines.test.ts, which pins the limit and its agreement with the paste parser's
 */
export const MAX_ROWS_PER_CALL = MAX_PASTE_ROWS;

/** `20,000`: limits are named with grouping, as the clerk reads them elsewhere. */
const grouped = (n: number) => n.toLocaleString('en-US');

const PER_CALL_MESSAGE = `一次最多粘贴 ${grouped(MAX_ROWS_PER_CALL)} 行，更多行请用 Excel 导入`;

/**
 * Refuses adding `adding` lines when the budget would exceed MAX_BUDGET_LINES. Called inside the writing
 * transaction (an immediate one: the count is taken under the write lock, so two concurrent pastes cannot both
 * pass the check and together exceed the cap).
 */
function lineCapRefusal(tx: Tx, budgetId: number, adding: number): Refusal<never> | null {
  const existing = tx.select({ n: count() }).from(basicLines).where(eq(basicLines.budgetId, budgetId)).get()?.n ?? 0;
  if (existing + adding <= MAX_BUDGET_LINES) return null;
  const message =
    existing >= MAX_BUDGET_LINES
      ? `本预算的基本支出已达上限 ${grouped(MAX_BUDGET_LINES)} 行，不能再添加；请先删除不需要的行`
      : `本预算的基本支出最多 ${grouped(MAX_BUDGET_LINES)} 行：现有 ${grouped(existing)} 行，最多还能添加 ${grouped(MAX_BUDGET_LINES - existing)} 行，本次 ${grouped(adding)} 行均未添加`;
  return invalid(adding > 1 ? { rows: message } : {}, message);
}

type LineRow = typeof basicLines.$inferSelect;

function toView(row: LineRow, ctx: EditContext): LineView {
  const unit = ctx.units.find((u) => u.id === row.unitId);
  return {
    id: row.id,
    unitId: row.unitId,
    functionCode: row.functionCode,
    economicCode: row.economicCode,
    govEconomicCode: row.govEconomicOverride ?? govEconomicFor(ctx.codes, row.economicCode, unit?.type ?? 'admin'),
    source: row.source,
    amount: row.amount,
    sort: row.sort,
    version: row.version,
  };
}

function lineSchemas(ctx: EditContext) {
  const { codes, units, budget } = ctx;
  const fields = {
    unitId: unitIdField(units),
    functionCode: functionItemField(codes, budget.year),
    economicCode: economicKuanField(codes, budget.year),
    source: sourceField,
    amount: yuanField('金额'),
  };
  return {
    fields,
    full: z.object(fields),
    partial: z.object(fields).partial(),
    pasted: z.object({
      unit: unitRefField(units),
      functionCode: fields.functionCode,
      economicCode: fields.economicCode,
      source: sourceField,
      amount: fields.amount,
    }),
    parsed: z.object({
      unitId: fields.unitId,
      functionCode: fields.functionCode,
      economicCode: fields.economicCode,
      source: sourceField,
      amount: fenField,
    }),
  };
}

function unitName(units: EditUnit[], id: number): string {
  return units.find((u) => u.id === id)?.name ?? `单位${id}`;
}

/** How a field's current value reads in a message (`金额为 1,234.56 元`). */
function describeField(field: LineField, row: LineRow, ctx: EditContext): string {
  switch (field) {
    case 'amount':
      return `金额为 ${formatYuanExact(row.amount)} 元`;
    case 'unitId':
      return `单位为“${unitName(ctx.units, row.unitId)}”`;
    case 'functionCode':
      return `功能科目为 ${row.functionCode} ${ctx.codes.book.functional[row.functionCode] ?? ''}`.trimEnd();
    case 'economicCode':
      return `经济科目为 ${row.economicCode} ${ctx.codes.book.deptEconomic[row.economicCode]?.name ?? ''}`.trimEnd();
    case 'source':
      return `资金来源为${FUND_SOURCE_LABEL[row.source]}`;
  }
}

/**
 * Who changed a line since the edit began, as the stale message names them (from its last audit entry): the same
 * clerk in another window or tab — not “他人” — or another user by name.
 */
function changedBy(tx: Tx, budgetId: number, lineId: number, actor: Actor): string {
  const last = tx
    .select({ userId: auditLog.userId, name: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(and(eq(auditLog.budgetId, budgetId), eq(auditLog.entity, 'basic_line'), eq(auditLog.entityId, String(lineId))))
    .orderBy(desc(auditLog.id))
    .limit(1)
    .get();
  if (last && last.userId === actor.userId) return '已在您的另一个窗口或标签页中修改';
  return last?.name ? `已被${last.name}修改` : '已被他人修改';
}

function staleLine(tx: Tx, actor: Actor, row: LineRow, ctx: EditContext, fields: readonly LineField[], action: string) {
  const shown = (fields.length ? fields : (['amount'] as const)).map((f) => describeField(f, row, ctx)).join('，');
  return stale(`该行${changedBy(tx, row.budgetId, row.id, actor)}：当前${shown}，${action}`, toView(row, ctx));
}

/**
 * What a stale cell edit says to do. The edit stays refused (the grid sends it with the version it began from again)
 * until the clerk has looked at the current value and typed anew: a second Enter never writes over it.
 */
const STALE_EDIT_ACTION = '您输入的值未保存：请先查看当前值（按 Esc 放弃您的输入），如仍需修改再重新输入';

const lineJson = (l: { unitId: number; functionCode: string; economicCode: string; source: string; amount: number }) =>
  JSON.stringify({ unitId: l.unitId, functionCode: l.functionCode, economicCode: l.economicCode, source: l.source, amount: l.amount });


function readLine(tx: Tx, budgetId: number, lineId: number): LineRow | undefined {
  return tx
    .select()
    .from(basicLines)
    .where(and(eq(basicLines.id, lineId), eq(basicLines.budgetId, budgetId)))
    .get();
}

const refSchema = z.object({ budgetId: idField('预算'), lineId: idField('行') });

type OrderKey = Pick<LineRow, 'unitId' | 'functionCode' | 'economicCode'>;

/**
 * Where new lines go: right after the last line of the budget that comes before them in unit (the department's
 * order), 功能, 部门经济 order — the order the grid and the print list lines in — so a line added for the second unit
 * sits with that unit's lines instead of at the end of the budget. Lines already there are renumbered to make room
 * (their versions stay: the order is no edit of a line). Returns each new line's sort key, in the order given; lines
 * that land at one place keep the order given.
 */
function placeInOrder(tx: Tx, budgetId: number, units: readonly EditUnit[], adding: readonly OrderKey[]): number[] {
  const rank = new Map(units.map((u, i) => [u.id, i]));
  // one string per line that compares as (unit's place, 功能, 部门经济) do
  const keyOf = (l: OrderKey) => `${String(rank.get(l.unitId) ?? units.length).padStart(6, '0')}\u0000${l.functionCode}\u0000${l.economicCode}`;
  const existing = tx
    .select({ id: basicLines.id, sort: basicLines.sort, unitId: basicLines.unitId, functionCode: basicLines.functionCode, economicCode: basicLines.economicCode })
    .from(basicLines)
    .where(eq(basicLines.budgetId, budgetId))
    .orderBy(basicLines.sort, basicLines.id)
    .all();
  // the smallest key from each line on: it never decreases, so the last line with a key ≤ k is found by bisection
  // (the budget's lines need not be in order themselves: lines typed or imported earlier stay where they are)
  const suffixMin = new Array<string>(existing.length);
  for (let i = existing.length - 1; i >= 0; i--) {
    const k = keyOf(existing[i]);
    suffixMin[i] = i + 1 < existing.length && suffixMin[i + 1] < k ? suffixMin[i + 1] : k;
  }
  // how many existing lines stay in front of each new one: up to the last that sorts before or with it
  const after = adding.map((n) => {
    const k = keyOf(n);
    let lo = 0;
    let hi = existing.length; // first index whose suffixMin is > k
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (suffixMin[mid] <= k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  });
  const order = adding.map((_, j) => j).sort((a, b) => after[a] - after[b] || a - b);
  const sorts = new Array<number>(adding.length);
  const renumber = tx.update(basicLines).set({ sort: sql`${sql.placeholder('sort')}` }).where(eq(basicLines.id, sql.placeholder('id'))).prepare();
  let next = 1;
  let j = 0;
  for (let i = 0; i <= existing.length; i++) {
    while (j < order.length && after[order[j]] === i) sorts[order[j++]] = next++;
    if (i === existing.length) break;
    if (existing[i].sort !== next) renumber.run({ sort: next, id: existing[i].id });
    next++;
  }
  return sorts;
}

/**
 * placeInOrder for one line, in two statements (a budget may hold 20,000 lines and a clerk adds them one by one): the
 * last line in the budget's order whose key is not after the new one's (the same line placeInOrder finds), then the
 * lines after it move down by one. Returns the new line's sort key.
 */
function placeOneInOrder(tx: Tx, budgetId: number, units: readonly EditUnit[], line: OrderKey): number {
  const earlierUnits = units.slice(0, Math.max(0, units.findIndex((u) => u.id === line.unitId))).map((u) => u.id);
  const notAfter = or(
    earlierUnits.length ? inArray(basicLines.unitId, earlierUnits) : sql`0`,
    and(
      eq(basicLines.unitId, line.unitId),
      or(lt(basicLines.functionCode, line.functionCode), and(eq(basicLines.functionCode, line.functionCode), lte(basicLines.economicCode, line.economicCode))),
    ),
  );
  const last = tx
    .select({ sort: basicLines.sort })
    .from(basicLines)
    .where(and(eq(basicLines.budgetId, budgetId), notAfter))
    .orderBy(desc(basicLines.sort), desc(basicLines.id))
    .limit(1)
    .get();
  const at = (last?.sort ?? 0) + 1;
  tx.update(basicLines)
    .set({ sort: sql`${basicLines.sort} + 1` })
    .where(and(eq(basicLines.budgetId, budgetId), gte(basicLines.sort, at)))
    .run();
  return at;
}

/** Adds one line at its place in unit and code order (placeOneInOrder). */
export function addLine(
  db: Db,
  actor: Actor,
  input: { budgetId: number; line: LineFieldsInput },
): Result<{ version: number; line: LineView }> {
  const opened = openEdit(db, actor, input?.budgetId);
  if (!opened.ok) return opened;
  const { ctx } = opened;
  const parsed = lineSchemas(ctx).full.safeParse(input.line ?? {});
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  const v = parsed.data;
  return runEdit(db, actor, ctx.budget.id, (tx, budget, now) => {
    const full = lineCapRefusal(tx, budget.id, 1);
    if (full) return full;
    const sort = placeOneInOrder(tx, budget.id, ctx.units, v);
    const row = tx
      .insert(basicLines)
      .values({ budgetId: budget.id, ...v, sort, version: 1 })
      .returning()
      .get();
    writeAudit(tx, { budgetId: budget.id, userId: actor.userId, action: 'line.create', entity: 'basic_line', entityId: row.id, newValue: lineJson(row) }, now);
    return ok({ version: bumpBudgetVersion(tx, budget.id, now), line: toView(row, ctx) });
  });
}

/**
 * Edits fields of one line (in-place grid editing sends one field at a time). `version` is the line version the
 * edit was based on: if the line changed since, nothing is written and the current value is shown.
 */
export function updateLine(
  db: Db,
  actor: Actor,
  input: { budgetId: number; lineId: number; version: number; changes: Partial<LineFieldsInput> },
): Result<{ version: number; line: LineView }, LineView> {
  const opened = openEdit(db, actor, input?.budgetId);
  if (!opened.ok) return opened;
  const { ctx } = opened;
  const ref = refSchema.extend({ version: versionField }).safeParse(input);
  if (!ref.success) return invalid(fieldErrorsOf(ref.error));
  const parsed = lineSchemas(ctx).partial.safeParse(input.changes ?? {});
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  const changes = parsed.data;
  const fields = LINE_FIELDS.filter((f) => changes[f] !== undefined);
  if (fields.length === 0) return invalid({}, '没有要保存的修改');
  return runEdit<{ line: LineView }, LineView>(db, actor, ctx.budget.id, (tx, budget, now) => {
    const row = readLine(tx, budget.id, ref.data.lineId);
    if (!row) return notFound('该行已被他人删除，请刷新后重试');
    if (row.version !== ref.data.version) return staleLine(tx, actor, row, ctx, fields, STALE_EDIT_ACTION);
    const set: Partial<LineRow> = {};
    for (const f of fields) {
      const next = changes[f]!;
      if (row[f] === next) continue;
      (set as Record<string, unknown>)[f] = next;
      writeAudit(
        tx,
        { budgetId: budget.id, userId: actor.userId, action: 'line.update', entity: 'basic_line', entityId: row.id, field: f, oldValue: row[f], newValue: next },
        now,
      );
    }
    if (Object.keys(set).length === 0) return ok({ version: budget.version, line: toView(row, ctx) });
    // the 政府经济 override only ever applied to the unit and 款 it was chosen for
    if (row.govEconomicOverride !== null && (set.unitId !== undefined || set.economicCode !== undefined)) {
      set.govEconomicOverride = null;
      writeAudit(
        tx,
        { budgetId: budget.id, userId: actor.userId, action: 'line.update', entity: 'basic_line', entityId: row.id, field: 'govEconomicOverride', oldValue: row.govEconomicOverride, newValue: null },
        now,
      );
    }
    const updated = tx
      .update(basicLines)
      .set({ ...set, version: row.version + 1 })
      .where(eq(basicLines.id, row.id))
      .returning()
      .get();
    return ok({ version: bumpBudgetVersion(tx, budget.id, now), line: toView(updated, ctx) });
  });
}

/** Deletes one line, if it is still the version the user saw. */
export function deleteLine(
  db: Db,
  actor: Actor,
  input: { budgetId: number; lineId: number; version: number },
): Result<{ version: number }, LineView> {
  const opened = openEdit(db, actor, input?.budgetId);
  if (!opened.ok) return opened;
  const { ctx } = opened;
  const ref = refSchema.extend({ version: versionField }).safeParse(input);
  if (!ref.success) return invalid(fieldErrorsOf(ref.error));
  return runEdit<object, LineView>(db, actor, ctx.budget.id, (tx, budget, now) => {
    const row = readLine(tx, budget.id, ref.data.lineId);
    if (!row) return notFound('该行已被他人删除，请刷新后重试');
    if (row.version !== ref.data.version) return staleLine(tx, actor, row, ctx, ['amount'], '请刷新后再决定是否删除');
    tx.delete(basicLines).where(eq(basicLines.id, row.id)).run();
    writeAudit(tx, { budgetId: budget.id, userId: actor.userId, action: 'line.delete', entity: 'basic_line', entityId: row.id, oldValue: lineJson(row) }, now);
    return ok({ version: bumpBudgetVersion(tx, budget.id, now) });
  });
}

/** Copies a line right below itself (the copy is a new line with its own version). */
export function duplicateLine(
  db: Db,
  actor: Actor,
  input: { budgetId: number; lineId: number },
): Result<{ version: number; line: LineView }> {
  const opened = openEdit(db, actor, input?.budgetId);
  if (!opened.ok) return opened;
  const { ctx } = opened;
  const ref = refSchema.safeParse(input);
  if (!ref.success) return invalid(fieldErrorsOf(ref.error));
  return runEdit(db, actor, ctx.budget.id, (tx, budget, now) => {
    const src = readLine(tx, budget.id, ref.data.lineId);
    if (!src) return notFound('该行已被他人删除，请刷新后重试');
    const full = lineCapRefusal(tx, budget.id, 1);
    if (full) return full;
    tx.update(basicLines)
      .set({ sort: sql`${basicLines.sort} + 1` })
      .where(and(eq(basicLines.budgetId, budget.id), gt(basicLines.sort, src.sort)))
      .run();
    const row = tx
      .insert(basicLines)
      .values({
        budgetId: budget.id,
        unitId: src.unitId,
        functionCode: src.functionCode,
        economicCode: src.economicCode,
        govEconomicOverride: src.govEconomicOverride,
        source: src.source,
        amount: src.amount,
        sort: src.sort + 1,
        version: 1,
      })
      .returning()
      .get();
    writeAudit(
      tx,
      { budgetId: budget.id, userId: actor.userId, action: 'line.duplicate', entity: 'basic_line', entityId: row.id, newValue: lineJson(row), reason: `复制自第${src.id}号行` },
      now,
    );
    return ok({ version: bumpBudgetVersion(tx, budget.id, now), line: toView(row, ctx) });
  });
}

/** One row's errors in a bulk operation (row numbers start at 1). */
export interface RowError {
  row: number;
  column: string;
  message: string;
}

function rowErrorsOf(fieldErrors: FieldErrors): RowError[] {
  const out: RowError[] = [];
  for (const [key, message] of Object.entries(fieldErrors)) {
    const m = /^rows\.(\d+)\.(\w+)$/.exec(key);
    if (!m) continue;
    const field = m[2] === 'unit' ? 'unitId' : (m[2] as LineField);
    out.push({ row: Number(m[1]) + 1, column: LINE_FIELD_LABEL[field] ?? m[2], message });
  }
  return out.sort((a, b) => a.row - b.row);
}

/** A pasted row the budget already has: the same unit, codes, source and amount (row numbers from 1). */
export interface RowAlreadyThere {
  /** The pasted row. */
  row: number;
  /** The budget's line it equals: its number in the budget's order and its id. */
  lineRow: number;
  lineId: number;
}

const sameLineKey = (l: { unitId: number; functionCode: string; economicCode: string; source: string; amount: number }) =>
  [l.unitId, l.functionCode, l.economicCode, l.source, l.amount].join('\u0000');

/** The pasted rows that equal a line of the budget (the preview flags them before anything is saved). */
function rowsAlreadyThere(db: Db, budgetId: number, rows: readonly Parameters<typeof sameLineKey>[0][]): RowAlreadyThere[] {
  const existing = db
    .select({ id: basicLines.id, unitId: basicLines.unitId, functionCode: basicLines.functionCode, economicCode: basicLines.economicCode, source: basicLines.source, amount: basicLines.amount })
    .from(basicLines)
    .where(eq(basicLines.budgetId, budgetId))
    .orderBy(basicLines.sort, basicLines.id)
    .all();
  const at = new Map<string, { lineRow: number; lineId: number }>();
  existing.forEach((l, i) => {
    const k = sameLineKey(l);
    if (!at.has(k)) at.set(k, { lineRow: i + 1, lineId: l.id });
  });
  return rows.flatMap((r, i) => {
    const hit = at.get(sameLineKey(r));
    return hit ? [{ row: i + 1, ...hit }] : [];
  });
}

/** A bulk edit's result: a refusal of invalid rows also lists the errors per row (row numbers from 1). */
type BulkResult<T extends object> = Result<{ version: number } & T> & { rowErrors?: RowError[] };

/**
 * Adds many lines in one transaction (bulk paste): all or nothing. Every row is validated first; any error refuses
 * the whole paste with the errors per row. `dryRun` validates and authorizes without writing (the preview), and
 * names the rows the budget already has (`alreadyThere`: allowed, but usually a paste done twice). Rows come
 * as objects or as the panel's five-string tuples. At most MAX_ROWS_PER_CALL rows, and the budget stays within
 * MAX_BUDGET_LINES.
 */
export function addLines(
  db: Db,
  actor: Actor,
  input: { budgetId: number; rows: (PastedLineInput | PastedLineTuple)[]; dryRun?: boolean },
): BulkResult<{ added: number; lines: LineView[]; alreadyThere?: RowAlreadyThere[] }> {
  const opened = openEdit(db, actor, input?.budgetId);
  if (!opened.ok) return opened;
  const { ctx } = opened;
  const rows = Array.isArray(input.rows) ? input.rows : null;
  if (!rows || rows.length === 0) return invalid({ rows: '没有可添加的行' }, '没有可添加的行');
  if (rows.length > MAX_ROWS_PER_CALL) {
    const message = `${PER_CALL_MESSAGE}（本次 ${grouped(rows.length)} 行，未添加任何行）`;
    return invalid({ rows: message }, message);
  }
  const parsed = z.object({ rows: z.array(lineSchemas(ctx).pasted) }).safeParse({ rows: rows.map(pastedObject) });
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    const rowErrors = rowErrorsOf(fieldErrors);
    return { ...invalid(fieldErrors, `有 ${new Set(rowErrors.map((e) => e.row)).size} 行存在错误，未添加任何行`), rowErrors };
  }
  const valid = parsed.data.rows.map(({ unit, ...r }) => ({ unitId: unit, ...r }));
  if (input.dryRun) {
    // the preview warns of the cap too; the save checks it again under the write lock
    const full = lineCapRefusal(db, ctx.budget.id, valid.length);
    return full ?? ok({ version: ctx.budget.version, added: 0, lines: [], alreadyThere: rowsAlreadyThere(db, ctx.budget.id, valid) });
  }
  return runEdit(db, actor, ctx.budget.id, (tx, budget, now) => {
    const full = lineCapRefusal(tx, budget.id, valid.length);
    if (full) return full;
    const sorts = placeInOrder(tx, budget.id, ctx.units, valid);
    const created: LineView[] = [];
    for (const [i, v] of valid.entries()) {
      const row = tx
        .insert(basicLines)
        .values({ budgetId: budget.id, ...v, sort: sorts[i], version: 1 })
        .returning()
        .get();
      writeAudit(tx, { budgetId: budget.id, userId: actor.userId, action: 'line.create', entity: 'basic_line', entityId: row.id, newValue: lineJson(row), reason: '批量粘贴' }, now);
      created.push(toView(row, ctx));
    }
    return ok({ version: bumpBudgetVersion(tx, budget.id, now), added: created.length, lines: created });
  });
}

/**
 * Replaces all lines of the budget (workbook import) in one transaction, with one audit entry. A whole-budget edit:
 * `baseVersion` is the budget version the import was previewed against; if anything changed since, it is refused.
 */
export function replaceLines(
  db: Db,
  actor: Actor,
  input: { budgetId: number; baseVersion: number; rows: ParsedLineInput[]; source?: string },
): BulkResult<{ count: number; total: Fen }> {
  const opened = openEdit(db, actor, input?.budgetId);
  if (!opened.ok) return opened;
  const { ctx } = opened;
  const base = versionField.safeParse(input.baseVersion);
  if (!base.success) return invalid({ baseVersion: base.error.issues[0].message }, '缺少预览时的预算版本，请重新上传预览后再导入');
  const rows = Array.isArray(input.rows) ? input.rows : null;
  if (!rows || rows.length === 0) return invalid({ rows: '工作表中没有数据行' }, '工作表中没有数据行，未导入');
  if (rows.length > MAX_BUDGET_LINES) {
    const message = `本预算的基本支出最多 ${grouped(MAX_BUDGET_LINES)} 行，工作表中有 ${grouped(rows.length)} 行，未导入`;
    return invalid({ rows: message }, message);
  }
  const parsed = z.object({ rows: z.array(lineSchemas(ctx).parsed) }).safeParse({ rows });
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return { ...invalid(fieldErrors, '导入数据有错误，未导入'), rowErrors: rowErrorsOf(fieldErrors) };
  }
  const valid = parsed.data.rows;
  return runEdit(db, actor, ctx.budget.id, (tx, budget, now) => {
    const old = tx
      .select({ id: basicLines.id, amount: basicLines.amount })
      .from(basicLines)
      .where(eq(basicLines.budgetId, budget.id))
      .all();
    const oldSummary = { count: old.length, total: old.reduce((s, l) => s + l.amount, 0) };
    if (budget.version !== base.data) {
      return stale(
        `预算已被他人修改（当前版本 ${budget.version}，预览时为 ${base.data}；当前共 ${oldSummary.count} 行，合计 ${formatYuanExact(oldSummary.total)} 元），请重新上传预览后再导入`,
        oldSummary,
      );
    }
    tx.delete(basicLines).where(eq(basicLines.budgetId, budget.id)).run();
    let sort = 1;
    for (const v of valid) tx.insert(basicLines).values({ budgetId: budget.id, ...v, sort: sort++, version: 1 }).run();
    const total = valid.reduce((s, l) => s + l.amount, 0);
    writeAudit(
      tx,
      {
        budgetId: budget.id,
        userId: actor.userId,
        action: 'lines.import',
        entity: 'basic_line',
        entityId: '*',
        oldValue: JSON.stringify(oldSummary),
        newValue: JSON.stringify({ count: valid.length, total }),
        reason: input.source ? `导入工作簿：${String(input.source).slice(0, 200)}` : '导入工作簿',
      },
      now,
    );
    return ok({ version: bumpBudgetVersion(tx, budget.id, now), count: valid.length, total });
  });
}

export interface ClassTotal {
  classCode: string; // 功能 类, 3 digits
  name: string;
  amount: Fen;
  lines: number;
}

/** Totals of 基本支出 by 功能 类 (for the grid's footer), in code order, and the grand total. */
export function lineTotalsByClass(
  lines: Pick<BasicLine, 'functionCode' | 'amount'>[],
  functional: Record<string, string> = {},
): { classes: ClassTotal[]; total: Fen; count: number } {
  const byClass = new Map<string, ClassTotal>();
  let total = 0;
  for (const l of lines) {
    const code = l.functionCode.slice(0, 3);
    const t = byClass.get(code) ?? { classCode: code, name: functional[code] ?? '', amount: 0, lines: 0 };
    t.amount += l.amount;
    t.lines += 1;
    byClass.set(code, t);
    total += l.amount;
  }
  return { classes: [...byClass.values()].sort((a, b) => a.classCode.localeCompare(b.classCode)), total, count: lines.length };
}
