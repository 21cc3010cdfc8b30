/**
 * Rows pasted from a spreadsheet (tab-separated clipboard text): 单位 (name or number), 功能科目, 经济科目, 资金来源,
 * 金额. Client-safe: it only splits text; the domain (`addLines`) validates every field.
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
}

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
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const cells = raw.split('\t');
    if (i === 0 && /单位/.test(cells[0] ?? '') && /金额|科目/.test(raw)) {
      skippedHeader = true;
      return;
    }
    if (rows.length >= MAX_PASTE_ROWS) {
      if (problems.length === 0 || problems[problems.length - 1].message.indexOf('最多') < 0)
        problems.push({ line: i + 1, message: `一次最多粘贴 ${MAX_PASTE_ROWS} 行，更多行请用 Excel 导入` });
      return;
    }
    if (cells.length < 5) {
      problems.push({ line: i + 1, message: `应有5列（单位、功能科目、经济科目、资金来源、金额），这一行只有${cells.length}列` });
      return;
    }
    rows.push({
      line: i + 1,
      unit: cells[0].trim(),
      functionCode: codeOf(cells[1]),
      economicCode: codeOf(cells[2]),
      source: cells[3].trim(),
      amount: cells[4].trim(),
    });
  });
  return { rows, problems, skippedHeader };
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
