'use client';

import { useActionState, useState } from 'react';
import { formatWan, formatYuanExact, parseWan } from '@/lib/money';
import { FieldError } from '@/components/ui/field';
import { errorsOf, FormMessage, SubmitButton, valuesOf } from '@/components/ui/form';
import { Input } from '@/components/ui/input';
import { RowProblems } from '../_components/RowProblems';
import { importControlFiguresAction, saveControlFiguresAction } from './actions';

interface GridRow {
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
  // the server's refusal, else what the typed text breaks (checked as it is typed)
  const shown = error ?? (parsed && !parsed.ok ? parsed.error : undefined);
  return (
    <>
      <td className="p-2">
        <label htmlFor={id} className="sr-only">
          {row.departmentName}控制数（万元）
        </label>
        <Input
          id={id}
          name={`amount_${row.departmentId}`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          inputMode="decimal"
          autoComplete="off"
          className="w-40 text-right"
          invalid={shown}
          aria-describedby={shown ? `${id}-error` : undefined}
        />
        <FieldError id={`${id}-error`} message={shown} />
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
  const [state, action] = useActionState(saveControlFiguresAction, null);
  const errors = errorsOf(state);
  const values = valuesOf(state);
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
  const [state, action, pending] = useActionState(importControlFiguresAction, null);
  return (
    <div className="space-y-3">
      <form action={action} className="flex flex-wrap items-end gap-3" aria-label="导入控制数">
        <input type="hidden" name="year" value={year} />
        <div>
          <label htmlFor="cf-file" className="block text-sm font-medium text-stone-700">
            控制数文件（xlsx 或 CSV）
          </label>
          <Input
            id="cf-file"
            name="file"
            type="file"
            required
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            className="mt-1 w-96"
          />
        </div>
        <SubmitButton pending={pending} pendingText="正在导入…">
          导入
        </SubmitButton>
      </form>
      {state?.ok ? <FormMessage state={state} /> : null}
      {state && !state.ok ? <RowProblems refusal={state} /> : null}
    </div>
  );
}
