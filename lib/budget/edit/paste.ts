/**
 * Rows pasted from a spreadsheet (tab-separated clipboard text): 单位 (name or number), 功能科目, 经济科目, 资金来源,
 * 金额 — or the grid's own columns copied from the page (单位, 功能科目, 经济科目, 政府经济科目, 资金来源, 金额（元）,
 * 操作), with or without their heading row: the 政府经济科目 (derived, never typed) and what follows the amount are
 * left out. Client-safe: it only splits text; the domain (`addLines`) validates every field.
 */
import { resolveSource, resolveUnitRef } from './fields';
import type { PastedLineInput, PastedLineTuple } from './lines';

export interface PastedRow extends PastedLineInput {
  /** 1-based line number in the pasted text. */
  line: number;
}

interface PasteParse {
  rows: PastedRow[];
  /** Lines that could not be split into five columns. */
  problems: { line: number; message: string }[];
  /** Whether a header line (单位 …) was skipped. */
  skippedHeader: boolean;
  /** Whether the columns were read as the grid's own (with 政府经济科目), from the heading or the cells. */
  gridColumns: boolean;
}

type Field = keyof PastedLineInput;
/** Which cell holds each field. */
type Columns = Record<Field, number>;
const FIVE: Columns = { unit: 0, functionCode: 1, economicCode: 2, source: 3, amount: 4 };
/** The grid's columns as copied from the page: 政府经济科目 sits between 经济科目 and 资金来源. */
const GRID: Columns = { unit: 0, functionCode: 1, economicCode: 2, source: 4, amount: 5 };

const TOTALS_ROW = /(?:小计|^合计)（[\d,]+ 条）/;

const isHeader = (cells: string[]) => /单位/.test(cells[0] ?? '') && cells.some((c) => /金额|科目/.test(c));

/** The columns a heading names (`政府经济科目` is not the 经济科目); null when it lacks one of the five. */
function columnsOfHeader(cells: string[]): Columns | null {
  const find = (test: (c: string) => boolean) => cells.findIndex((c) => test(c.trim()));
  const cols: Columns = {
    unit: find((c) => /单位/.test(c)),
    functionCode: find((c) => /功能/.test(c)),
    economicCode: find((c) => /经济/.test(c) && !/政府/.test(c)),
    source: find((c) => /来源/.test(c)),
    amount: find((c) => /金额/.test(c)),
  };
  return Object.values(cols).every((i) => i >= 0) ? cols : null;
}

/** Without a heading: six or more cells whose fourth is not a fund source and whose fifth is are the grid's. */
const looksLikeGridRow = (cells: string[]) => cells.length >= 6 && resolveSource(cells[3]) === null && resolveSource(cells[4]) !== null;

/**
 * Rows per paste (also the domain's per-call cap, MAX_ROWS_PER_CALL in lines.ts): 500 rows as the panel sends them
 * (compactRow) stay far below the 128 KiB body limit of ordinary edits; more rows go through the Excel import.
 */
export const MAX_PASTE_ROWS = 500;

/** A code cell may carry its name (`2080101 行政运行`): keep the leading code. */
function codeOf(cell: string): string {
  const s = cell.trim();
  const m = /^(\d{3,9})(?:\s|$)/.exec(s);
  return m ? m[1] : s;
}

export function parsePastedLines(text: string): PasteParse {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  const rows: PastedRow[] = [];
  const problems: PasteParse['problems'] = [];
  let skippedHeader = false;
  let cols: Columns | null = null;
  let gridColumns = false;
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const cells = raw.split('\t');
    if (rows.length === 0 && !skippedHeader && isHeader(cells)) {
      skippedHeader = true;
      cols = columnsOfHeader(cells);
      gridColumns = cells.some((c) => /政府/.test(c));
      return;
    }
    // the grid's totals rows (`208 社会保障和就业支出 小计（42 条）`, `合计（42 条）`) come along when copying it whole
    if (TOTALS_ROW.test(cells[0] ?? '')) return;
    if (cols === null) {
      gridColumns = looksLikeGridRow(cells);
      cols = gridColumns ? GRID : FIVE;
    }
    if (rows.length >= MAX_PASTE_ROWS) {
      if (problems.length === 0 || problems[problems.length - 1].message.indexOf('最多') < 0)
        problems.push({ line: i + 1, message: `一次最多粘贴 ${MAX_PASTE_ROWS} 行，更多行请用 Excel 导入` });
      return;
    }
    const c: Columns = cols;
    const needed = Math.max(...Object.values(c)) + 1;
    if (cells.length < needed) {
      problems.push({
        line: i + 1,
        message:
          c === FIVE
            ? `应有5列（单位、功能科目、经济科目、资金来源、金额），这一行只有${cells.length}列`
            : `应有${needed}列（与标题行或表格的列一致），这一行只有${cells.length}列`,
      });
      return;
    }
    rows.push({
      line: i + 1,
      unit: cells[c.unit].trim(),
      functionCode: codeOf(cells[c.functionCode]),
      economicCode: codeOf(cells[c.economicCode]),
      source: cells[c.source].trim(),
      amount: cells[c.amount].trim(),
    });
  });
  return { rows, problems, skippedHeader, gridColumns };
}

/** Whether clipboard text looks like spreadsheet rows (a tab or several lines). */
export const looksLikeRows = (text: string): boolean => /\t/.test(text) && /\S/.test(text);

/**
 * A pasted row as the panel sends it: five strings without field names, a unit it can resolve as its number in the
 * unit list (`3`, which the domain resolves to the same unit) and a fund source as its key, so 500 rows with full
 * unit names and labels travel in under 30 KiB. What it cannot resolve goes as typed: the domain names the error
 * on that row.
 */
export function compactRow(row: PastedLineInput, units: readonly { id: number; name: string }[]): PastedLineTuple {
  const unitId = resolveUnitRef(row.unit, [...units]);
  const index = unitId === null ? -1 : units.findIndex((u) => u.id === unitId);
  // a unit literally named like a list number would make the number ambiguous: send the name then
  const unit = index >= 0 && !units.some((u) => u.name === String(index + 1)) ? String(index + 1) : row.unit;
  return [unit, row.functionCode, row.economicCode, resolveSource(row.source) ?? row.source, row.amount];
}

/**
 * The most a paste sends in one call, in UTF-8 bytes of its JSON: ordinary edits may carry 128 KiB
 * (lib/server/requestGuard.ts BODY_LIMITS.edit), and 48 KiB leaves room for the action's envelope with a wide margin.
 * 500 resolvable rows take about 27 KiB (bench: 53 bytes a row with 15-digit amounts), so only a paste of long
 * unresolvable cells reaches it; it is refused with a message instead of failing as a network error.
 */
export const MAX_PASTE_BYTES = 48 * 1024;

export function pasteBytes(rows: readonly unknown[]): number {
  return new TextEncoder().encode(JSON.stringify(rows)).length;
}
