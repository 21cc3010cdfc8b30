'use client';

import { useActionState } from 'react';
import type { MappingRow } from '@/lib/codebook/mapping';
import { mappingToken } from '@/lib/codebook/mappingToken';
import { FieldError } from '@/components/ui/field';
import { errorsOf, FormMessage, SubmitButton, valuesOf } from '@/components/ui/form';
import { Select } from '@/components/ui/input';
import { saveMappingsAction } from './actions';

function Target({
  row,
  which,
  options,
  value,
  error,
  disabled,
}: {
  row: MappingRow;
  which: 'admin' | 'institution';
  options: { code: string; name: string }[];
  value: string;
  error?: string;
  disabled: boolean;
}) {
  const id = `${which}_${row.deptCode}`;
  return (
    <td className="p-1 align-top">
      <label htmlFor={id} className="sr-only">
        {row.deptCode} {row.deptName}（{which === 'admin' ? '行政/参公单位' : '事业单位'}）
      </label>
      <Select id={id} name={id} defaultValue={value} disabled={disabled} invalid={error} aria-describedby={error ? `${id}-error` : undefined}>
        <option value="">（未对照）</option>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.code} {o.name}
          </option>
        ))}
      </Select>
      <FieldError id={`${id}-error`} message={error} />
    </td>
  );
}

/**
 * The year's 部门经济 款 with their 政府经济 款 for 行政/参公 and 事业 units, edited in place and saved together.
 * Each row carries the values it was loaded with, so a row changed meanwhile by someone else is refused.
 */
export function MappingGrid({
  year,
  rows,
  options,
  editable,
}: {
  year: number;
  rows: MappingRow[];
  options: { code: string; name: string }[];
  editable: boolean;
}) {
  const [state, action] = useActionState(saveMappingsAction, null);
  const errors = errorsOf(state);
  const typed = valuesOf(state);
  return (
    <form
      action={action}
      // after a successful save the rows come from the server again; after a refusal they keep what was chosen
      key={`${year}|${rows.map(mappingToken).join(',')}|${state && !state.ok ? JSON.stringify(typed) : ''}`}
      aria-label="经济科目对照表"
      className="space-y-3"
    >
      <input type="hidden" name="year" value={year} />
      <FormMessage state={state} />
      <table aria-label={`${year}年部门经济科目与政府经济科目对照表`} className="w-full border-collapse bg-white text-sm">
        <thead>
          <tr className="border-b border-stone-300 text-left">
            <th scope="col" className="p-1">部门预算支出经济分类（款）</th>
            <th scope="col" className="p-1">政府经济科目（行政/参公单位）</th>
            <th scope="col" className="p-1">政府经济科目（事业单位）</th>
            <th scope="col" className="p-1 text-right">随之确定的基本支出明细</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.deptCode} className="border-b border-stone-100" data-code={r.deptCode}>
              <th scope="row" className="p-1 text-left font-normal">
                <span className="font-mono">{r.deptCode}</span> {r.deptName}
                <input type="hidden" name={`was_${r.deptCode}`} value={mappingToken(r)} />
              </th>
              <Target
                row={r}
                which="admin"
                options={options}
                value={typed[`admin_${r.deptCode}`] ?? r.admin ?? ''}
                error={errors[`admin_${r.deptCode}`]}
                disabled={!editable}
              />
              <Target
                row={r}
                which="institution"
                options={options}
                value={typed[`institution_${r.deptCode}`] ?? r.institution ?? ''}
                error={errors[`institution_${r.deptCode}`]}
                disabled={!editable}
              />
              <td className="num p-1 text-stone-600">{r.lines > 0 ? `${r.lines} 条` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {editable ? <SubmitButton pendingText="正在保存…">保存修改</SubmitButton> : <p className="text-sm text-stone-600">{year} 年度已关闭，对照表只能查看。</p>}
    </form>
  );
}
