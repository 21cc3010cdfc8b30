'use client';

/** A project's own fields (名称, 单位, 资金来源, 类别, 资金年度) as inputs, each with its error beside it. */
import { Field, FieldError, describedBy } from '@/components/ui/field';
import { Input, Select } from '@/components/ui/input';
import { LengthCounter, withCounter } from '@/components/ui/lengthCounter';
import { PROJECT_NAME_MAX } from '@/lib/budget/edit/limits';
import type { FieldErrors } from '@/lib/result';
import { FUND_SOURCE_LABEL, FUND_SOURCES, PROJECT_CATEGORIES, PROJECT_CATEGORY_LABEL } from '@/lib/facts';
import type { ProjectUnit } from './types';

/** The fields as typed: the form sends them as strings, the domain parses them. */
export interface ProjectFields {
  name: string;
  unitId: string;
  source: string;
  category: string;
  carryover: string;
}

export function ProjectFieldInputs({
  prefix,
  values,
  set,
  errors,
  units,
}: {
  prefix: string;
  values: ProjectFields;
  set: (k: keyof ProjectFields, v: string) => void;
  errors: FieldErrors;
  units: ProjectUnit[];
}) {
  const id = (k: keyof ProjectFields) => `${prefix}-${k}`;
  const control = (k: keyof ProjectFields) => ({ id: id(k), invalid: errors[k], ...describedBy(id(k), errors[k]), className: 'mt-1 w-full' });
  return (
    <div className="grid gap-3 md:grid-cols-6">
      <Field id={id('name')} label="项目名称" error={errors.name} className="md:col-span-2">
        <Input
          {...control('name')}
          aria-describedby={withCounter(control('name')['aria-describedby'], `${id('name')}-count`)}
          value={values.name}
          onChange={(e) => set('name', e.target.value)}
        />
        <LengthCounter id={`${id('name')}-count`} value={values.name} max={PROJECT_NAME_MAX} />
      </Field>
      <Field id={id('unitId')} label="单位" error={errors.unitId} className="md:col-span-2">
        <Select {...control('unitId')} value={values.unitId} onChange={(e) => set('unitId', e.target.value)}>
          {units.map((u) => (
            <option key={u.id} value={String(u.id)}>
              {u.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={id('source')} label="资金来源" error={errors.source}>
        <Select {...control('source')} value={values.source} onChange={(e) => set('source', e.target.value)}>
          {FUND_SOURCES.map((s) => (
            <option key={s} value={s}>
              {FUND_SOURCE_LABEL[s]}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={id('category')} label="项目类别" error={errors.category}>
        <Select {...control('category')} value={values.category} onChange={(e) => set('category', e.target.value)}>
          {PROJECT_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {PROJECT_CATEGORY_LABEL[c]}
            </option>
          ))}
        </Select>
      </Field>
      <fieldset className="md:col-span-6">
        <legend className="text-sm text-stone-600">资金年度</legend>
        <div className="mt-1 flex gap-4 text-sm">
          {[
            ['false', '本年预算（表十二）'],
            ['true', '上年结转（表十三）'],
          ].map(([v, label]) => (
            <label key={v} className="flex items-center gap-1">
              <input type="radio" name={id('carryover')} value={v} checked={values.carryover === v} onChange={() => set('carryover', v)} />
              {label}
            </label>
          ))}
        </div>
        <FieldError message={errors.carryover} />
      </fieldset>
    </div>
  );
}
