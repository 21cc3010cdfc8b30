'use client';

/**
 * The items of a project (功能 项, 经济 款, 政府采购, 金额): edit in place, add, delete. Every change carries the
 * project version (one version for the project and its items); each row keeps its own input and errors.
 */
import { useState } from 'react';
import { CodePicker } from '@/components/CodePicker';
import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/dialog';
import { FieldError, describedBy } from '@/components/ui/field';
import { Input, Select } from '@/components/ui/input';
import { useEditAction } from '@/components/ui/useEditAction';
import type { CodeOption } from '@/lib/budget/edit/options';
import type { ProjectState } from '@/lib/budget/edit/projects';
import { PROCUREMENT_KINDS, PROCUREMENT_LABEL } from '@/lib/facts';
import { formatYuanExact, totalFen } from '@/lib/money';
import type { FieldErrors, Refusal } from '@/lib/result';
import type { ProjectActions, ProjectItemRow } from './types';

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

/** A stale refusal's project version: the next attempt is based on what the clerk now sees. */
const staleVersion = (r: Refusal): number | null =>
  r.reason === 'stale' && r.current ? (r.current as ProjectState).version : null;

interface Codes {
  functionItems: CodeOption[];
  economicItems: CodeOption[];
}

function ItemInputs({ prefix, values, set, errors, codes }: { prefix: string; values: ItemFields; set: (k: keyof ItemFields, v: string) => void; errors: FieldErrors; codes: Codes }) {
  const code = (k: 'functionCode' | 'economicCode', id: string, label: string, options: CodeOption[]) => (
    <td className="px-2 py-1 align-top">
      <CodePicker
        id={id}
        label={label}
        options={options}
        value={values[k]}
        onChange={(v) => set(k, v)}
        invalid={Boolean(errors[k])}
        describedBy={errors[k] ? `${id}-error` : undefined}
      />
      <FieldError id={`${id}-error`} message={errors[k]} />
    </td>
  );
  return (
    <>
      {code('functionCode', `${prefix}-function`, '功能科目', codes.functionItems)}
      {code('economicCode', `${prefix}-economic`, '经济科目', codes.economicItems)}
      <td className="px-2 py-1 align-top">
        <label htmlFor={`${prefix}-procurement`} className="sr-only">
          政府采购
        </label>
        <Select id={`${prefix}-procurement`} value={values.procurement} invalid={errors.procurement} onChange={(e) => set('procurement', e.target.value)}>
          <option value="">不采购</option>
          {PROCUREMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {PROCUREMENT_LABEL[k]}
            </option>
          ))}
        </Select>
        <FieldError message={errors.procurement} />
      </td>
      <td className="px-2 py-1 align-top">
        <label htmlFor={`${prefix}-amount`} className="sr-only">
          金额（元）
        </label>
        <Input
          id={`${prefix}-amount`}
          inputMode="decimal"
          value={values.amount}
          onChange={(e) => set('amount', e.target.value)}
          invalid={errors.amount}
          {...describedBy(`${prefix}-amount`, errors.amount)}
          className="w-full text-right tabular-nums"
        />
        <FieldError id={`${prefix}-amount-error`} message={errors.amount} />
      </td>
    </>
  );
}

interface RowProps {
  budgetId: number;
  projectId: number;
  version: number;
  names: { functional: Record<string, string>; economic: Record<string, string> };
  codes: Codes;
  actions: Pick<ProjectActions, 'updateItem' | 'removeItem'>;
  readOnly: boolean;
}

/** One item: shown, or edited in place; deleted after a confirmation. */
function ItemRow({ item, budgetId, projectId, version, names, codes, actions, readOnly }: RowProps & { item: ProjectItemRow }) {
  const [editing, setEditing] = useState<{ values: ItemFields; baseVersion: number } | null>(null);
  const update = useEditAction(actions.updateItem);
  const remove = useEditAction(actions.removeItem);
  const key = `item-${item.id}`;
  if (editing) {
    const save = () => {
      const before = itemFields(item);
      const changes = Object.fromEntries(
        (Object.keys(editing.values) as (keyof ItemFields)[]).filter((k) => editing.values[k] !== before[k]).map((k) => [k, editing.values[k]]),
      );
      if (Object.keys(changes).length === 0) return setEditing(null);
      update.submit({ budgetId, projectId, itemId: item.id, version: editing.baseVersion, changes }, (r) => {
        if (r.ok) return setEditing(null);
        const v = staleVersion(r);
        if (v !== null) setEditing((ed) => (ed ? { ...ed, baseVersion: v } : ed));
      });
    };
    return (
      <tr id={key} className="border-b border-stone-100 bg-amber-50/40">
        <ItemInputs
          prefix={key}
          values={editing.values}
          set={(k, v) => setEditing((ed) => (ed ? { ...ed, values: { ...ed.values, [k]: v } } : ed))}
          errors={update.fieldErrors}
          codes={codes}
        />
        <td className="whitespace-nowrap px-2 py-1 align-top">
          <span className="inline-flex gap-2">
            <Button size="sm" disabled={update.pending} onClick={save}>
              保存
            </Button>
            <Button
              size="sm"
              variant="secondary"
              onClick={() => {
                setEditing(null);
                update.clear();
              }}
            >
              取消
            </Button>
          </span>
          <FieldError message={update.formError} className="max-w-56" />
        </td>
      </tr>
    );
  }
  return (
    <tr id={key} className="border-b border-stone-100 target:bg-amber-50">
      <td className="px-2 py-1">
        <span className="font-mono">{item.functionCode}</span> {names.functional[item.functionCode] ?? ''}
      </td>
      <td className="px-2 py-1">
        <span className="font-mono">{item.economicCode}</span> {names.economic[item.economicCode] ?? ''}
      </td>
      <td className="px-2 py-1">{item.procurement ? PROCUREMENT_LABEL[item.procurement] : '—'}</td>
      <td className="num px-2 py-1">{formatYuanExact(item.amount)}</td>
      {readOnly ? null : (
        <td className="whitespace-nowrap px-2 py-1">
          <span className="inline-flex gap-2">
            <Button size="sm" variant="secondary" onClick={() => setEditing({ values: itemFields(item), baseVersion: version })}>
              编辑
            </Button>
            <ConfirmButton
              variant="danger"
              danger
              disabled={remove.pending}
              title="删除项目明细"
              consequence={`将删除明细 ${item.functionCode} / ${item.economicCode}，金额 ${formatYuanExact(item.amount)} 元；项目金额随之减少。`}
              confirmLabel="确认删除"
              onConfirm={() => remove.submit({ budgetId, projectId, itemId: item.id, version })}
            >
              删除
            </ConfirmButton>
          </span>
          <FieldError message={remove.formError} className="max-w-56" />
        </td>
      )}
    </tr>
  );
}

/** The entry row below the items. */
function NewItemRow({ budgetId, projectId, version, codes, addItem }: Omit<RowProps, 'names' | 'actions' | 'readOnly'> & { addItem: ProjectActions['addItem'] }) {
  const [adding, setAdding] = useState<{ values: ItemFields; baseVersion: number | null }>({ values: itemFields(), baseVersion: null });
  const add = useEditAction(addItem);
  return (
    <tr className="border-t border-stone-200 bg-stone-50">
      <ItemInputs
        prefix="new-item"
        values={adding.values}
        set={(k, v) => setAdding((a) => ({ baseVersion: a.baseVersion ?? version, values: { ...a.values, [k]: v } }))}
        errors={add.fieldErrors}
        codes={codes}
      />
      <td className="px-2 py-1 align-top">
        <Button
          size="sm"
          disabled={add.pending}
          onClick={() =>
            add.submit({ budgetId, projectId, version: adding.baseVersion ?? version, item: adding.values }, (r) => {
              if (r.ok) return setAdding({ values: itemFields(), baseVersion: null });
              const v = staleVersion(r);
              if (v !== null) setAdding((a) => ({ ...a, baseVersion: v }));
            })
          }
        >
          添加明细
        </Button>
        <FieldError message={add.formError} className="max-w-56" />
      </td>
    </tr>
  );
}

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
  const codes = { functionItems, economicItems };
  const row = { budgetId, projectId, version, names, codes, actions, readOnly };
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
            {items.map((i) => (
              <ItemRow key={i.id} item={i} {...row} />
            ))}
            {readOnly ? null : <NewItemRow budgetId={budgetId} projectId={projectId} version={version} codes={codes} addItem={actions.addItem} />}
          </tbody>
          <tfoot>
            <tr className="border-t border-stone-300 font-medium">
              <th scope="row" colSpan={3} className="px-2 py-2 text-left">
                项目金额（明细合计，{items.length} 条）
              </th>
              <td className="num px-2 py-2" data-testid="project-amount">
                {formatYuanExact(totalFen(items.map((i) => i.amount)))}
              </td>
              {readOnly ? null : <td />}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
