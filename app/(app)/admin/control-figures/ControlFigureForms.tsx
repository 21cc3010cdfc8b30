'use client';

import { useActionState, useState } from 'react';
import { formatWan, formatYuanExact, parseWan } from '@/lib/money';
import { FormMessage, inputClass, SubmitButton } from '../_components/form';
import type { FormState } from '../_lib/form';
import { importControlFiguresAction, saveControlFiguresAction, type ImportState } from './actions';

export interface GridRow {
  departmentId: number;
  departmentCode: string;
  departmentName: string;
  active: boolean;
  /** 万元 as the input shows it ('' when none). */
  wan: string;
  budgetGeneral: number | null;
}

function AmountCell({ row, value, error }: { row: GridRow; value: string; error?: string }) {
  const [text, setText] = useState(value);
  const parsed = text.trim() === '' ? null : parseWan(text);
  const id = `amount-${row.departmentId}`;
  const diff = parsed?.ok && row.budgetGeneral !== null ? row.budgetGeneral - parsed.fen : null;
  return (
    <>
      <td className="p-2">
        <label htmlFor={id} className="sr-only">
          {row.departmentName}控制数（万元）
        </label>
        <input
          id={id}
          name={`amount_${row.departmentId}`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          inputMode="decimal"
          autoComplete="off"
          className={inputClass + ' mt-0 w-40 text-right'}
          aria-invalid={error || (parsed && !parsed.ok) ? true : undefined}
          aria-describedby={error || (parsed && !parsed.ok) ? `${id}-error` : undefined}
        />
        {error || (parsed && !parsed.ok) ? (
          <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
            {error ?? (parsed && !parsed.ok ? parsed.error : '')}
          </p>
        ) : null}
      </td>
      <td className="num p-2 text-stone-600">{parsed?.ok ? formatYuanExact(parsed.fen) : ''}</td>
      <td className="num p-2 text-stone-600">{row.budgetGeneral === null ? '—' : formatWan(row.budgetGeneral)}</td>
      <td className={`num p-2 ${diff ? 'text-amber-700' : 'text-stone-600'}`}>
        {diff === null ? '' : diff === 0 ? '一致' : formatWan(diff)}
      </td>
    </>
  );
}

export function ControlFigureGrid({ year, rows, editable }: { year: number; rows: GridRow[]; editable: boolean }) {
  const [state, action] = useActionState<FormState | null, FormData>(saveControlFiguresAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const values = state && !state.ok ? state.values : {};
  return (
    <form
      action={action}
      key={`${year}|${rows.map((r) => r.wan).join(',')}|${state && !state.ok ? JSON.stringify(values) : ''}`}
      noValidate
      aria-label="控制数"
      className="space-y-3"
    >
      <input type="hidden" name="year" value={year} />
      <table aria-label={`${year}年控制数`} className="w-full border-collapse bg-white text-sm">
        <thead>
          <tr className="border-b border-stone-300 text-left">
            <th scope="col" className="p-2">编码</th>
            <th scope="col" className="p-2">部门</th>
            <th scope="col" className="p-2">控制数（万元）</th>
            <th scope="col" className="p-2 text-right">折合（元）</th>
            <th scope="col" className="p-2 text-right">预算一般公共预算本年收入（万元）</th>
            <th scope="col" className="p-2 text-right">差额（万元）</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.departmentId} className={`border-b border-stone-100 align-top ${r.active ? '' : 'text-stone-400'}`}>
              <td className="p-2 pt-3 font-mono">{r.departmentCode}</td>
              <th scope="row" className="p-2 pt-3 text-left font-normal">
                {r.departmentName}
                {r.active ? '' : '（已停用）'}
              </th>
              <AmountCell row={r} value={values[`amount_${r.departmentId}`] ?? r.wan} error={errors[`amount_${r.departmentId}`]} />
            </tr>
          ))}
        </tbody>
      </table>
      <FormMessage state={state} />
      {editable ? <SubmitButton pendingText="正在保存…">保存控制数</SubmitButton> : null}
    </form>
  );
}

export function ControlFigureImport({ year }: { year: number }) {
  const [state, action, pending] = useActionState<ImportState, FormData>(importControlFiguresAction, null);
  return (
    <div className="space-y-3">
      <form action={action} className="flex flex-wrap items-end gap-3" aria-label="导入控制数">
        <input type="hidden" name="year" value={year} />
        <div>
          <label htmlFor="cf-file" className="block text-sm font-medium text-stone-700">
            控制数文件（xlsx 或 CSV）
          </label>
          <input
            id="cf-file"
            name="file"
            type="file"
            required
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            className={inputClass + ' w-96'}
          />
        </div>
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-dark disabled:opacity-60"
        >
          {pending ? '正在导入…' : '导入'}
        </button>
      </form>
      {state?.ok ? (
        <p role="status" className="rounded bg-green-50 px-3 py-2 text-sm text-green-800">
          {state.message}
        </p>
      ) : null}
      {state && !state.ok ? (
        <div role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">
          <p>{state.formError ?? '文件中有以下问题，未导入任何控制数：'}</p>
          {state.problems.length > 0 ? (
            <ul className="mt-1 list-disc pl-5">
              {state.problems.map((p, i) => (
                <li key={i}>
                  第 {p.row} 行：{p.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
