'use client';

/**
 * The 基本支出 grid (TanStack Table 9 with its cell-selection feature for the active cell).
 *
 * Keyboard (KEYS_HELP, shown under the grid): the grid is one Tab stop (roving tabindex); Tab lands on the active
 * cell, the first cell when none was active yet, and the keys work from there without a click. Arrow keys move
 * between cells, Tab/Shift+Tab right/left within the row (and out of the grid at its ends), Home/End to the row's
 * first/last cell, Ctrl+Home/Ctrl+End to the page's first/last cell, PgUp/PgDn by PAGE_ROWS rows. Enter or F2 edits,
 * typing a character edits starting with it, Enter saves and moves down, Escape cancels. The row's buttons are out
 * of the Tab order: Delete asks to delete the active cell's line, Ctrl+D copies it (LineRowActions).
 *
 * Every commit is one server call carrying the line version the edit started from. An edit that fails keeps what
 * was typed in the cell with the error next to it; nothing typed is lost (useLineDrafts). The count of failed
 * saves shows in an overlay (a live region always present), so opening a cell shows no message and moves nothing.
 *
 * The grid holds one page of the budget's lines (the server pages them, `?page=N`, optionally one unit's, `?unit=ID`);
 * the totals by 类 below it are over all lines. A link to a line (`#line-ID`) that is not on this page, and a line
 * added, pasted or copied onto another page, bring the clerk to the page that holds it (`?line=ID`).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import {
  cellSelectionFeature,
  createColumnHelper,
  tableFeatures,
  useTable,
  type CellSelectionDirection,
  type CellSelectionState,
} from '@tanstack/react-table';
import type { CommitKey } from '@/components/CodePicker';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field';
import type { LineView } from '@/lib/budget/edit/lines';
import { looksLikeRows } from '@/lib/budget/edit/paste';
import { FUND_SOURCE_LABEL } from '@/lib/facts';
import { formatYuanExact } from '@/lib/money';
import { budgetPath } from '@/lib/routes';
import type { LineSort } from '@/lib/budget/edit/read';
import { colLabel, EDIT_COLS, editText, GOV_TOOLTIP, isNavCol, keyOf, linesHref, NAV_COLS, type EditCol, type NavCol } from './cells';
import { LineCellEditor } from './LineCellEditor';
import { LineRowActions, type RowActionsHandle } from './LineRowActions';
import { LinesFilter, Pager } from './LinesPaging';
import { LinesTotals } from './LinesTotals';
import { NewLineForm } from './NewLineForm';
import { PastePanel } from './PastePanel';
import type { GridLine, LinesGridActions, LinesGridData } from './types';
import { useLineDrafts } from './useLineDrafts';

const features = tableFeatures({ cellSelectionFeature });

/**
 * A column heading as a link that sorts all the budget's lines by it (server-side, in the address): ascending
 * first, then descending, then the budget's own order again.
 */
function SortLink({ budgetId, win, column, children }: { budgetId: number; win: LinesGridData['window']; column: NavCol; children: React.ReactNode }) {
  const current = win.sort?.column === column ? win.sort.dir : null;
  const next: LineSort | null = current === null ? { column, dir: 'asc' } : current === 'asc' ? { column, dir: 'desc' } : null;
  const label = colLabel(column);
  return (
    <Link
      href={linesHref(budgetId, { unitId: win.unitId, q: win.q, sort: next })}
      aria-label={`${label}：${next === null ? '恢复原顺序' : next.dir === 'asc' ? '按升序排列' : '按降序排列'}`}
      className="inline-flex items-center gap-1 hover:underline"
    >
      {children}
      <span aria-hidden="true" className="text-xs text-stone-500">
        {current === 'asc' ? '▲' : current === 'desc' ? '▼' : '↕'}
      </span>
    </Link>
  );
}
const helper = createColumnHelper<typeof features, GridLine>();

const dataColumns = helper.columns([
  helper.accessor('unitId', { id: 'unitId', header: colLabel('unitId') }),
  helper.accessor('functionCode', { id: 'functionCode', header: colLabel('functionCode') }),
  helper.accessor('economicCode', { id: 'economicCode', header: colLabel('economicCode') }),
  helper.accessor('govEconomicCode', { id: 'gov', header: colLabel('gov') }),
  helper.accessor('source', { id: 'source', header: colLabel('source') }),
  helper.accessor('amount', { id: 'amount', header: colLabel('amount') }),
]);
const editColumns = [...dataColumns, helper.display({ id: 'actions', header: '操作', enableCellSelection: false })];
const getRowId = (l: GridLine) => String(l.id);

/** Rows moved by PgUp/PgDn. */
const PAGE_ROWS = 10;
const KEYS_HELP =
  'Tab 进入表格；方向键在单元格间移动，Home/End 到行首/行尾，Ctrl+Home/Ctrl+End 到本页首/末单元格，PgUp/PgDn 上下移动 10 行；Enter、F2 或直接输入开始编辑，Enter 保存并下移，Esc 取消，Tab 右移；Delete 删除所在行（需确认），Ctrl+D 在下方复制所在行。可直接粘贴从 Excel 复制的多行（单位、功能科目、经济科目、资金来源、金额），或从本表复制的各列。点击列标题按该列排序（全部行，不限本页）。';

export function LinesGrid({ data, actions }: { data: LinesGridData; actions: LinesGridActions }) {
  const { budgetId, readOnly } = data;
  const win = data.window;
  const [selection, setSelection] = useState<CellSelectionState>([]);
  const [editing, setEditing] = useState<{ lineId: number; col: EditCol; select: boolean } | null>(null);
  const [pasteText, setPasteText] = useState<string | null>(null);
  const cellEls = useRef(new Map<string, HTMLTableCellElement>());
  const rowActions = useRef(new Map<number, RowActionsHandle>());
  const wantFocus = useRef(false);
  /** The line reveal() brought the clerk to, until the grid has made it the active cell. */
  const revealing = useRef<number | null>(null);
  const [adding, setAdding] = useState(false);
  const [pasteOpen, setPasteOpen] = useState(false);
  const [pasteResult, setPasteResult] = useState<string | null>(null);
  const view = { unitId: win.unitId, q: win.q, sort: win.sort };
  const editingRef = useRef<{ lineId: number; col: EditCol } | null>(null);
  const router = useRouter();
  const cells = useLineDrafts(budgetId, data.lines, actions.update);
  const { lines, lineById, drafts, errors, pending } = cells;

  // a link to `#line-ID` (a comment, a change since the last submission) whose line is on another page: ask the
  // server for the page that holds it; `?line=` already set means the server has answered (or the line is gone)
  useEffect(() => {
    const findLine = () => {
      const m = /^#line-(\d{1,12})$/.exec(window.location.hash);
      if (!m || document.getElementById(`line-${m[1]}`)) return;
      const params = new URLSearchParams(window.location.search);
      if (params.get('line') === m[1]) return;
      // keep the unit, search and order shown (the server drops what would hide the line)
      params.delete('page');
      params.set('line', m[1]);
      router.replace(`${budgetPath(budgetId, 'lines')}?${params}#line-${m[1]}`);
    };
    findLine();
    window.addEventListener('hashchange', findLine);
    return () => window.removeEventListener('hashchange', findLine);
  }, [router, budgetId]);

  /**
   * After lines were added (each at its place in unit and code order) or copied: show the page holding the first of
   * them, with that line marked (`#line-ID`) and made the grid's active cell, so Tab into the grid lands on it.
   */
  const reveal = (lineId: number) => {
    revealing.current = lineId;
    router.push(linesHref(budgetId, { ...view, line: lineId }));
  };
  const gridActions: Pick<LinesGridActions, 'add' | 'addMany'> = {
    add: async (input) => {
      const r = await actions.add(input);
      if (r.ok) reveal(r.line.id);
      return r;
    },
    addMany: async (input) => {
      const r = await actions.addMany(input);
      if (r.ok && !input.dryRun && r.lines.length) reveal(r.lines[0].id);
      return r;
    },
  };
  // a copy of the page's last line lands at the top of the next page when this one is full
  const onCopied = (sourceId: number) => (copy: LineView) => {
    if (lines[lines.length - 1]?.id === sourceId && lines.length >= win.pageSize) reveal(copy.id);
  };

  const unitName = useMemo(() => new Map(data.units.map((u) => [u.id, u.name])), [data.units]);

  const table = useTable({
    features,
    columns: readOnly ? dataColumns : editColumns,
    data: lines,
    getRowId,
    state: { cellSelection: selection },
    onCellSelectionChange: setSelection,
    autoResetCellSelection: false,
  });
  const focused = table.getFocusedCell();
  const focusedId = focused?.id ?? null;
  const rows = table.getRowModel().rows;

  useEffect(() => {
    if (!wantFocus.current || editing || !focusedId) return;
    const el = cellEls.current.get(focusedId);
    if (el && document.activeElement !== el) el.focus();
  }, [focusedId, editing]);

  // a line brought into view (reveal(), or a link to `#line-ID`) becomes the active cell, once: Tab lands on it
  const applied = useRef<number | null>(null);
  useEffect(() => {
    const m = /^#line-(\d{1,12})$/.exec(window.location.hash);
    const id = revealing.current ?? (m ? Number(m[1]) : null);
    if (id === null || (applied.current === id && revealing.current === null)) return;
    if (!rows.some((r) => r.id === String(id))) return;
    applied.current = id;
    revealing.current = null;
    table.setFocusedCell(String(id), NAV_COLS[NAV_COLS.length - 1]);
  }, [rows, table]);

  const isEditable = (col: string): col is EditCol => !readOnly && EDIT_COLS.includes(col);

  function startEdit(lineId: number, col: EditCol, initial?: string) {
    const line = lineById.get(lineId);
    if (!line) return;
    cells.start(line, col, initial);
    editingRef.current = { lineId, col };
    setEditing({ lineId, col, select: initial === undefined });
  }

  function move(direction: CellSelectionDirection) {
    wantFocus.current = true;
    table.moveCellSelection(direction);
  }

  /** Makes a cell of this page active and focuses it (the row index is clamped to the page). */
  function moveTo(rowIndex: number, col: string) {
    const row = rows[Math.max(0, Math.min(rowIndex, rows.length - 1))];
    if (!row) return;
    wantFocus.current = true;
    table.setFocusedCell(row.id, col);
    const el = cellEls.current.get(`${row.id}_${col}`);
    if (el && !editingRef.current) el.focus();
  }

  /** A row's question (delete?) was answered: the focus comes back to the row, or to its neighbour when deleting. */
  function rowDone(lineId: number, deleting: boolean) {
    const i = rows.findIndex((r) => r.id === String(lineId));
    const col = focused && focused.row.id === String(lineId) ? focused.column.id : NAV_COLS[NAV_COLS.length - 1];
    moveTo(deleting && i === rows.length - 1 ? i - 1 : deleting ? i + 1 : i, col);
  }

  function cancel(lineId: number, col: EditCol) {
    editingRef.current = null;
    wantFocus.current = true;
    cells.drop(keyOf(lineId, col));
    setEditing(null);
  }

  function commit(lineId: number, col: EditCol, how: CommitKey | 'blur', value?: string) {
    const current = editingRef.current;
    if (how === 'blur' && (!current || current.lineId !== lineId || current.col !== col)) return;
    editingRef.current = null;
    wantFocus.current = how !== 'blur';
    setEditing(null);
    if (how === 'tab') table.moveCellSelection('right');
    if (how === 'shiftTab') table.moveCellSelection('left');
    if (how === 'enter') table.moveCellSelection('down');
    cells.save(lineId, col, value);
  }

  function onGridKeyDown(e: React.KeyboardEvent<HTMLTableElement>) {
    const target = e.target as HTMLElement;
    if (target.closest('input,select,textarea,button,a')) return;
    const cell = table.getFocusedCell();
    if (!cell) return;
    const col = cell.column.id;
    const lineId = Number(cell.row.id);
    const arrows: Record<string, CellSelectionDirection> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };
    if (arrows[e.key]) {
      e.preventDefault();
      move(arrows[e.key]);
      return;
    }
    const rowIndex = rows.findIndex((r) => r.id === cell.row.id);
    const ctrl = e.ctrlKey || e.metaKey;
    const jumps: Record<string, () => void> = {
      Home: () => (ctrl ? moveTo(0, NAV_COLS[0]) : moveTo(rowIndex, NAV_COLS[0])),
      End: () => (ctrl ? moveTo(rows.length - 1, NAV_COLS[NAV_COLS.length - 1]) : moveTo(rowIndex, NAV_COLS[NAV_COLS.length - 1])),
      PageUp: () => moveTo(rowIndex - PAGE_ROWS, col),
      PageDown: () => moveTo(rowIndex + PAGE_ROWS, col),
    };
    if (jumps[e.key] && !e.altKey && !e.shiftKey) {
      e.preventDefault();
      jumps[e.key]();
      return;
    }
    if (!readOnly && e.key === 'Delete' && !ctrl && !e.altKey) {
      e.preventDefault();
      rowActions.current.get(lineId)?.askDelete();
      return;
    }
    if (!readOnly && ctrl && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'd') {
      e.preventDefault();
      rowActions.current.get(lineId)?.duplicate();
      return;
    }
    if (e.key === 'Tab') {
      const i = (NAV_COLS as readonly string[]).indexOf(col);
      if ((e.shiftKey && i <= 0) || (!e.shiftKey && i >= NAV_COLS.length - 1)) return; // leave the grid
      e.preventDefault();
      move(e.shiftKey ? 'left' : 'right');
      return;
    }
    if (!isEditable(col)) return;
    if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      startEdit(lineId, col);
      return;
    }
    if (e.key === 'Escape' && drafts[keyOf(lineId, col)]) {
      e.preventDefault();
      cells.drop(keyOf(lineId, col));
      return;
    }
    const printable = e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey;
    if (printable && col !== 'unitId' && col !== 'source') {
      e.preventDefault();
      startEdit(lineId, col, e.key);
    }
  }

  function onPaste(e: React.ClipboardEvent<HTMLDivElement>) {
    if (readOnly || editingRef.current) return;
    const target = e.target as HTMLElement;
    if (target.closest('input,textarea,select')) return;
    const text = e.clipboardData.getData('text/plain');
    if (looksLikeRows(text)) {
      e.preventDefault();
      setPasteText(text);
      setPasteOpen(true);
    }
  }

  function display(line: GridLine, col: string): React.ReactNode {
    const draft = isEditable(col) ? drafts[keyOf(line.id, col)] : undefined;
    if (draft) {
      if (col === 'unitId') return unitName.get(Number(draft.value)) ?? draft.value;
      if (col === 'source') return FUND_SOURCE_LABEL[draft.value as keyof typeof FUND_SOURCE_LABEL] ?? draft.value;
      return draft.value === '' ? <span className="text-stone-400">（空）</span> : draft.value;
    }
    const coded = (code: string, names: Record<string, string>) => (
      <>
        <span className="font-mono">{code}</span> {names[code] ?? ''}
      </>
    );
    switch (col) {
      case 'unitId':
        return unitName.get(line.unitId) ?? `单位${line.unitId}`;
      case 'functionCode':
        return coded(line.functionCode, data.names.functional);
      case 'economicCode':
        return coded(line.economicCode, data.names.economic);
      case 'gov':
        return line.govEconomicCode ? coded(line.govEconomicCode, data.names.gov) : <span className="text-stone-400">（对照表无此科目）</span>;
      case 'source':
        return FUND_SOURCE_LABEL[line.source];
      case 'amount':
        return formatYuanExact(line.amount);
    }
    return null;
  }

  const failedCount = Object.keys(errors).length;
  // the one Tab stop: the active cell while it is on this page, else the page's first cell
  const focusedHere = focused ? rows.some((r) => r.id === focused.row.id) : false;
  const tabCellId = focusedHere ? focusedId : rows[0] ? `${rows[0].id}_${NAV_COLS[0]}` : null;
  // header row 1, then this page's lines numbered across pages, then the totals rows
  const rowCount = 1 + win.matching + data.totals.classes.length + 1;

  return (
    <div onPaste={onPaste}>
      {/* failed saves only (opening a cell is not one), over the page rather than above the grid: nothing moves */}
      <div role="status" className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-4">
        {failedCount > 0 ? (
          <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 shadow-lg">
            有 {failedCount} 处修改尚未保存成功（标红的单元格）：更正后按 Enter 保存，或按 Esc 放弃。
          </p>
        ) : null}
      </div>
      <LinesFilter data={data} />
      {win.unitId !== null || win.q !== '' ? (
        <p className="mb-2 text-sm text-stone-600" data-testid="lines-filter">
          只显示{win.unitId !== null ? `“${unitName.get(win.unitId) ?? `单位${win.unitId}`}”` : ''}
          {win.q !== '' ? `符合“${win.q}”` : ''}的 {win.matching.toLocaleString('en-US')} 行；表下合计为全部单位的全部行。
          <Link href={linesHref(budgetId, { sort: win.sort })} className="ml-2 text-brand hover:underline">
            显示全部
          </Link>
        </p>
      ) : null}
      {readOnly ? null : (
        <div className="mb-2 flex flex-wrap items-center gap-3">
          <Button
            variant="secondary"
            onClick={() => {
              setPasteResult(null);
              setPasteOpen(true);
            }}
            aria-expanded={pasteOpen}
            aria-controls="lines-paste"
          >
            从表格粘贴多行
          </Button>
          <Button onClick={() => setAdding(true)} aria-expanded={adding} aria-controls="new-line">
            新增一行
          </Button>
          {pasteResult ? (
            <span role="status" className="text-sm text-green-700">
              {pasteResult}
            </span>
          ) : null}
        </div>
      )}
      {!readOnly && pasteOpen ? (
        <PastePanel
          key={pasteText ?? ''}
          data={data}
          addMany={gridActions.addMany}
          initialText={pasteText ?? ''}
          onSaved={setPasteResult}
          onDone={() => {
            setPasteText(null);
            setPasteOpen(false);
          }}
        />
      ) : null}
      {!readOnly && adding ? <NewLineForm data={data} add={gridActions.add} onClose={() => setAdding(false)} /> : null}
      {win.pageCount > 1 ? <Pager budgetId={budgetId} win={win} label="基本支出分页" /> : null}
      {/* the grid scrolls inside its box, so its column headings stay in view (sticky) over a long page */}
      <div className="lines-scroll overflow-auto rounded-lg border border-stone-200 bg-white">
        <table
          role="grid"
          aria-label="基本支出明细"
          aria-readonly={readOnly || undefined}
          aria-rowcount={rowCount}
          aria-describedby={readOnly ? undefined : 'lines-keys-help'}
          onKeyDown={onGridKeyDown}
          className="w-full border-collapse text-sm"
        >
          <thead className="bg-stone-100 text-left text-stone-700">
            {table.getHeaderGroups().map((g) => (
              <tr key={g.id} aria-rowindex={1}>
                {g.headers.map((h) => (
                  <th
                    key={h.id}
                    scope="col"
                    aria-sort={win.sort?.column === h.column.id ? (win.sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                    className={`lines-head px-2 py-2 font-medium ${h.column.id === 'amount' ? 'text-right' : ''}`}
                    title={h.column.id === 'gov' ? GOV_TOOLTIP : undefined}
                  >
                    {!isNavCol(h.column.id) ? (
                      <table.FlexRender header={h} />
                    ) : (
                      <SortLink budgetId={budgetId} win={win} column={h.column.id}>
                        <table.FlexRender header={h} />
                      </SortLink>
                    )}
                    {h.column.id === 'gov' ? (
                      <span aria-label={GOV_TOOLTIP} className="ml-1 cursor-help text-stone-400">
                        ⓘ
                      </span>
                    ) : null}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={readOnly ? 6 : 7} className="px-3 py-6 text-center text-stone-500">
                  {win.q !== '' && data.totals.count > 0
                    ? `没有符合“${win.q}”的行`
                    : win.unitId !== null && data.totals.count > 0
                      ? '该单位没有基本支出明细'
                      : `尚无基本支出明细${readOnly ? '' : '：用上方的“新增一行”添加，或从表格粘贴、从 Excel 导入'}`}
                </td>
              </tr>
            ) : null}
            {rows.map((row) => {
              const line = row.original;
              return (
                <tr
                  key={row.id}
                  id={`line-${line.id}`}
                  data-line-id={line.id}
                  aria-rowindex={win.offset + row.index + 2}
                  className={`border-b border-stone-100 target:bg-amber-50 ${data.commented[line.id] ? 'line-commented' : ''}`}
                  data-commented={data.commented[line.id] ? 'true' : undefined}
                >
                  {row.getAllCells().map((cell) => {
                    const col = cell.column.id;
                    if (col === 'actions') {
                      return (
                        <td key={cell.id} role="gridcell" className="whitespace-nowrap px-2 py-1 align-top">
                          {data.commented[line.id] ? (
                            <span className="mr-1 rounded bg-red-100 px-1 text-xs text-red-800" title={data.commented[line.id]} data-testid="line-comment-mark">
                              审核意见<span className="sr-only">：{data.commented[line.id]}</span>
                            </span>
                          ) : null}
                          <LineRowActions
                            handle={(h) => {
                              if (h) rowActions.current.set(line.id, h);
                              else rowActions.current.delete(line.id);
                            }}
                            onDone={(deleting) => rowDone(line.id, deleting)}
                            budgetId={budgetId}
                            line={line}
                            rowNumber={win.offset + row.index + 1}
                            actions={actions}
                            onCopied={onCopied(line.id)}
                            onCurrent={cells.showCurrent}
                          />
                        </td>
                      );
                    }
                    const key = keyOf(line.id, col);
                    const isEditing = editing?.lineId === line.id && editing.col === col;
                    const isFocused = cell.getIsFocused();
                    const error = errors[key];
                    const errorId = `err-${line.id}-${col}`;
                    return (
                      <td
                        key={cell.id}
                        ref={(el) => {
                          if (el) cellEls.current.set(cell.id, el);
                          else cellEls.current.delete(cell.id);
                        }}
                        role="gridcell"
                        data-col={col}
                        tabIndex={cell.id === tabCellId ? 0 : -1}
                        aria-selected={isFocused}
                        onFocus={(e) => {
                          // Tab (or a screen reader) put the focus here: this is the active cell, keys work at once
                          if (e.target === e.currentTarget && !isFocused) table.setFocusedCell(row.id, col);
                        }}
                        aria-invalid={error ? true : undefined}
                        title={col === 'gov' ? GOV_TOOLTIP : undefined}
                        onClick={() => {
                          if (isEditing) return;
                          wantFocus.current = true;
                          table.setFocusedCell(row.id, col);
                        }}
                        onDoubleClick={() => {
                          if (isEditable(col)) {
                            table.setFocusedCell(row.id, col);
                            startEdit(line.id, col);
                          }
                        }}
                        className={[
                          'px-2 py-1 align-top outline-none',
                          col === 'amount' ? 'num' : '',
                          col === 'source' ? 'whitespace-nowrap' : '',
                          col === 'gov' ? 'text-stone-500' : '',
                          isFocused && !isEditing ? 'ring-2 ring-inset ring-stone-400 focus:ring-brand' : '',
                          error ? 'bg-red-50' : drafts[key] ? 'bg-amber-50' : '',
                        ].join(' ')}
                      >
                        {isEditing && isEditable(col) ? (
                          <LineCellEditor
                            col={col}
                            value={drafts[key]?.value ?? editText(line, col)}
                            errorId={errorId}
                            invalid={Boolean(error)}
                            selectOnFocus={editing.select}
                            data={data}
                            onChange={(v) => cells.setValue(line.id, col, v)}
                            onCommit={(how, v) => commit(line.id, col, how, v)}
                            onCancel={() => cancel(line.id, col)}
                          />
                        ) : (
                          display(line, col)
                        )}
                        {pending[key] ? <span className="ml-1 text-xs text-stone-400">保存中…</span> : null}
                        <FieldError id={errorId} message={error} className="min-w-48 max-w-72 text-left" />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
          <LinesTotals totals={data.totals} readOnly={readOnly} firstRowIndex={win.matching + 2} />
        </table>
      </div>
      {win.pageCount > 1 ? <Pager budgetId={budgetId} win={win} label="基本支出分页（表格下方）" /> : null}
      {readOnly ? null : (
        <>
          <p id="lines-keys-help" className="mt-2 text-xs text-stone-600">
            {KEYS_HELP}
          </p>
        </>
      )}
    </div>
  );
}
