/** Props shared by the 基本支出 grid's pieces (all serializable: they cross the server → client boundary). */
import type { EditResult } from '@/lib/budget/edit/common';
import type { BulkResult, ClassTotal, LineFieldsInput, LineView, PastedLineInput, PastedLineTuple } from '@/lib/budget/edit/lines';
import type { CodeOption } from '@/lib/budget/edit/options';
import type { ProjectFieldsInput, ProjectItemInput, ProjectState } from '@/lib/budget/edit/projects';
import type { Fen, FundSource, UnitType } from '@/lib/facts';

export interface GridLine {
  id: number;
  version: number;
  unitId: number;
  functionCode: string;
  economicCode: string;
  govEconomicCode: string;
  source: FundSource;
  amount: Fen;
}

export interface GridUnit {
  id: number;
  name: string;
  type: UnitType;
}

/** Which page of the budget's lines the grid shows (lib/budget/edit/read.ts linesWindow). */
export interface GridPage {
  page: number;
  pageCount: number;
  pageSize: number;
  /** Row number of the page's first line, minus one. */
  offset: number;
  /** Lines matching the unit filter (all lines without one). */
  matching: number;
  unitId: number | null;
}

export interface LinesGridData {
  budgetId: number;
  /** The lines of this page only: what the page renders and sends is bounded whatever the budget's size. */
  lines: GridLine[];
  window: GridPage;
  units: GridUnit[];
  functionItems: CodeOption[];
  economicItems: CodeOption[];
  /** code → name, for display. */
  names: { functional: Record<string, string>; economic: Record<string, string>; gov: Record<string, string> };
  /** Totals by 功能 类 over ALL the budget's lines (not just this page), computed in lib (lineTotalsByClass). */
  totals: { classes: ClassTotal[]; total: Fen; count: number };
  readOnly: boolean;
}

export interface LinesGridActions {
  update: (input: { budgetId: number; lineId: number; version: number; changes: Partial<LineFieldsInput> }) => Promise<EditResult<{ line: LineView }, LineView>>;
  add: (input: { budgetId: number; line: LineFieldsInput }) => Promise<EditResult<{ line: LineView }>>;
  remove: (input: { budgetId: number; lineId: number; version: number }) => Promise<EditResult<object, LineView>>;
  duplicate: (input: { budgetId: number; lineId: number }) => Promise<EditResult<{ line: LineView }>>;
  addMany: (input: { budgetId: number; rows: (PastedLineInput | PastedLineTuple)[]; dryRun?: boolean }) => Promise<BulkResult<{ added: number; lines: LineView[] }>>;
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

export const NETWORK_ERROR = '保存失败：无法连接服务器，请检查网络后重试（已输入的内容仍保留）';

/* ── 项目支出 ── */

export interface ProjectActions {
  create: (input: { budgetId: number; project: ProjectFieldsInput }) => Promise<EditResult<{ project: ProjectState }>>;
  update: (input: { budgetId: number; projectId: number; version: number; changes: Partial<ProjectFieldsInput> }) => Promise<EditResult<{ project: ProjectState }, ProjectState>>;
  remove: (input: { budgetId: number; projectId: number; version: number }) => Promise<EditResult<object, ProjectState>>;
  addItem: (input: { budgetId: number; projectId: number; version: number; item: ProjectItemInput }) => Promise<EditResult<{ project: ProjectState; itemId: number }, ProjectState>>;
  updateItem: (input: { budgetId: number; projectId: number; itemId: number; version: number; changes: Partial<ProjectItemInput> }) => Promise<EditResult<{ project: ProjectState }, ProjectState>>;
  removeItem: (input: { budgetId: number; projectId: number; itemId: number; version: number }) => Promise<EditResult<{ project: ProjectState }, ProjectState>>;
}

export interface ProjectItemRow {
  id: number;
  functionCode: string;
  economicCode: string;
  amount: Fen;
  procurement: 'goods' | 'works' | 'services' | null;
}
