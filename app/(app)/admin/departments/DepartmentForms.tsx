'use client';

import { useActionState, useEffect } from 'react';
import { useRouter } from 'next/navigation';
import { UNIT_TYPE_LABEL, UNIT_TYPES, type UnitType } from '@/lib/facts';
import type { FormState } from '@/lib/action';
import { describedBy, Field, FieldError } from '@/components/ui/field';
import { errorsOf, FormMessage, SubmitButton, valuesOf } from '@/components/ui/form';
import { Input, Select } from '@/components/ui/input';
import {
  createDepartmentAction,
  createUnitAction,
  departmentActiveAction,
  unitActiveAction,
  updateDepartmentAction,
  updateUnitAction,
} from './actions';

type Dept = { id: number; code: string; name: string; regionName: string };

function DepartmentFields({ prefix, initial, state }: { prefix: string; initial: Partial<Dept>; state: FormState }) {
  const errors = errorsOf(state);
  const values = valuesOf(state);
  return (
    <div className="grid gap-3 md:grid-cols-[8rem_1fr_12rem]">
      <Field id={`${prefix}-code`} label="部门编码" error={errors.code} hint="3 位数字">
        <Input
          id={`${prefix}-code`}
          name="code"
          inputMode="numeric"
          maxLength={3}
          defaultValue={values.code ?? initial.code ?? ''}
          className="mt-1 w-full"
          invalid={errors.code}
          {...describedBy(`${prefix}-code`, errors.code, '3 位数字')}
        />
      </Field>
      <Field id={`${prefix}-name`} label="部门名称" error={errors.name}>
        <Input
          id={`${prefix}-name`}
          name="name"
          maxLength={60}
          defaultValue={values.name ?? initial.name ?? ''}
          className="mt-1 w-full"
          invalid={errors.name}
          {...describedBy(`${prefix}-name`, errors.name)}
        />
      </Field>
      <Field id={`${prefix}-region`} label="所属地区" error={errors.regionName}>
        <Input
          id={`${prefix}-region`}
          name="regionName"
          maxLength={30}
          defaultValue={values.regionName ?? initial.regionName ?? ''}
          className="mt-1 w-full"
          invalid={errors.regionName}
          {...describedBy(`${prefix}-region`, errors.regionName)}
        />
      </Field>
    </div>
  );
}

export function CreateDepartmentForm({ defaultRegion }: { defaultRegion: string }) {
  const [state, action] = useActionState(createDepartmentAction, null);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.push(`/admin/departments/${state.id}?created=1`);
  }, [state, router]);
  return (
    <form action={action} className="space-y-3" noValidate aria-label="新增部门">
      <DepartmentFields prefix="new-dept" initial={{ regionName: defaultRegion }} state={state} />
      <FormMessage state={state} />
      <SubmitButton pendingText="正在新增…">新增部门</SubmitButton>
    </form>
  );
}

export function EditDepartmentForm({ department }: { department: Dept }) {
  const [state, action] = useActionState(updateDepartmentAction, null);
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
  const [state, action] = useActionState(departmentActiveAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="id" value={id} />
      {active ? null : <input type="hidden" name="active" value="on" />}
      <SubmitButton
        variant={active ? 'danger' : 'secondary'}
        confirm={
          active
            ? { title: `停用部门“${name}”`, consequence: `停用后，新开启的年度不再为“${name}”建立预算。`, confirmLabel: '确定停用' }
            : undefined
        }
      >
        {active ? '停用部门' : '启用部门'}
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

function TypeSelect({ id, defaultValue, error }: { id: string; defaultValue: string; error?: string }) {
  return (
    <Select id={id} name="type" defaultValue={defaultValue} className="mt-1 w-full" invalid={error} {...describedBy(id, error)}>
      <option value="" disabled>
        请选择
      </option>
      {UNIT_TYPES.map((t) => (
        <option key={t} value={t}>
          {UNIT_TYPE_LABEL[t]}
        </option>
      ))}
    </Select>
  );
}

export function CreateUnitForm({ departmentId }: { departmentId: number }) {
  const [state, action] = useActionState(createUnitAction, null);
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
          <Input
            id="new-unit-name"
            name="name"
            maxLength={60}
            defaultValue={values.name ?? ''}
            className="mt-1 w-full"
            invalid={errors.name}
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
  const [state, action] = useActionState(updateUnitAction, null);
  const [activeState, activeAction] = useActionState(unitActiveAction, null);
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
            <Input
              id={`unit-${unit.id}-name`}
              name="name"
              maxLength={60}
              defaultValue={values.name ?? unit.name}
              className="w-full"
              invalid={errors.name}
              {...describedBy(`unit-${unit.id}-name`, errors.name)}
            />
            <FieldError id={`unit-${unit.id}-name-error`} message={errors.name} />
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
        {state && !state.ok && state.formError && Object.keys(errors).length === 0 ? (
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
