/**
 * The text reads its money figures from the thirteen tables themselves (each amount cell holds the exact 分 the
 * table was built from), so a figure in the text is the table's figure by construction and carries the address of
 * the cell(s) it equals. Only figures that no table shows (政府采购, project categories) are computed from the
 * facts, in one place each.
 */
import type { AmountCell, CellAddress, DisclosureTable, TableNo, TableRow } from '../types';
import type { Sourced } from './paragraph';

export class TableLookup {
  private readonly byNo = new Map<TableNo, { table: DisclosureTable; rows: Map<string, TableRow> }>();

  constructor(tables: readonly DisclosureTable[]) {
    for (const t of tables) this.byNo.set(t.no, { table: t, rows: new Map(t.rows.map((r) => [r.key, r])) });
  }

  table(no: TableNo): DisclosureTable {
    const t = this.byNo.get(no);
    if (!t) throw new Error(`表${no} is missing`);
    return t.table;
  }

  columnIndex(no: TableNo, columnKey: string): number {
    const i = this.table(no).columns.findIndex((c) => c.key === columnKey);
    if (i < 0) throw new Error(`表${no} has no column ${columnKey}`);
    return i;
  }

  /** The amount of one cell. A missing row reads as zero with no cell (hierarchy tables list non-zero rows only). */
  cell(no: TableNo, rowKey: string, columnKey: string): Sourced {
    const column = this.columnIndex(no, columnKey);
    const row = this.byNo.get(no)!.rows.get(rowKey);
    if (!row) return { fen: 0, cells: [] };
    const c = row.cells[column];
    if (c.kind !== 'amount') throw new Error(`表${no} ${rowKey}/${columnKey} is not an amount cell`);
    return { fen: (c as AmountCell).amount, cells: [{ table: no, row: rowKey, column }] };
  }

  /** The sum of several cells' exact amounts, with all their addresses. */
  sum(parts: readonly Sourced[]): Sourced {
    const cells: CellAddress[] = [];
    let fen = 0;
    for (const p of parts) {
      fen += p.fen;
      cells.push(...p.cells);
    }
    return { fen, cells };
  }
}
