'use client';

/**
 * 项目支出 editing: a new project, a project's own fields, its items (功能 项, 经济 款, 金额, 政府采购), deleting.
 * Every change carries the project version it started from; errors show next to their fields with the input kept.
 */
import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { CodePicker } from '@/components/CodePicker';
import { FieldError } from '@/components/FieldError';
import type { CodeOption } from '@/lib/budget/edit/options';
import {
  FUND_SOURCE_LABEL,
  FUND_SOURCES,
  PROCUREMENT_KINDS,
  PROCUREMENT_LABEL,
  PROJECT_CATEGORIES,
  PROJECT_CATEGORY_LABEL,
  type FundSource,
  type ProjectCategory,
} from '@/lib/facts';
import { formatYuanExact, totalFen } from '@/lib/money';
import { NETWORK_ERROR, type GridUnit, type ProjectActions, type ProjectItemRow } from './types';

type Errors = Record<string, string>;
const inputClass = (bad?: string) =>
  `mt-1 w-full rounded border px-2 py-1 text-sm focus:outline-none ${bad ? 'border-red-500 bg-red-50' : 'border-stone-300 focus:border-brand'}`;

function errorsOf(r: { fieldErrors: Errors; formError?: string }): Errors {
  return { ...r.fieldErrors, ...(r.formError ? { _form: r.formError } : {}) };
}

interface ProjectFields {
  name: string;
  unitId: string;
  source: string;
  category: string;
  carryover: string;
}

function ProjectFieldInputs({
  prefix,
  values,
  set,
  errors,
  units,
}: {
  prefix: string;
  values: ProjectFields;
  set: (k: keyof ProjectFields, v: string) => void;
  errors: Errors;
  units: GridUnit[];
}) {
  const f = (k: keyof ProjectFields) => ({
    id: `${prefix}-${k}`,
    'aria-invalid': errors[k] ? true : undefined,
    'aria-describedby': errors[k] ? `${prefix}-${k}-err` : undefined,
  });
  return (
    <div className="grid gap-3 md:grid-cols-6">
      <div className="md:col-span-2">
        <label htmlFor={`${prefix}-name`} className="block text-sm text-stone-600">
          项目名称
        </label>
        <input {...f('name')} value={values.name} maxLength={120} onChange={(e) => set('name', e.target.value)} className={inputClass(errors.name)} />
        <FieldError id={`${prefix}-name-err`} message={errors.name} />
      </div>
      <div className="md:col-span-2">
        <label htmlFor={`${prefix}-unitId`} className="block text-sm text-stone-600">
          单位
        </label>
        <select {...f('unitId')} value={values.unitId} onChange={(e) => set('unitId', e.target.value)} className={inputClass(errors.unitId)}>
          {units.map((u) => (
            <option key={u.id} value={String(u.id)}>
              {u.name}
            </option>
          ))}
        </select>
        <FieldError id={`${prefix}-unitId-err`} message={errors.unitId} />
      </div>
      <div>
        <label htmlFor={`${prefix}-source`} className="block text-sm text-stone-600">
          资金来源
        </label>
        <select {...f('source')} value={values.source} onChange={(e) => set('source', e.target.value)} className={inputClass(errors.source)}>
          {FUND_SOURCES.map((s) => (
            <option key={s} value={s}>
              {FUND_SOURCE_LABEL[s]}
            </option>
          ))}
        </select>
        <FieldError id={`${prefix}-source-err`} message={errors.source} />
      </div>
      <div>
        <label htmlFor={`${prefix}-category`} className="block text-sm text-stone-600">
          项目类别
        </label>
        <select {...f('category')} value={values.category} onChange={(e) => set('category', e.target.value)} className={inputClass(errors.category)}>
          {PROJECT_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {PROJECT_CATEGORY_LABEL[c]}
            </option>
          ))}
        </select>
        <FieldError id={`${prefix}-category-err`} message={errors.category} />
      </div>
      <fieldset className="md:col-span-6">
        <legend className="text-sm text-stone-600">资金年度</legend>
        <div className="mt-1 flex gap-4 text-sm">
          {[
            ['false', '本年预算（表十二）'],
            ['true', '上年结转（表十三）'],
          ].map(([v, label]) => (
            <label key={v} className="flex items-center gap-1">
              <input type="radio" name={`${prefix}-carryover`} value={v} checked={values.carryover === v} onChange={() => set('carryover', v)} />
              {label}
            </label>
          ))}
        </div>
        <FieldError message={errors.carryover} />
      </fieldset>
    </div>
  );
}

/** A new project; on success, opens it to add its items. */
export function NewProjectForm({ budgetId, units, create }: { budgetId: number; units: GridUnit[]; create: ProjectActions['create'] }) {
  const router = useRouter();
  const [values, setValues] = useState<ProjectFields>({
    name: '',
    unitId: String(units[0]?.id ?? ''),
    source: 'general',
    category: 'specific',
    carryover: 'false',
  });
  const [errors, setErrors] = useState<Errors>({});
  const [pending, startTransition] = useTransition();
  return (
    <form
      aria-label="新建项目"
      noValidate
      className="mt-6 rounded-lg border border-stone-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          try {
            const r = await create({ budgetId, project: values });
            if (r.ok) {
              setErrors({});
              router.push(`/budgets/${budgetId}/projects/${r.project.id}`);
            } else setErrors(errorsOf(r));
          } catch {
            setErrors({ _form: NETWORK_ERROR });
          }
        });
      }}
    >
      <h2 className="mb-3 font-medium">新建项目</h2>
      <ProjectFieldInputs prefix="new-project" values={values} set={(k, v) => setValues((s) => ({ ...s, [k]: v }))} errors={errors} units={units} />
      <div className="mt-3 flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded bg-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-dark disabled:opacity-60">
          {pending ? '正在创建…' : '创建项目'}
        </button>
        <FieldError message={errors._form && !Object.keys(errors).some((k) => k !== '_form') ? errors._form : null} className="mt-0" />
      </div>
    </form>
  );
}

/** Deletes a project (its items and 绩效目标表 go with it), after a confirmation. */
export function DeleteProjectButton({
  budgetId,
  projectId,
  version,
  name,
  hasForm,
  remove,
  after,
}: {
  budgetId: number;
  projectId: number;
  version: number;
  name: string;
  hasForm: boolean;
  remove: ProjectActions['remove'];
  after?: string;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (!confirming)
    return (
      <button type="button" onClick={() => setConfirming(true)} aria-label={`删除项目“${name}”`} className="text-stone-600 hover:text-red-700 hover:underline">
        删除
      </button>
    );
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span className="text-xs text-stone-600">{hasForm ? '连同明细和绩效目标表一并删除？' : '连同明细一并删除？'}</span>
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            try {
              const r = await remove({ budgetId, projectId, version });
              if (r.ok) {
                setConfirming(false);
                if (after) router.push(after);
              } else setError(r.formError ?? '删除失败');
            } catch {
              setError(NETWORK_ERROR);
            }
          })
        }
        className="text-red-700 hover:underline"
      >
        确认删除
      </button>
      <button type="button" onClick={() => setConfirming(false)} className="text-stone-600 hover:underline">
        取消
      </button>
      <FieldError message={error} className="mt-0 w-full" />
    </span>
  );
}

/** The project's own fields. */
export function ProjectFieldsForm({
  budgetId,
  project,
  units,
  update,
}: {
  budgetId: number;
  project: { id: number; version: number; name: string; unitId: number; source: FundSource; category: ProjectCategory; carryover: boolean };
  units: GridUnit[];
  update: ProjectActions['update'];
}) {
  const initial: ProjectFields = {
    name: project.name,
    unitId: String(project.unitId),
    source: project.source,
    category: project.category,
    carryover: String(project.carryover),
  };
  const [values, setValues] = useState<ProjectFields>(initial);
  const [baseVersion, setBaseVersion] = useState<number | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();
  const changes = Object.fromEntries(
    (Object.keys(values) as (keyof ProjectFields)[]).filter((k) => values[k] !== initial[k]).map((k) => [k, values[k]]),
  );
  return (
    <form
      aria-label="项目信息"
      noValidate
      className="rounded-lg border border-stone-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (Object.keys(changes).length === 0) return;
        startTransition(async () => {
          try {
            const r = await update({ budgetId, projectId: project.id, version: baseVersion ?? project.version, changes });
            if (r.ok) {
              setErrors({});
              setBaseVersion(null);
              setSaved(true);
            } else {
              setErrors(errorsOf(r));
              if (r.reason === 'stale' && r.current) setBaseVersion(r.current.version);
            }
          } catch {
            setErrors({ _form: NETWORK_ERROR });
          }
        });
      }}
    >
      <h2 className="mb-3 font-medium">项目信息</h2>
      <ProjectFieldInputs
        prefix="project"
        values={values}
        set={(k, v) => {
          if (baseVersion === null) setBaseVersion(project.version);
          setSaved(false);
          setValues((s) => ({ ...s, [k]: v }));
        }}
        errors={errors}
        units={units}
      />
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button
          type="submit"
          disabled={pending || Object.keys(changes).length === 0}
          className="rounded bg-brand px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-dark disabled:opacity-50"
        >
          {pending ? '正在保存…' : '保存项目信息'}
        </button>
        {saved && Object.keys(changes).length === 0 ? (
          <span role="status" className="text-sm text-green-700">
            已保存
          </span>
        ) : null}
        <FieldError message={errors._form} className="mt-0" />
      </div>
    </form>
  );
}

interface ItemFields {
  functionCode: string;
  economicCode: string;
  amount: string;
  procurement: string;
}
const itemFields = (i?: ProjectItemRow): ItemFields => ({
  functionCode: i?.functionCode ?? '',
  economicCode: i?.economicCode ?? '',
  amount: i ? formatYuanExact(i.amount, { grouping: false }) : '',
  procurement: i?.procurement ?? '',
});

function ItemInputs({
  prefix,
  values,
  set,
  errors,
  functionItems,
  economicItems,
}: {
  prefix: string;
  values: ItemFields;
  set: (k: keyof ItemFields, v: string) => void;
  errors: Errors;
  functionItems: CodeOption[];
  economicItems: CodeOption[];
}) {
  return (
    <>
      <td className="px-2 py-1 align-top">
        <CodePicker
          id={`${prefix}-function`}
          label="功能科目"
          options={functionItems}
          value={values.functionCode}
          onChange={(v) => set('functionCode', v)}
          invalid={Boolean(errors.functionCode)}
          describedBy={errors.functionCode ? `${prefix}-function-err` : undefined}
        />
        <FieldError id={`${prefix}-function-err`} message={errors.functionCode} />
      </td>
      <td className="px-2 py-1 align-top">
        <CodePicker
          id={`${prefix}-economic`}
          label="经济科目"
          options={economicItems}
          value={values.economicCode}
          onChange={(v) => set('economicCode', v)}
          invalid={Boolean(errors.economicCode)}
          describedBy={errors.economicCode ? `${prefix}-economic-err` : undefined}
        />
        <FieldError id={`${prefix}-economic-err`} message={errors.economicCode} />
      </td>
      <td className="px-2 py-1 align-top">
        <label htmlFor={`${prefix}-procurement`} className="sr-only">
          政府采购
        </label>
        <select
          id={`${prefix}-procurement`}
          value={values.procurement}
          onChange={(e) => set('procurement', e.target.value)}
          className="w-full rounded border border-stone-300 px-1 py-1 text-sm"
        >
          <option value="">不采购</option>
          {PROCUREMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {PROCUREMENT_LABEL[k]}
            </option>
          ))}
        </select>
        <FieldError message={errors.procurement} />
      </td>
      <td className="px-2 py-1 align-top">
        <label htmlFor={`${prefix}-amount`} className="sr-only">
          金额（元）
        </label>
        <input
          id={`${prefix}-amount`}
          inputMode="decimal"
          value={values.amount}
          onChange={(e) => set('amount', e.target.value)}
          aria-invalid={errors.amount ? true : undefined}
          aria-describedby={errors.amount ? `${prefix}-amount-err` : undefined}
          className={`w-full rounded border px-2 py-1 text-right text-sm tabular-nums focus:outline-none ${errors.amount ? 'border-red-500 bg-red-50' : 'border-stone-300 focus:border-brand'}`}
        />
        <FieldError id={`${prefix}-amount-err`} message={errors.amount} />
      </td>
    </>
  );
}

/** The items of a project: edit in place, add, delete. */
export function ProjectItemsEditor({
  budgetId,
  projectId,
  version,
  items,
  names,
  functionItems,
  economicItems,
  actions,
  readOnly,
}: {
  budgetId: number;
  projectId: number;
  version: number;
  items: ProjectItemRow[];
  names: { functional: Record<string, string>; economic: Record<string, string> };
  functionItems: CodeOption[];
  economicItems: CodeOption[];
  actions: Pick<ProjectActions, 'addItem' | 'updateItem' | 'removeItem'>;
  readOnly: boolean;
}) {
  const [editing, setEditing] = useState<{ id: number; values: ItemFields; baseVersion: number } | null>(null);
  const [adding, setAdding] = useState<{ values: ItemFields; baseVersion: number | null }>({ values: itemFields(), baseVersion: null });
  const [errors, setErrors] = useState<Record<string, Errors>>({});
  const [confirm, setConfirm] = useState<number | null>(null);
  const [pending, startTransition] = useTransition();

  function run(key: string, call: () => Promise<{ ok: boolean; fieldErrors?: Errors; formError?: string; reason?: string; current?: unknown }>, onOk: () => void) {
    startTransition(async () => {
      try {
        const r = await call();
        if (r.ok) {
          setErrors(({ [key]: _e, ...rest }) => rest);
          onOk();
        } else {
          setErrors((e) => ({ ...e, [key]: errorsOf({ fieldErrors: r.fieldErrors ?? {}, formError: r.formError }) }));
          const cur = r.current as { version?: number } | undefined;
          if (r.reason === 'stale' && cur?.version) {
            if (key === 'new') setAdding((a) => ({ ...a, baseVersion: cur.version! }));
            else setEditing((ed) => (ed ? { ...ed, baseVersion: cur.version! } : ed));
          }
        }
      } catch {
        setErrors((e) => ({ ...e, [key]: { _form: NETWORK_ERROR } }));
      }
    });
  }

  const total = totalFen(items.map((i) => i.amount));
  return (
    <section aria-label="项目明细" className="mt-6">
      <h2 className="mb-2 font-medium">项目明细</h2>
      <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
        <table className="w-full text-sm">
          <thead className="bg-stone-100 text-left">
            <tr>
              <th className="px-2 py-2">功能科目（项）</th>
              <th className="px-2 py-2">经济科目（款）</th>
              <th className="px-2 py-2">政府采购</th>
              <th className="px-2 py-2 text-right">金额（元）</th>
              {readOnly ? null : <th className="px-2 py-2">操作</th>}
            </tr>
          </thead>
          <tbody>
            {items.map((i) => {
              const key = `item-${i.id}`;
              const err = errors[key] ?? {};
              if (editing?.id === i.id) {
                return (
                  <tr key={i.id} id={key} className="border-b border-stone-100 bg-amber-50/40">
                    <ItemInputs
                      prefix={key}
                      values={editing.values}
                      set={(k, v) => setEditing((ed) => (ed ? { ...ed, values: { ...ed.values, [k]: v } } : ed))}
                      errors={err}
                      functionItems={functionItems}
                      economicItems={economicItems}
                    />
                    <td className="whitespace-nowrap px-2 py-1 align-top">
                      <button
                        type="button"
                        disabled={pending}
                        onClick={() => {
                          const before = itemFields(i);
                          const changes = Object.fromEntries(
                            (Object.keys(editing.values) as (keyof ItemFields)[])
                              .filter((k) => editing.values[k] !== before[k])
                              .map((k) => [k, editing.values[k]]),
                          );
                          if (Object.keys(changes).length === 0) return setEditing(null);
                          run(key, () => actions.updateItem({ budgetId, projectId, itemId: i.id, version: editing.baseVersion, changes }), () => setEditing(null));
                        }}
                        className="mr-2 text-brand hover:underline"
                      >
                        保存
                      </button>
                      <button
                        type="button"
                        onClick={() => {
                          setEditing(null);
                          setErrors(({ [key]: _e, ...rest }) => rest);
                        }}
                        className="text-stone-600 hover:underline"
                      >
                        取消
                      </button>
                      <FieldError message={err._form} className="max-w-56" />
                    </td>
                  </tr>
                );
              }
              return (
                <tr key={i.id} id={key} className="border-b border-stone-100 target:bg-amber-50">
                  <td className="px-2 py-1">
                    <span className="font-mono">{i.functionCode}</span> {names.functional[i.functionCode] ?? ''}
                  </td>
                  <td className="px-2 py-1">
                    <span className="font-mono">{i.economicCode}</span> {names.economic[i.economicCode] ?? ''}
                  </td>
                  <td className="px-2 py-1">{i.procurement ? PROCUREMENT_LABEL[i.procurement] : '—'}</td>
                  <td className="num px-2 py-1">{formatYuanExact(i.amount)}</td>
                  {readOnly ? null : (
                    <td className="whitespace-nowrap px-2 py-1">
                      {confirm === i.id ? (
                        <>
                          <button
                            type="button"
                            disabled={pending}
                            onClick={() => run(key, () => actions.removeItem({ budgetId, projectId, itemId: i.id, version }), () => setConfirm(null))}
                            className="mr-2 text-red-700 hover:underline"
                          >
                            确认删除
                          </button>
                          <button type="button" onClick={() => setConfirm(null)} className="text-stone-600 hover:underline">
                            取消
                          </button>
                        </>
                      ) : (
                        <>
                          <button
                            type="button"
                            onClick={() => setEditing({ id: i.id, values: itemFields(i), baseVersion: version })}
                            className="mr-2 text-brand hover:underline"
                          >
                            编辑
                          </button>
                          <button type="button" onClick={() => setConfirm(i.id)} className="text-stone-600 hover:text-red-700 hover:underline">
                            删除
                          </button>
                        </>
                      )}
                      <FieldError message={err._form} className="max-w-56" />
                    </td>
                  )}
                </tr>
              );
            })}
            {readOnly ? null : (
              <tr className="border-t border-stone-200 bg-stone-50">
                <ItemInputs
                  prefix="new-item"
                  values={adding.values}
                  set={(k, v) => setAdding((a) => ({ baseVersion: a.baseVersion ?? version, values: { ...a.values, [k]: v } }))}
                  errors={errors.new ?? {}}
                  functionItems={functionItems}
                  economicItems={economicItems}
                />
                <td className="px-2 py-1 align-top">
                  <button
                    type="button"
                    disabled={pending}
                    onClick={() =>
                      run(
                        'new',
                        () => actions.addItem({ budgetId, projectId, version: adding.baseVersion ?? version, item: adding.values }),
                        () => setAdding({ values: itemFields(), baseVersion: null }),
                      )
                    }
                    className="rounded bg-brand px-3 py-1 text-white hover:bg-brand-dark disabled:opacity-60"
                  >
                    添加明细
                  </button>
                  <FieldError message={errors.new?._form} className="max-w-56" />
                </td>
              </tr>
            )}
          </tbody>
          <tfoot>
            <tr className="border-t border-stone-300 font-medium">
              <th scope="row" colSpan={3} className="px-2 py-2 text-left">
                项目金额（明细合计，{items.length} 条）
              </th>
              <td className="num px-2 py-2" data-testid="project-amount">
                {formatYuanExact(total)}
              </td>
              {readOnly ? null : <td />}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
