/**
 * Rows pasted from a spreadsheet (tab-separated clipboard text): 单位 (name or number), 功能科目, 经济科目, 资金来源,
 * 金额. Client-safe: it only splits text; the domain (`addLines`) validates every field.
 */
import type { PastedLineInput } from './lines';

export interface PastedRow extends PastedLineInput {
  /** 1-based line number in the pasted text. */
  line: number;
}

export interface PasteParse {
  rows: PastedRow[];
  /** Lines that could not be split into five columns. */
  problems: { line: number; message: string }[];
  /** Whether a header line (单位 …) was skipped. */
  skippedHeader: boolean;
}

export const MAX_PASTE_ROWS = 5000;

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
        problems.push({ line: i + 1, message: `一次最多粘贴${MAX_PASTE_ROWS}行` });
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
