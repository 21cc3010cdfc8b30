'use client';

/**
 * Bulk paste: rows copied from a spreadsheet (单位, 功能科目, 经济科目, 资金来源, 金额 — tab-separated), or the grid's
 * own columns copied from the page (with 政府经济科目 and the heading row). The panel opens above the grid, scrolled
 * into view with the focus in it. The rows are previewed and checked by the server without writing (errors per row,
 * and the rows the budget already has); saving adds them all or none and says what was saved. At most
 * MAX_PASTE_ROWS rows per paste; they travel as compact five-string rows (compactRow), and a paste whose rows would
 * still exceed MAX_PASTE_BYTES (long cells the panel cannot resolve) is refused here with a message, before sending.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field';
import { Textarea } from '@/components/ui/input';
import { useEditAction } from '@/components/ui/useEditAction';
import type { PastedLineTuple, RowAlreadyThere, RowError } from '@/lib/budget/edit/lines';
import { resolveUnitRef } from '@/lib/budget/edit/fields';
import { compactRow, MAX_PASTE_BYTES, parsePastedLines, pasteBytes, type PastedRow } from '@/lib/budget/edit/paste';
import { FUND_SOURCE_LABEL } from '@/lib/facts';
import { formatYuanExact } from '@/lib/money';
import { colLabel } from './cells';
import type { LinesGridActions, LinesGridData } from './types';

interface Checked {
  text: string;
  ok: boolean;
  rowErrors: RowError[];
  /** Rows equal to a line the budget already has (the check found them; saving is still allowed). */
  alreadyThere?: RowAlreadyThere[];
  formError?: string;
}

/** Pasted rows as the panel sends them (compactRow), or why they are not sent. */
function wireRows(rows: PastedRow[], units: LinesGridData['units']): { rows: PastedLineTuple[] } | { tooLarge: string } {
  const out = rows.map(({ line: _l, ...row }) => compactRow(row, units));
  const bytes = pasteBytes(out);
  if (bytes <= MAX_PASTE_BYTES) return { rows: out };
  return {
    tooLarge: `粘贴的内容过大（约 ${Math.ceil(bytes / 1024)} KiB，一次最多 ${MAX_PASTE_BYTES / 1024} KiB）：请检查是否粘贴了多余的列或长文本，或分批粘贴、用 Excel 导入`,
  };
}

/** A refused paste's errors per row (a network failure has none). */
const rowErrorsOf = (r: { ok: boolean; rowErrors?: RowError[] }): RowError[] => (r.ok ? [] : (r.rowErrors ?? []));

export function PastePanel({
  data,
  addMany,
  initialText,
  onSaved,
  onDone,
}: {
  data: LinesGridData;
  addMany: LinesGridActions['addMany'];
  initialText: string;
  /** What was saved, for the grid to say after the panel has closed. */
  onSaved: (message: string) => void;
  onDone: () => void;
}) {
  const [text, setText] = useState(initialText);
  const panel = useRef<HTMLElement>(null);
  /** The rows as sent, or the message why they are not sent. */
  const wire = (rows: PastedRow[]) => wireRows(rows, data.units);
  const tooLarge = (t: string, message: string): Checked => ({ text: t, ok: false, rowErrors: [], formError: message });
  const [checked, setChecked] = useState<Checked | null>(() => {
    const w = wire(parsePastedLines(initialText).rows);
    return 'tooLarge' in w ? tooLarge(initialText, w.tooLarge) : null;
  });
  const edit = useEditAction(addMany);
  const pending = edit.pending;
  const parsed = useMemo(() => parsePastedLines(text), [text]);

  /** The server's check of rows that may be sent: every error per row, nothing written. */
  function send(t: string, rows: PastedLineTuple[]) {
    edit.submit({ budgetId: data.budgetId, rows, dryRun: true }, (r) =>
      setChecked({ text: t, ok: r.ok, rowErrors: rowErrorsOf(r), alreadyThere: r.ok ? r.alreadyThere : undefined, formError: r.ok ? undefined : r.formError }),
    );
  }

  function check(t: string) {
    const p = parsePastedLines(t);
    if (p.rows.length === 0) return;
    const w = wire(p.rows);
    if ('tooLarge' in w) setChecked(tooLarge(t, w.tooLarge));
    else send(t, w.rows);
  }

  // a paste into the grid opens the panel with its text, in view and focused (wherever the clerk was in the grid);
  // the server checks it at once (too large: said above). Opened by its button, the focus goes to the text box.
  useEffect(() => {
    panel.current?.scrollIntoView({ block: 'start' });
    if (initialText) panel.current?.focus();
    else panel.current?.querySelector<HTMLTextAreaElement>('#paste-text')?.focus();
    const w = wire(parsePastedLines(initialText).rows);
    if (initialText && 'rows' in w && w.rows.length) send(initialText, w.rows);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function save() {
    const w = wire(parsePastedLines(text).rows);
    if ('tooLarge' in w) {
      setChecked(tooLarge(text, w.tooLarge));
      return;
    }
    edit.submit({ budgetId: data.budgetId, rows: w.rows }, (r) => {
      if (r.ok) {
        const total = r.lines.reduce((s, l) => s + l.amount, 0);
        onSaved(`已添加 ${r.added} 行，合计 ${formatYuanExact(total)} 元；已按单位和科目顺序排入表中，第一行已标出`);
        onDone();
      } else {
        setChecked({ text, ok: false, rowErrors: rowErrorsOf(r), formError: r.formError });
      }
    });
  }

  const current = checked && checked.text === text ? checked : null;
  const errorsByRow = new Map<number, RowError[]>();
  for (const e of current?.rowErrors ?? []) errorsByRow.set(e.row, [...(errorsByRow.get(e.row) ?? []), e]);
  const unitName = new Map(data.units.map((u) => [u.id, u.name]));
  const there = new Map((current?.alreadyThere ?? []).map((d) => [d.row, d]));

  return (
    <section
      ref={panel}
      id="lines-paste"
      tabIndex={-1}
      aria-label="粘贴多行"
      className="mb-3 rounded-lg border border-stone-200 bg-white p-4 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand"
    >
      <h2 className="font-medium">从表格粘贴多行</h2>
      <p className="mt-1 text-sm text-stone-600">
        在 Excel 中选中五列（单位名称或序号、功能科目编码、经济科目编码、资金来源、金额）复制，粘贴到下面；也可以复制本页表格的各列（含政府经济科目和标题行）。先检查，全部无误后一次保存，有任何一行错误则都不保存。
      </p>
      {parsed.gridColumns ? (
        <p className="mt-1 text-sm text-stone-700" data-testid="paste-grid-columns">
          已按本页表格的列读取：政府经济科目由系统按对照表确定，该列已忽略。
        </p>
      ) : null}
      <label htmlFor="paste-text" className="sr-only">
        粘贴的内容
      </label>
      <Textarea
        id="paste-text"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onPaste={(e) => {
          const t = e.clipboardData.getData('text/plain');
          if (t) {
            e.preventDefault();
            setText(t);
            check(t);
          }
        }}
        rows={5}
        className="mt-2 w-full font-mono text-xs"
      />
      {parsed.problems.length ? (
        <ul className="mt-2 text-sm text-red-700">
          {parsed.problems.map((p) => (
            <li key={p.line} role="alert">
              第{p.line}行：{p.message}
            </li>
          ))}
        </ul>
      ) : null}
      {parsed.rows.length ? (
        <table className="mt-3 w-full text-sm" aria-label="粘贴预览">
          <thead className="bg-stone-100 text-left">
            <tr>
              <th className="px-2 py-1">行</th>
              {(['unitId', 'functionCode', 'economicCode', 'source'] as const).map((c) => (
                <th key={c} className="px-2 py-1">
                  {colLabel(c)}
                </th>
              ))}
              <th className="px-2 py-1 text-right">{colLabel('amount')}</th>
              <th className="px-2 py-1">检查结果</th>
            </tr>
          </thead>
          <tbody>
            {parsed.rows.map((r, i) => {
              const errs = errorsByRow.get(i + 1) ?? [];
              const unitId = resolveUnitRef(r.unit, data.units);
              const dup = there.get(i + 1);
              return (
                <tr key={r.line} className={`border-b border-stone-100 ${errs.length ? 'bg-red-50' : dup ? 'bg-amber-50' : ''}`}>
                  <td className="px-2 py-1 text-stone-500">{i + 1}</td>
                  <td className="px-2 py-1">{unitId ? unitName.get(unitId) : r.unit}</td>
                  <td className="px-2 py-1">
                    {r.functionCode} {data.names.functional[r.functionCode] ?? ''}
                  </td>
                  <td className="px-2 py-1">
                    {r.economicCode} {data.names.economic[r.economicCode] ?? ''}
                  </td>
                  <td className="px-2 py-1">{FUND_SOURCE_LABEL[r.source as keyof typeof FUND_SOURCE_LABEL] ?? r.source}</td>
                  <td className="num px-2 py-1">{r.amount}</td>
                  <td className="px-2 py-1">
                    {errs.length ? (
                      <ul role="alert" className="text-xs text-red-700">
                        {errs.map((e) => (
                          <li key={e.column}>
                            第{e.row}行 {e.column}：{e.message}
                          </li>
                        ))}
                      </ul>
                    ) : dup ? (
                      <span className="text-xs text-amber-900">本预算已有相同的一行（第 {dup.lineRow} 行）：如是重复粘贴，请删去此行</span>
                    ) : current?.ok ? (
                      <span className="text-xs text-green-700">无误</span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={() => check(text)} disabled={pending || parsed.rows.length === 0}>
          检查
        </Button>
        <Button onClick={save} disabled={pending || !current?.ok || parsed.problems.length > 0}>
          保存全部 {parsed.rows.length} 行
        </Button>
        <Button variant="secondary" onClick={onDone}>
          取消
        </Button>
        {there.size ? (
          <span role="status" className="text-sm text-amber-900">
            其中 {there.size} 行与本预算已有的行完全相同
          </span>
        ) : null}
        {pending ? <span className="text-sm text-stone-500">处理中…</span> : null}
        <FieldError message={current && !current.ok ? current.formError : null} className="mt-0" />
      </div>
    </section>
  );
}
