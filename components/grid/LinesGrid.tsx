'use client';

/**
 * The 基本支出 grid (TanStack Table 9 with its cell-selection feature for the active cell).
 *
 * Keyboard: arrow keys move between cells, Tab/Shift+Tab move right/left, Enter (or F2, or typing) edits, Enter
 * commits, Escape cancels. Every commit is one server call carrying the line version the edit started from. An
 * edit that fails keeps what was typed in the cell with the error next to it; nothing typed is lost.
 *
 * The grid holds one page of the budget's lines (the server pages them, `?page=N`, optionally one unit's, `?unit=ID`);
 * the totals by 类 below it are over all lines. A link to a line (`#line-ID`) that is not on this page, and a line
 * added, pasted or copied onto another page, bring the clerk to the page that holds it (`?line=ID`).
 */
import { useEffect, useMemo, useRef, useState, useTransition } from 'react';
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
import { CodePicker, type CommitKey } from '@/components/CodePicker';
import { FieldError } from '@/components/FieldError';
import { FUND_SOURCE_LABEL, FUND_SOURCES, UNIT_TYPE_LABEL } from '@/lib/facts';
import { formatYuanExact } from '@/lib/money';
import { looksLikeRows } from '@/lib/budget/edit/paste';
import { NewLineForm } from './NewLineForm';
import { PastePanel } from './PastePanel';
import { NETWORK_ERROR, toGridLine, type GridLine, type GridPage, type LinesGridActions, type LinesGridData } from './types';

/** How long after the last cell save the page refreshes its totals and findings. */
const REFRESH_AFTER_MS = 400;

const features = tableFeatures({ cellSelectionFeature });
const helper = createColumnHelper<typeof features, GridLine>();

const dataColumns = helper.columns([
  helper.accessor('unitId', { id: 'unitId', header: '单位' }),
  helper.accessor('functionCode', { id: 'functionCode', header: '功能科目' }),
  helper.accessor('economicCode', { id: 'economicCode', header: '经济科目' }),
  helper.accessor('govEconomicCode', { id: 'gov', header: '政府经济科目' }),
  helper.accessor('source', { id: 'source', header: '资金来源' }),
  helper.accessor('amount', { id: 'amount', header: '金额（元）' }),
]);
const editColumns = [...dataColumns, helper.display({ id: 'actions', header: '操作', enableCellSelection: false })];
const getRowId = (l: GridLine) => String(l.id);

type EditCol = 'unitId' | 'functionCode' | 'economicCode' | 'source' | 'amount';
const EDIT_COLS: readonly string[] = ['unitId', 'functionCode', 'economicCode', 'source', 'amount'];
const NAV_COLS = ['unitId', 'functionCode', 'economicCode', 'gov', 'source', 'amount'];
const COL_LABEL: Record<string, string> = {
  unitId: '单位',
  functionCode: '功能科目',
  economicCode: '经济科目',
  gov: '政府经济科目',
  source: '资金来源',
  amount: '金额（元）',
};
const GOV_TOOLTIP =
  '政府经济科目由单位类型（行政/参公或事业）按部门经济科目与政府经济科目对照表自动确定。数据结构支持个别科目改选，但现行对照表对每个科目只给出一个对应科目，因此这里不提供选择。';

interface Draft {
  value: string;
  /** The line version the edit started from (sent with the save). */
  baseVersion: number;
}
const keyOf = (lineId: number, col: string) => `${lineId}:${col}`;

function editText(line: GridLine, col: EditCol): string {
  switch (col) {
    case 'unitId':
      return String(line.unitId);
    case 'amount':
      return formatYuanExact(line.amount, { grouping: false });
    default:
      return line[col];
  }
}

/** The lines page's URL for a page, a line or a unit filter (the server resolves `line` to its page). */
function linesHref(budgetId: number, q: { page?: number; line?: number; unitId?: number | null }): string {
  const params = new URLSearchParams();
  if (q.unitId) params.set('unit', String(q.unitId));
  if (q.line) params.set('line', String(q.line));
  else if (q.page && q.page > 1) params.set('page', String(q.page));
  const search = params.size ? `?${params}` : '';
  return `/budgets/${budgetId}/lines${search}${q.line ? `#line-${q.line}` : ''}`;
}

function Pager({ budgetId, win, label }: { budgetId: number; win: GridPage; label: string }) {
  const { page, pageCount, unitId } = win;
  const link = 'rounded border border-stone-300 px-2 py-1 hover:bg-stone-100';
  const off = 'rounded border border-stone-200 px-2 py-1 text-stone-400';
  const to = (p: number) => linesHref(budgetId, { page: p, unitId });
  return (
    <nav aria-label={label} className="my-2 flex flex-wrap items-center gap-2 text-sm">
      {page > 1 ? (
        <>
          <Link href={to(1)} className={link}>
            首页
          </Link>
          <Link href={to(page - 1)} rel="prev" className={link}>
            上一页
          </Link>
        </>
      ) : (
        <>
          <span aria-disabled="true" className={off}>
            首页
          </span>
          <span aria-disabled="true" className={off}>
            上一页
          </span>
        </>
      )}
      <span aria-current="page" data-testid="lines-page">
        第 {page} / {pageCount} 页
      </span>
      {page < pageCount ? (
        <>
          <Link href={to(page + 1)} rel="next" className={link}>
            下一页
          </Link>
          <Link href={to(pageCount)} className={link}>
            末页
          </Link>
        </>
      ) : (
        <>
          <span aria-disabled="true" className={off}>
            下一页
          </span>
          <span aria-disabled="true" className={off}>
            末页
          </span>
        </>
      )}
      <span className="text-stone-600" data-testid="lines-matching">
        共 {win.matching.toLocaleString('en-US')} 行，每页 {win.pageSize} 行
      </span>
    </nav>
  );
}

/** Go to a page by number, and show one unit's lines: plain GET forms, the server does the paging. */
function LinesFilter({ data }: { data: LinesGridData }) {
  const { window: win, budgetId } = data;
  const action = `/budgets/${budgetId}/lines`;
  const field = 'rounded border border-stone-300 px-2 py-1 text-sm';
  if (data.units.length < 2 && win.pageCount < 2) return null;
  return (
    <div className="mb-2 flex flex-wrap items-end gap-4 text-sm">
      {data.units.length > 1 ? (
        <form method="get" action={action} className="flex items-end gap-2" aria-label="按单位筛选">
          <label className="flex flex-col text-stone-600">
            按单位显示
            <select name="unit" defaultValue={win.unitId ? String(win.unitId) : ''} className={field}>
              <option value="">全部单位</option>
              {data.units.map((u) => (
                <option key={u.id} value={String(u.id)}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded border border-stone-300 px-3 py-1 hover:bg-stone-100">
            筛选
          </button>
        </form>
      ) : null}
      {win.pageCount > 1 ? (
        <form method="get" action={action} className="flex items-end gap-2" aria-label="转到页">
          {win.unitId ? <input type="hidden" name="unit" value={String(win.unitId)} /> : null}
          <label className="flex flex-col text-stone-600">
            转到第几页（1–{win.pageCount}）
            <input name="page" type="number" min={1} max={win.pageCount} defaultValue={win.page} className={`${field} w-24`} />
          </label>
          <button type="submit" className="rounded border border-stone-300 px-3 py-1 hover:bg-stone-100">
            转到
          </button>
        </form>
      ) : null}
    </div>
  );
}

export function LinesGrid({ data, actions }: { data: LinesGridData; actions: LinesGridActions }) {
  const { budgetId, readOnly } = data;
  const [selection, setSelection] = useState<CellSelectionState>([]);
  const [editing, setEditing] = useState<{ lineId: number; col: EditCol; select: boolean } | null>(null);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [rowMessages, setRowMessages] = useState<Record<number, string>>({});
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const [fresh, setFresh] = useState<Record<number, GridLine>>({});
  const [confirmDelete, setConfirmDelete] = useState<number | null>(null);
  const [pasteText, setPasteText] = useState<string | null>(null);
  const [, startTransition] = useTransition();
  const cellEls = useRef(new Map<string, HTMLTableCellElement>());
  const wantFocus = useRef(false);
  const editingRef = useRef<{ lineId: number; col: EditCol } | null>(null);
  // after cell saves, the page (footer totals, findings panel) is refreshed once the clerk pauses
  const router = useRouter();
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refreshSoon = () => {
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => router.refresh(), REFRESH_AFTER_MS);
  };
  useEffect(
    () => () => {
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
    },
    [],
  );

  // a link to `#line-ID` (a comment, a change since the last submission) whose line is on another page: ask the
  // server for the page that holds it; `?line=` already set means the server has answered (or the line is gone)
  useEffect(() => {
    const findLine = () => {
      const m = /^#line-(\d{1,12})$/.exec(window.location.hash);
      if (!m || document.getElementById(`line-${m[1]}`)) return;
      const params = new URLSearchParams(window.location.search);
      if (params.get('line') === m[1]) return;
      router.replace(linesHref(budgetId, { line: Number(m[1]), unitId: Number(params.get('unit')) || null }));
    };
    findLine();
    window.addEventListener('hashchange', findLine);
    return () => window.removeEventListener('hashchange', findLine);
  }, [router, budgetId]);

  /** After lines were added (at the end) or copied: go to the page holding the first of them unless it is this one. */
  const win = data.window;
  const reveal = (lineId: number) => router.push(linesHref(budgetId, { line: lineId, unitId: win.unitId }));
  const endsHere = (adding: number, unitId: number) =>
    win.page === win.pageCount && data.lines.length + adding <= win.pageSize && (win.unitId === null || win.unitId === unitId);
  const gridActions: Pick<LinesGridActions, 'add' | 'addMany'> = {
    add: async (input) => {
      const r = await actions.add(input);
      if (r.ok && !endsHere(1, r.line.unitId)) reveal(r.line.id);
      return r;
    },
    addMany: async (input) => {
      const r = await actions.addMany(input);
      if (r.ok && !input.dryRun && r.lines.length && !r.lines.every((l) => endsHere(r.lines.length, l.unitId))) reveal(r.lines[0].id);
      return r;
    },
  };

  // saved values from this tab's own saves show at once; the server's refreshed rows win once they are newer
  const lines = useMemo(
    () => data.lines.map((l) => (fresh[l.id] && fresh[l.id].version > l.version ? fresh[l.id] : l)),
    [data.lines, fresh],
  );
  const lineById = useMemo(() => new Map(lines.map((l) => [l.id, l])), [lines]);
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

  useEffect(() => {
    if (!wantFocus.current || editing || !focusedId) return;
    const el = cellEls.current.get(focusedId);
    if (el && document.activeElement !== el) el.focus();
  }, [focusedId, editing]);

  const isEditable = (col: string): col is EditCol => !readOnly && EDIT_COLS.includes(col);

  function startEdit(lineId: number, col: EditCol, initial?: string) {
    const line = lineById.get(lineId);
    if (!line) return;
    const key = keyOf(lineId, col);
    setDrafts((d) => {
      if (d[key]) return initial === undefined ? d : { ...d, [key]: { ...d[key], value: initial } };
      return { ...d, [key]: { value: initial ?? editText(line, col), baseVersion: line.version } };
    });
    editingRef.current = { lineId, col };
    setEditing({ lineId, col, select: initial === undefined });
  }

  function setDraftValue(lineId: number, col: EditCol, value: string) {
    const key = keyOf(lineId, col);
    setDrafts((d) => ({ ...d, [key]: { baseVersion: d[key]?.baseVersion ?? lineById.get(lineId)?.version ?? 1, value } }));
  }

  function dropDraft(key: string) {
    setDrafts(({ [key]: _d, ...rest }) => rest);
    setErrors(({ [key]: _e, ...rest }) => rest);
  }

  function move(direction: CellSelectionDirection) {
    wantFocus.current = true;
    table.moveCellSelection(direction);
  }

  function cancel(lineId: number, col: EditCol) {
    editingRef.current = null;
    wantFocus.current = true;
    dropDraft(keyOf(lineId, col));
    setEditing(null);
  }

  function commit(lineId: number, col: EditCol, how: CommitKey | 'blur', valueOverride?: string) {
    const current = editingRef.current;
    if (how === 'blur' && (!current || current.lineId !== lineId || current.col !== col)) return;
    editingRef.current = null;
    wantFocus.current = how !== 'blur';
    setEditing(null);
    if (how === 'tab') table.moveCellSelection('right');
    if (how === 'shiftTab') table.moveCellSelection('left');
    const key = keyOf(lineId, col);
    const draft = drafts[key];
    const line = lineById.get(lineId);
    if (!draft || !line) return;
    const value = valueOverride ?? draft.value;
    if (valueOverride !== undefined) setDraftValue(lineId, col, valueOverride);
    if (value === editText(line, col) && draft.baseVersion === line.version) {
      dropDraft(key);
      return;
    }
    setPending((p) => ({ ...p, [key]: true }));
    startTransition(async () => {
      let r;
      try {
        r = await actions.update({ budgetId, lineId, version: draft.baseVersion, changes: { [col]: value } });
      } catch {
        setErrors((e) => ({ ...e, [key]: NETWORK_ERROR }));
        setPending(({ [key]: _p, ...rest }) => rest);
        return;
      }
      setPending(({ [key]: _p, ...rest }) => rest);
      if (r.ok) {
        dropDraft(key);
        const saved = toGridLine(r.line);
        setFresh((f) => ({ ...f, [lineId]: saved }));
        refreshSoon();
        return;
      }
      setErrors((e) => ({ ...e, [key]: r.fieldErrors[col] ?? r.formError ?? '保存失败' }));
      if (r.reason === 'stale' && r.current) {
        // the user has now seen the current value: a second Enter saves their figure over it, knowingly
        const cur = toGridLine(r.current);
        setFresh((f) => ({ ...f, [lineId]: cur }));
        setDrafts((d) => (d[key] ? { ...d, [key]: { ...d[key], baseVersion: cur.version } } : d));
      }
    });
  }

  function rowAction(lineId: number, kind: 'duplicate' | 'delete') {
    const line = lineById.get(lineId);
    if (!line) return;
    setRowMessages(({ [lineId]: _m, ...rest }) => rest);
    startTransition(async () => {
      try {
        const r =
          kind === 'duplicate'
            ? await actions.duplicate({ budgetId, lineId })
            : await actions.remove({ budgetId, lineId, version: line.version });
        // a copy of the page's last line lands at the top of the next page when this one is full
        if (r.ok && kind === 'duplicate' && 'line' in r && lines[lines.length - 1]?.id === lineId && lines.length >= win.pageSize)
          reveal((r.line as { id: number }).id);
        if (!r.ok) {
          setRowMessages((m) => ({ ...m, [lineId]: r.formError ?? '操作失败' }));
          if (r.reason === 'stale' && r.current) {
            const cur = toGridLine(r.current as Parameters<typeof toGridLine>[0]);
            setFresh((f) => ({ ...f, [lineId]: cur }));
          }
        }
        setConfirmDelete(null);
      } catch {
        setRowMessages((m) => ({ ...m, [lineId]: NETWORK_ERROR }));
      }
    });
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
    if (e.key === 'Tab') {
      const i = NAV_COLS.indexOf(col);
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
      dropDraft(keyOf(lineId, col));
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
    }
  }

  function display(line: GridLine, col: string): React.ReactNode {
    const draft = isEditable(col) ? drafts[keyOf(line.id, col)] : undefined;
    if (draft) {
      if (col === 'unitId') return unitName.get(Number(draft.value)) ?? draft.value;
      if (col === 'source') return FUND_SOURCE_LABEL[draft.value as keyof typeof FUND_SOURCE_LABEL] ?? draft.value;
      return draft.value === '' ? <span className="text-stone-400">（空）</span> : draft.value;
    }
    switch (col) {
      case 'unitId':
        return unitName.get(line.unitId) ?? `单位${line.unitId}`;
      case 'functionCode':
        return (
          <>
            <span className="font-mono">{line.functionCode}</span> {data.names.functional[line.functionCode] ?? ''}
          </>
        );
      case 'economicCode':
        return (
          <>
            <span className="font-mono">{line.economicCode}</span> {data.names.economic[line.economicCode] ?? ''}
          </>
        );
      case 'gov':
        return line.govEconomicCode ? (
          <>
            <span className="font-mono">{line.govEconomicCode}</span> {data.names.gov[line.govEconomicCode] ?? ''}
          </>
        ) : (
          <span className="text-stone-400">（对照表无此科目）</span>
        );
      case 'source':
        return FUND_SOURCE_LABEL[line.source];
      case 'amount':
        return formatYuanExact(line.amount);
    }
    return null;
  }

  function editor(line: GridLine, col: EditCol) {
    const key = keyOf(line.id, col);
    const draft = drafts[key];
    const value = draft?.value ?? editText(line, col);
    const errorId = `err-${line.id}-${col}`;
    const invalid = Boolean(errors[key]);
    const common = {
      autoFocus: true,
      'aria-label': COL_LABEL[col],
      'aria-invalid': invalid || undefined,
      'aria-describedby': invalid ? errorId : undefined,
    };
    const keys = (e: React.KeyboardEvent) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        commit(line.id, col, 'enter', (e.target as HTMLInputElement).value);
      } else if (e.key === 'Tab') {
        e.preventDefault();
        commit(line.id, col, e.shiftKey ? 'shiftTab' : 'tab', (e.target as HTMLInputElement).value);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        cancel(line.id, col);
      }
    };
    if (col === 'functionCode' || col === 'economicCode') {
      return (
        <CodePicker
          {...{ autoFocus: true, invalid, describedBy: invalid ? errorId : undefined }}
          selectOnFocus={editing?.select}
          label={COL_LABEL[col]}
          options={col === 'functionCode' ? data.functionItems : data.economicItems}
          value={value}
          onChange={(v) => setDraftValue(line.id, col, v)}
          onCommit={(v, how) => commit(line.id, col, how, v)}
          onCancel={() => cancel(line.id, col)}
          onBlur={() => commit(line.id, col, 'blur')}
          className="min-w-48"
        />
      );
    }
    if (col === 'unitId' || col === 'source') {
      return (
        <select
          {...common}
          value={value}
          onChange={(e) => setDraftValue(line.id, col, e.target.value)}
          onKeyDown={keys}
          onBlur={() => commit(line.id, col, 'blur')}
          className="w-full rounded border border-stone-300 px-1 py-1 text-sm focus:border-brand focus:outline-none"
        >
          {col === 'unitId'
            ? data.units.map((u) => (
                <option key={u.id} value={String(u.id)}>
                  {u.name}（{UNIT_TYPE_LABEL[u.type]}）
                </option>
              ))
            : FUND_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {FUND_SOURCE_LABEL[s]}
                </option>
              ))}
        </select>
      );
    }
    return (
      <input
        {...common}
        inputMode="decimal"
        value={value}
        onChange={(e) => setDraftValue(line.id, col, e.target.value)}
        onKeyDown={keys}
        onFocus={(e) => {
          if (editing?.select) e.currentTarget.select();
        }}
        onBlur={() => commit(line.id, col, 'blur')}
        className={`w-full rounded border px-2 py-1 text-right text-sm tabular-nums focus:outline-none ${invalid ? 'border-red-500 bg-red-50' : 'border-stone-300 focus:border-brand'}`}
      />
    );
  }

  const rows = table.getRowModel().rows;
  const firstCellId = rows[0] ? `${rows[0].id}_${NAV_COLS[0]}` : null;
  const hasDrafts = Object.keys(drafts).length > 0;

  return (
    <div onPaste={onPaste}>
      {hasDrafts ? (
        <p role="status" className="mb-2 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
          有 {Object.keys(drafts).length} 处修改尚未保存成功（标红的单元格）：更正后按 Enter 保存，或按 Esc 放弃。
        </p>
      ) : null}
      <LinesFilter data={data} />
      {win.pageCount > 1 ? <Pager budgetId={budgetId} win={win} label="基本支出分页" /> : null}
      {win.unitId !== null ? (
        <p className="mb-2 text-sm text-stone-600" data-testid="lines-filter">
          只显示“{unitName.get(win.unitId) ?? `单位${win.unitId}`}”的 {win.matching.toLocaleString('en-US')} 行；表下合计为全部单位。
          <Link href={linesHref(budgetId, {})} className="ml-2 text-brand hover:underline">
            显示全部单位
          </Link>
        </p>
      ) : null}
      <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
        <table
          role="grid"
          aria-label="基本支出明细"
          aria-readonly={readOnly || undefined}
          onKeyDown={onGridKeyDown}
          className="w-full border-collapse text-sm"
        >
          <thead className="bg-stone-100 text-left text-stone-700">
            {table.getHeaderGroups().map((g) => (
              <tr key={g.id}>
                {g.headers.map((h) => (
                  <th
                    key={h.id}
                    scope="col"
                    className={`border-b border-stone-200 px-2 py-2 font-medium ${h.column.id === 'amount' ? 'text-right' : ''}`}
                    title={h.column.id === 'gov' ? GOV_TOOLTIP : undefined}
                  >
                    <table.FlexRender header={h} />
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
                  {win.unitId !== null && data.totals.count > 0
                    ? '该单位没有基本支出明细'
                    : `尚无基本支出明细${readOnly ? '' : '：在下方添加一行，或从表格粘贴、从 Excel 导入'}`}
                </td>
              </tr>
            ) : null}
            {rows.map((row) => {
              const line = row.original;
              return (
                <tr key={row.id} id={`line-${line.id}`} data-line-id={line.id} className="border-b border-stone-100 target:bg-amber-50">
                  {row.getAllCells().map((cell) => {
                    const col = cell.column.id;
                    if (col === 'actions') {
                      return (
                        <td key={cell.id} className="whitespace-nowrap px-2 py-1 align-top">
                          {confirmDelete === line.id ? (
                            <>
                              <button type="button" onClick={() => rowAction(line.id, 'delete')} className="mr-2 text-red-700 hover:underline">
                                确认删除
                              </button>
                              <button type="button" onClick={() => setConfirmDelete(null)} className="text-stone-600 hover:underline">
                                取消
                              </button>
                            </>
                          ) : (
                            <>
                              <button
                                type="button"
                                onClick={() => rowAction(line.id, 'duplicate')}
                                aria-label={`复制第${win.offset + row.index + 1}行`}
                                className="mr-2 text-brand hover:underline"
                              >
                                复制
                              </button>
                              <button
                                type="button"
                                onClick={() => setConfirmDelete(line.id)}
                                aria-label={`删除第${win.offset + row.index + 1}行`}
                                className="text-stone-600 hover:text-red-700 hover:underline"
                              >
                                删除
                              </button>
                            </>
                          )}
                          <FieldError message={rowMessages[line.id]} className="max-w-56" />
                        </td>
                      );
                    }
                    const key = keyOf(line.id, col);
                    const isEditing = editing?.lineId === line.id && editing.col === col;
                    const isFocused = cell.getIsFocused();
                    const error = errors[key];
                    return (
                      <td
                        key={cell.id}
                        ref={(el) => {
                          if (el) cellEls.current.set(cell.id, el);
                          else cellEls.current.delete(cell.id);
                        }}
                        role="gridcell"
                        data-col={col}
                        tabIndex={isFocused || (!focusedId && cell.id === firstCellId) ? 0 : -1}
                        aria-selected={isFocused}
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
                          isFocused && !isEditing ? 'ring-2 ring-inset ring-brand' : '',
                          error ? 'bg-red-50' : drafts[key] ? 'bg-amber-50' : '',
                        ].join(' ')}
                      >
                        {isEditing && isEditable(col) ? editor(line, col) : display(line, col)}
                        {pending[key] ? <span className="ml-1 text-xs text-stone-400">保存中…</span> : null}
                        <FieldError id={`err-${line.id}-${col}`} message={error} className="min-w-48 max-w-72 text-left" />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
          <tfoot className="bg-stone-50 text-stone-700" data-testid="lines-totals">
            {data.totals.classes.map((c) => (
              <tr key={c.classCode} className="border-t border-stone-200">
                <th scope="row" colSpan={5} className="px-2 py-1 text-left font-normal">
                  <span className="font-mono">{c.classCode}</span> {c.name} 小计（{c.lines.toLocaleString('en-US')} 条）
                </th>
                <td className="num px-2 py-1" data-testid={`class-total-${c.classCode}`}>
                  {formatYuanExact(c.amount)}
                </td>
                {readOnly ? null : <td />}
              </tr>
            ))}
            <tr className="border-t border-stone-300 font-medium">
              <th scope="row" colSpan={5} className="px-2 py-2 text-left">
                合计（{data.totals.count.toLocaleString('en-US')} 条）
              </th>
              <td className="num px-2 py-2" data-testid="lines-total">
                {formatYuanExact(data.totals.total)}
              </td>
              {readOnly ? null : <td />}
            </tr>
          </tfoot>
        </table>
      </div>
      {win.pageCount > 1 ? <Pager budgetId={budgetId} win={win} label="基本支出分页（表格下方）" /> : null}
      {readOnly ? null : (
        <p className="mt-2 text-xs text-stone-500">
          方向键在单元格间移动，Enter 或直接输入开始编辑，Enter 保存，Esc 取消，Tab 右移；可直接粘贴从 Excel 复制的多行（单位、功能科目、经济科目、资金来源、金额）。
        </p>
      )}
      {readOnly ? null : (
        <>
          <NewLineForm data={data} add={gridActions.add} />
          <PastePanel
            key={pasteText ?? ''}
            data={data}
            addMany={gridActions.addMany}
            initialText={pasteText ?? ''}
            onDone={() => setPasteText(null)}
          />
        </>
      )}
    </div>
  );
}
