/**
 * 预算控制数: the 一般公共预算 amount the finance bureau hands each department for a year. Entered in 万元 (as finance
 * bureaus write them) in a grid or imported from an xlsx (部门编码, 控制数(万元)); stored in 分; every change audited.
 */
import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { z } from '../zod';
import type { Db } from '../../db/client';
import { budgets, controlFigures, departments, fiscalYears, incomeEntries } from '../../db/schema';
import { writeAudit, type Tx } from '../audit';
import { assertAdmin, assertCanReadControlFigure, type Actor } from '../auth/authorize';
import type { Fen } from '../facts';
import { parseWan } from '../money';
import { ValidationError, type FieldErrors } from '../result';
import { formError, parseInput } from './common';
import { normalizeHeader, readTableFile, TableFileError, type RowProblem, type TableRow } from './tableFile';

interface ControlFigure {
  departmentId: number;
  year: number;
  amount: Fen;
  updatedAt: number;
}

/**
 * The control figure of a department for a year, or null when none was handed down. A clerk may read only their own
 * department's; reviewers and administrators read all.
 */
export function controlFigureFor(db: Db, actor: Actor, departmentId: number, year: number): ControlFigure | null {
  assertCanReadControlFigure(actor, departmentId);
  return storedControlFigure(db, departmentId, year);
}

/**
 * The stored control figure, without an authorization check: for code that has already authorized the read of
 * the department's budget (the rule engine's input, the workflow's checks).
 */
export function storedControlFigure(db: Db | Tx, departmentId: number, year: number): ControlFigure | null {
  return (
    db
      .select()
      .from(controlFigures)
      .where(and(eq(controlFigures.departmentId, departmentId), eq(controlFigures.year, year)))
      .get() ?? null
  );
}

interface ControlFigureRow {
  departmentId: number;
  departmentCode: string;
  departmentName: string;
  active: boolean;
  amount: Fen | null;
  updatedAt: number | null;
  /** The department's budgeted 一般公共预算 this year (income), for comparison; null without a budget. */
  budgetGeneral: Fen | null;
}

/** Every active department (and inactive ones that have a figure) with its control figure for the year. */
export function listControlFigures(db: Db, actor: Actor, year: number): ControlFigureRow[] {
  assertAdmin(actor);
  const figures = new Map(
    db
      .select()
      .from(controlFigures)
      .where(eq(controlFigures.year, year))
      .all()
      .map((f) => [f.departmentId, f]),
  );
  const general = new Map(
    db
      .select({ departmentId: budgets.departmentId, current: incomeEntries.current })
      .from(budgets)
      .leftJoin(incomeEntries, and(eq(incomeEntries.budgetId, budgets.id), eq(incomeEntries.source, 'general')))
      .where(eq(budgets.year, year))
      .all()
      .map((r) => [r.departmentId, r.current ?? 0]),
  );
  return db
    .select()
    .from(departments)
    .orderBy(asc(departments.code))
    .all()
    .filter((d) => d.active || figures.has(d.id))
    .map((d) => ({
      departmentId: d.id,
      departmentCode: d.code,
      departmentName: d.name,
      active: d.active,
      amount: figures.get(d.id)?.amount ?? null,
      updatedAt: figures.get(d.id)?.updatedAt ?? null,
      budgetGeneral: general.has(d.id) ? general.get(d.id)! : null,
    }));
}

function assertYearEditable(tx: Tx, year: number) {
  const y = tx.select().from(fiscalYears).where(eq(fiscalYears.year, year)).get();
  if (!y) formError(`${year} 年度不存在，请先开启该年度`);
  if (y.status === 'closed') formError(`${year} 年度已关闭，不能修改控制数`);
}

/** Writes the changed figures (null removes one); returns how many changed. */
function writeFigures(tx: Tx, actor: Actor, year: number, entries: { departmentId: number; amount: Fen | null }[], reason?: string) {
  const now = Date.now();
  let changed = 0;
  for (const e of entries) {
    const old = tx
      .select()
      .from(controlFigures)
      .where(and(eq(controlFigures.departmentId, e.departmentId), eq(controlFigures.year, year)))
      .get();
    if ((old?.amount ?? null) === e.amount) continue;
    if (e.amount === null) {
      tx.delete(controlFigures)
        .where(and(eq(controlFigures.departmentId, e.departmentId), eq(controlFigures.year, year)))
        .run();
    } else {
      tx.insert(controlFigures)
        .values({ departmentId: e.departmentId, year, amount: e.amount, updatedAt: now })
        .onConflictDoUpdate({
          target: [controlFigures.departmentId, controlFigures.year],
          set: { amount: e.amount, updatedAt: now },
        })
        .run();
    }
    writeAudit(
      tx,
      {
        userId: actor.userId,
        action: 'control_figure.set',
        entity: 'control_figure',
        entityId: `${e.departmentId}:${year}`,
        field: 'amount',
        oldValue: old?.amount ?? null,
        newValue: e.amount,
        reason,
      },
      now,
    );
    changed++;
  }
  return changed;
}

const gridSchema = z.object({
  year: z.coerce.number({ error: '请选择年度' }).int({ error: '请选择年度' }),
  /** 万元 as typed, per department id; '' clears the figure. */
  amounts: z.record(z.string(), z.string().max(40, { error: '金额过长' })),
});

/**
 * Saves the grid: each department's figure typed in 万元 (up to six decimals, exact to the 分); an empty cell removes
 * the figure. Errors are reported per field `amount_<departmentId>`.
 */
export function saveControlFigures(db: Db, actor: Actor, input: z.input<typeof gridSchema>): { changed: number } {
  assertAdmin(actor);
  const { year, amounts } = parseInput(gridSchema, input);
  const entries: { departmentId: number; amount: Fen | null }[] = [];
  const errors: FieldErrors = {};
  for (const [key, raw] of Object.entries(amounts)) {
    const departmentId = Number(key);
    if (!Number.isSafeInteger(departmentId) || departmentId <= 0) continue;
    if (raw.trim() === '') {
      entries.push({ departmentId, amount: null });
      continue;
    }
    const p = parseWan(raw);
    if (!p.ok) errors[`amount_${departmentId}`] = p.error;
    else entries.push({ departmentId, amount: p.fen });
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors, '有金额填写不正确，请检查标红的单元格');
  return db.transaction((tx) => {
    assertYearEditable(tx, year);
    const known = new Set(tx.select({ id: departments.id }).from(departments).all().map((d) => d.id));
    for (const e of entries) if (!known.has(e.departmentId)) formError('部门不存在，请刷新页面后重试');
    return { changed: writeFigures(tx, actor, year, entries) };
  });
}

type ControlFigureImport =
  | { ok: true; changed: number; rows: number }
  | { ok: false; formError: string | null; problems: RowProblem[] };

const CODE_HEADERS = ['部门编码', '部门代码', '编码', '代码', '单位编码', '预算单位编码'];
const AMOUNT_HEADERS = ['控制数(万元)', '控制数', '预算控制数(万元)', '预算控制数', '一般公共预算控制数(万元)', '金额(万元)', '控制数（万元）'];

function findHeader(rows: TableRow[]): { index: number; code: number; amount: number } | null {
  for (let i = 0; i < Math.min(rows.length, 20); i++) {
    const norm = rows[i].cells.map(normalizeHeader);
    const code = norm.findIndex((h) => CODE_HEADERS.map(normalizeHeader).includes(h));
    const amount = norm.findIndex((h) => AMOUNT_HEADERS.map(normalizeHeader).includes(h) || /^控制数/.test(h));
    if (code >= 0 && amount >= 0) {
      if (/元\)?$/.test(norm[amount]) && !/万元/.test(norm[amount])) return null; // a column in 元 is not what we read
      return { index: i, code, amount };
    }
  }
  return null;
}

/**
 * Imports control figures from an xlsx (or CSV) with the columns 部门编码 and 控制数(万元). The whole file is refused
 * when any row is wrong (unknown department, malformed amount, a department twice), with the rows listed.
 */
export async function importControlFigures(
  db: Db,
  actor: Actor,
  input: { year: number; data: Uint8Array; fileName: string },
): Promise<ControlFigureImport> {
  assertAdmin(actor);
  const year = parseInput(gridSchema.shape.year, input.year);
  let rows: TableRow[];
  try {
    rows = (await readTableFile(input.data, input.fileName, { accept: (head) => findHeader(head) !== null, maxDataRows: 5_000 })).rows; // the row limit checked below
  } catch (e) {
    if (e instanceof TableFileError) return { ok: false, formError: e.message, problems: [] };
    throw e;
  }
  const header = findHeader(rows);
  if (!header) return { ok: false, formError: '找不到表头：需要“部门编码”和“控制数(万元)”两列', problems: [] };
  const data = rows.slice(header.index + 1);
  if (data.length === 0) return { ok: false, formError: '表头下没有数据', problems: [] };
  if (data.length > 5000) return { ok: false, formError: '行数过多（超过 5000 行）', problems: [] };
  const byCode = new Map(db.select().from(departments).all().map((d) => [d.code, d]));
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  const entries: { departmentId: number; amount: Fen | null }[] = [];
  for (const r of data) {
    const code = (r.cells[header.code] ?? '').replace(/\s/g, '');
    const raw = (r.cells[header.amount] ?? '').trim();
    if (code === '' && raw === '') continue;
    if (/^(合计|总计)$/.test(code)) continue;
    const dept = byCode.get(/^\d{1,2}$/.test(code) ? code.padStart(3, '0') : code);
    if (!dept) {
      problems.push({ row: r.row, message: code === '' ? '缺少部门编码' : `部门编码“${code.slice(0, 20)}”不存在` });
      continue;
    }
    const prev = seen.get(dept.code);
    if (prev !== undefined) {
      problems.push({ row: r.row, message: `部门 ${dept.code} 与第 ${prev} 行重复` });
      continue;
    }
    seen.set(dept.code, r.row);
    if (raw === '') {
      problems.push({ row: r.row, message: '缺少控制数' });
      continue;
    }
    const p = parseWan(raw);
    if (!p.ok) problems.push({ row: r.row, message: p.error });
    else entries.push({ departmentId: dept.id, amount: p.fen });
  }
  if (problems.length > 0) return { ok: false, formError: null, problems: problems.slice(0, 200) };
  if (entries.length === 0) return { ok: false, formError: '文件中没有控制数', problems: [] };
  const changed = db.transaction((tx) => {
    assertYearEditable(tx, year);
    return writeFigures(tx, actor, year, entries, `导入文件：${input.fileName}`.slice(0, 200));
  });
  return { ok: true, changed, rows: entries.length };
}
