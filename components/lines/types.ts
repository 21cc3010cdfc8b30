/** Props of the 基本支出 grid's pieces (all serializable: they cross the server → client boundary). */
import type { addLine, addLines, ClassTotal, deleteLine, duplicateLine, LineView, updateLine } from '@/lib/budget/edit/lines';
import type { LinesWindow } from '@/lib/budget/edit/read';
import type { PickerOption } from '@/lib/codebook/search';
import type { Fen, UnitType } from '@/lib/facts';
import type { Refusal } from '@/lib/result';

/** A line as the grid holds it: the editing screens' view without its sort key. */
export type GridLine = Omit<LineView, 'sort'>;

interface GridUnit {
  id: number;
  name: string;
  type: UnitType;
}

/** Which page of the budget's lines the grid shows (lib/budget/edit/read.ts linesWindow), without the lines. */
export type GridPage = Omit<LinesWindow<never>, 'lines'>;

export interface LinesGridData {
  budgetId: number;
  /** The lines of this page only: what the page renders and sends is bounded whatever the budget's size. */
  lines: GridLine[];
  window: GridPage;
  units: GridUnit[];
  /** The pickers' codes, with pinyin initials and the department's used codes marked (computed on the server). */
  functionItems: PickerOption[];
  economicItems: PickerOption[];
  /** code → name, for display. */
  names: { functional: Record<string, string>; economic: Record<string, string>; gov: Record<string, string> };
  /** Totals by 功能 类 over ALL the budget's lines (not just this page), computed in lib (lineTotalsByClass). */
  totals: { classes: ClassTotal[]; total: Fen; count: number };
  readOnly: boolean;
  /** Lines of the budget with an open review comment → the comment's text (the grid marks them). */
  commented: Record<number, string>;
}

/** A domain edit as its server action (lib/action.ts `action()`) exposes it: same input, its Result or a thrown refusal's. */
export type ActionOf<F extends (db: never, actor: never, input: never) => unknown> = (
  input: Parameters<F>[2],
) => Promise<ReturnType<F> | Refusal<never>>;

export interface LinesGridActions {
  update: ActionOf<typeof updateLine>;
  add: ActionOf<typeof addLine>;
  remove: ActionOf<typeof deleteLine>;
  duplicate: ActionOf<typeof duplicateLine>;
  addMany: ActionOf<typeof addLines>;
}

export const toGridLine = (l: LineView): GridLine => ({
  id: l.id,
  version: l.version,
  unitId: l.unitId,
  functionCode: l.functionCode,
  economicCode: l.economicCode,
  govEconomicCode: l.govEconomicCode,
  source: l.source,
  amount: l.amount,
});
