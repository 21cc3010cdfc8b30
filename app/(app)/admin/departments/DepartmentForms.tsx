'use client';

import { useActionState } from 'react';
import { UNIT_TYPE_LABEL, UNIT_TYPES, type UnitType } from '@/lib/facts';
import { describedBy, errorsOf, Field, FormMessage, inputClass, SubmitButton, valuesOf } from '../_components/form';
import type { FormState } from '../_lib/form';
import {
  createDepartmentAction,
  createUnitAction,
  departmentActiveAction,
  unitActiveAction,
  updateDepartmentAction,
  updateUnitAction,
} from './actions';

type Dept = { id: number; code: string; name: string; regionName: string };

function DepartmentFields({ prefix, initial, state }: { prefix: string; initial: Partial<Dept>; state: FormState | null }) {
  const errors = errorsOf(state);
  const values = valuesOf(state);
  return (
    <div className="grid gap-3 md:grid-cols-[8rem_1fr_12rem]">
      <Field id={`${prefix}-code`} label="部门编码" error={errors.code} hint="3 位数字">
        <input
          id={`${prefix}-code`}
          name="code"
          inputMode="numeric"
          maxLength={3}
          defaultValue={values.code ?? initial.code ?? ''}
          className={inputClass}
          {...describedBy(`${prefix}-code`, errors.code, '3 位数字')}
        />
      </Field>
      <Field id={`${prefix}-name`} label="部门名称" error={errors.name}>
        <input
          id={`${prefix}-name`}
          name="name"
          maxLength={60}
          defaultValue={values.name ?? initial.name ?? ''}
          className={inputClass}
          {...describedBy(`${prefix}-name`, errors.name)}
        />
      </Field>
      <Field id={`${prefix}-region`} label="所属地区" error={errors.regionName}>
        <input
          id={`${prefix}-region`}
          name="regionName"
          maxLength={30}
          defaultValue={values.regionName ?? initial.regionName ?? ''}
          className={inputClass}
          {...describedBy(`${prefix}-region`, errors.regionName)}
        />
      </Field>
    </div>
  );
}

export function CreateDepartmentForm({ defaultRegion }: { defaultRegion: string }) {
  const [state, action] = useActionState<FormState | null, FormData>(createDepartmentAction, null);
  return (
    <form action={action} className="space-y-3" noValidate aria-label="新增部门">
      <DepartmentFields prefix="new-dept" initial={{ regionName: defaultRegion }} state={state} />
      <FormMessage state={state} />
      <SubmitButton pendingText="正在新增…">新增部门</SubmitButton>
    </form>
  );
}

export function EditDepartmentForm({ department }: { department: Dept }) {
  const [state, action] = useActionState<FormState | null, FormData>(updateDepartmentAction, null);
  return (
    <form
      key={`${department.code}|${department.name}|${department.regionName}`}
      action={action}
      className="space-y-3"
      noValidate
      aria-label="部门信息"
    >
      <input type="hidden" name="id" value={department.id} />
      <DepartmentFields prefix="dept" initial={department} state={state} />
      <FormMessage state={state} />
      <SubmitButton pendingText="正在保存…">保存</SubmitButton>
    </form>
  );
}

export function DepartmentActiveForm({ id, active, name }: { id: number; active: boolean; name: string }) {
  const [state, action] = useActionState<FormState | null, FormData>(departmentActiveAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="id" value={id} />
      {active ? null : <input type="hidden" name="active" value="on" />}
      <SubmitButton
        variant={active ? 'danger' : 'secondary'}
        confirmText={active ? `停用“${name}”后，新开启的年度不再为其建立预算。确定停用吗？` : undefined}
      >
        {active ? '停用部门' : '启用部门'}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

function TypeSelect({ id, defaultValue, error }: { id: string; defaultValue: string; error?: string }) {
  return (
    <select id={id} name="type" defaultValue={defaultValue} className={inputClass} {...describedBy(id, error)}>
      <option value="" disabled>
        请选择
      </option>
      {UNIT_TYPES.map((t) => (
        <option key={t} value={t}>
          {UNIT_TYPE_LABEL[t]}
        </option>
      ))}
    </select>
  );
}

export function CreateUnitForm({ departmentId }: { departmentId: number }) {
  const [state, action] = useActionState<FormState | null, FormData>(createUnitAction, null);
  const errors = errorsOf(state);
  const values = valuesOf(state);
  return (
    <form
      key={state && !state.ok ? JSON.stringify(values) : 'new'}
      action={action}
      className="space-y-3"
      noValidate
      aria-label="新增单位"
    >
      <input type="hidden" name="departmentId" value={departmentId} />
      <div className="grid gap-3 md:grid-cols-[1fr_10rem]">
        <Field id="new-unit-name" label="单位名称" error={errors.name}>
          <input
            id="new-unit-name"
            name="name"
            maxLength={60}
            defaultValue={values.name ?? ''}
            className={inputClass}
            {...describedBy('new-unit-name', errors.name)}
          />
        </Field>
        <Field id="new-unit-type" label="单位类型" error={errors.type}>
          <TypeSelect id="new-unit-type" defaultValue={values.type ?? ''} error={errors.type} />
        </Field>
      </div>
      <FormMessage state={state} />
      <SubmitButton pendingText="正在新增…">新增单位</SubmitButton>
    </form>
  );
}

export function UnitRow({ unit }: { unit: { id: number; name: string; type: UnitType; active: boolean } }) {
  const [state, action] = useActionState<FormState | null, FormData>(updateUnitAction, null);
  const [activeState, activeAction] = useActionState<FormState | null, FormData>(unitActiveAction, null);
  const errors = errorsOf(state);
  const values = valuesOf(state);
  return (
    <tr className="border-b border-stone-100 align-top">
      <td className="p-2">
        <form
          id={`unit-${unit.id}`}
          key={`${unit.name}|${unit.type}|${state && !state.ok ? JSON.stringify(values) : ''}`}
          action={action}
          noValidate
          className="flex flex-wrap items-start gap-2"
        >
          <input type="hidden" name="id" value={unit.id} />
          <div className="min-w-56 flex-1">
            <label htmlFor={`unit-${unit.id}-name`} className="sr-only">
              单位名称
            </label>
            <input
              id={`unit-${unit.id}-name`}
              name="name"
              maxLength={60}
              defaultValue={values.name ?? unit.name}
              className={inputClass + ' mt-0'}
              {...describedBy(`unit-${unit.id}-name`, errors.name)}
            />
            {errors.name ? (
              <p id={`unit-${unit.id}-name-error`} className="mt-1 text-xs text-red-700">
                {errors.name}
              </p>
            ) : null}
          </div>
          <div className="w-28">
            <label htmlFor={`unit-${unit.id}-type`} className="sr-only">
              单位类型
            </label>
            <TypeSelect id={`unit-${unit.id}-type`} defaultValue={values.type ?? unit.type} error={errors.type} />
          </div>
          <SubmitButton variant="secondary" pendingText="保存中…">
            保存
          </SubmitButton>
        </form>
        {state && !state.ok && state.formError ? (
          <p role="alert" className="mt-1 text-xs text-red-700">
            {state.formError}
          </p>
        ) : null}
      </td>
      <td className="p-2 pt-3">{unit.active ? '启用' : '停用'}</td>
      <td className="p-2">
        <form action={activeAction}>
          <input type="hidden" name="id" value={unit.id} />
          {unit.active ? null : <input type="hidden" name="active" value="on" />}
          <SubmitButton variant={unit.active ? 'danger' : 'secondary'}>{unit.active ? '停用' : '启用'}</SubmitButton>
          {activeState && !activeState.ok ? (
            <p role="alert" className="mt-1 text-xs text-red-700">
              {activeState.formError}
            </p>
          ) : null}
        </form>
      </td>
    </tr>
  );
}
