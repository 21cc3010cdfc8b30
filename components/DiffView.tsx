/**
 * What changed between two versions of a budget (lib/review/diff.ts): lines and projects added, removed and
 * changed (old → new), income, 上年 figures, texts, forms, and every changed figure of the tables by
 * (table, row, column) with a link to the table in the preview.
 */
import type { CellChange, FactsDiff, FieldChange, ItemChange } from '@/lib/review/diff';
import { isEmptyDiff } from '@/lib/review/diff';
import { tableAnchor } from '@/lib/disclosure/document';
import { formatYuanExact } from '@/lib/money';
import { formHref, lineHref, projectHref, tableHref as previewTableHref } from '@/lib/routes';

const KIND: Record<ItemChange['kind'], { label: string; cls: string }> = {
  added: { label: '新增', cls: 'bg-green-100 text-green-800' },
  removed: { label: '删除', cls: 'bg-red-100 text-red-800' },
  changed: { label: '修改', cls: 'bg-amber-100 text-amber-900' },
};

function OldNew({ c }: { c: FieldChange }) {
  return (
    <>
      <span className="font-medium">{c.label}</span>：
      {c.old ? <del className="text-red-700">{c.old}</del> : <span className="text-stone-400">（空）</span>}
      {' → '}
      {c.new ? <ins className="text-green-800 no-underline">{c.new}</ins> : <span className="text-stone-400">（空）</span>}
    </>
  );
}

function Items({
  title,
  items,
  total = items.length,
  unit = '项',
  href,
  testId,
}: {
  title: string;
  items: ItemChange[];
  /** How many changed in all, when `items` is the first part of them. */
  total?: number;
  /** What one item is counted in (`行`, `个`). */
  unit?: string;
  href?: (id: number) => string;
  testId: string;
}) {
  if (!items.length) return null;
  return (
    <div data-testid={testId}>
      <h4 className="mt-3 font-medium">
        {title}（{total.toLocaleString('en-US')}）
      </h4>
      <ul className="mt-1 space-y-1.5">
        {items.map((it) => (
          <li key={`${it.kind}-${it.id}`} data-change={it.kind}>
            <span className={`mr-2 rounded px-1.5 text-xs ${KIND[it.kind].cls}`}>{KIND[it.kind].label}</span>
            {href && it.kind !== 'removed' ? (
              <a href={href(it.id)} className="text-brand underline">
                {it.label}
              </a>
            ) : (
              <span>{it.label}</span>
            )}
            {it.kind === 'changed' ? (
              <ul className="ml-6 list-disc">
                {it.changes.map((c) => (
                  <li key={c.field}>
                    <OldNew c={c} />
                  </li>
                ))}
              </ul>
            ) : (
              <span className="ml-2 text-stone-600">
                {it.changes.find((c) => c.field === 'amount')
                  ? `金额 ${it.kind === 'added' ? it.changes.find((c) => c.field === 'amount')!.new : it.changes.find((c) => c.field === 'amount')!.old} 元`
                  : ''}
              </span>
            )}
          </li>
        ))}
      </ul>
      {total > items.length ? (
        <p className="mt-1 text-xs text-stone-500" data-testid={`${testId}-more`}>
          {title}共有 {total.toLocaleString('en-US')} {unit}变化，上面只列出前 {items.length} {unit}；表中标出的变化数字包含全部{unit}。
        </p>
      ) : null}
    </div>
  );
}

function Fields({ title, fields, testId }: { title: string; fields: FieldChange[]; testId: string }) {
  if (!fields.length) return null;
  return (
    <div data-testid={testId}>
      <h4 className="mt-3 font-medium">{title}</h4>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {fields.map((c) => (
          <li key={c.field} className="break-words">
            <OldNew c={c} />
          </li>
        ))}
      </ul>
    </div>
  );
}

const TABLE_NAMES = ['', '表一', '表二', '表三', '表四', '表五', '表六', '表七', '表八', '表九', '表十', '表十一', '表十二', '表十三'];

/** 万元 display, or the exact 元 when the change is below the display's 0.01 万元. */
function shown(c: CellChange, side: 'old' | 'new'): string {
  const text = side === 'old' ? c.old : c.new;
  if (c.old === c.new) {
    const fen = side === 'old' ? c.oldAmount : c.newAmount;
    return fen === null ? '' : `${formatYuanExact(fen)} 元`;
  }
  return text;
}

function Cells({ cells, tableHref }: { cells: CellChange[]; tableHref?: (no: number) => string }) {
  if (!cells.length) return null;
  const LIMIT = 300;
  return (
    <div data-testid="diff-cells">
      <h4 className="mt-3 font-medium">公开表中变化的数字（{cells.length} 处，单位：万元）</h4>
      <div className="mt-1 max-h-96 overflow-auto">
        <table className="w-full border-collapse text-xs">
          <thead className="sticky top-0 bg-stone-100">
            <tr>
              <th scope="col" className="border border-stone-300 px-2 py-1 text-left">表</th>
              <th scope="col" className="border border-stone-300 px-2 py-1 text-left">行</th>
              <th scope="col" className="border border-stone-300 px-2 py-1 text-left">列</th>
              <th scope="col" className="border border-stone-300 px-2 py-1 text-right">原数</th>
              <th scope="col" className="border border-stone-300 px-2 py-1 text-right">现数</th>
            </tr>
          </thead>
          <tbody>
            {cells.slice(0, LIMIT).map((c) => (
              <tr key={`${c.table}|${c.row}|${c.column}`} data-cell={`${c.table}:${c.row}:${c.column}`}>
                <td className="border border-stone-300 px-2 py-1">
                  {tableHref ? (
                    <a href={tableHref(c.table)} className="text-brand underline">
                      {TABLE_NAMES[c.table]}
                    </a>
                  ) : (
                    TABLE_NAMES[c.table]
                  )}
                </td>
                <th scope="row" className="border border-stone-300 px-2 py-1 text-left font-normal">
                  {c.rowLabel}
                </th>
                <td className="border border-stone-300 px-2 py-1">{c.columnLabel}</td>
                <td className="num border border-stone-300 px-2 py-1 text-red-700">{shown(c, 'old')}</td>
                <td className="num border border-stone-300 px-2 py-1 text-green-800">{shown(c, 'new')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {cells.length > LIMIT ? <p className="mt-1 text-xs text-stone-500">另有 {cells.length - LIMIT} 处未列出</p> : null}
    </div>
  );
}

export function DiffView({
  diff,
  title,
  subtitle,
  budgetId,
  linesTotal,
  tableHref,
}: {
  diff: FactsDiff;
  title: string;
  subtitle?: string;
  budgetId: number;
  /** How many lines changed in all, when `diff.lines` holds only the first ones (a whole-budget import). */
  linesTotal?: number;
  /** Where a table's link goes (default: the disclosure preview). */
  tableHref?: (no: number) => string;
}) {
  return (
    <section aria-label={title} data-testid="diff" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 text-sm">
      <h3 className="text-base font-medium">{title}</h3>
      {subtitle ? <p className="text-stone-500">{subtitle}</p> : null}
      {isEmptyDiff(diff) ? <p className="mt-2 text-stone-500">没有变化。</p> : null}
      <Items title="基本支出" items={diff.lines} total={linesTotal} unit="行" href={(id) => lineHref(budgetId, id)} testId="diff-lines" />
      <Items title="项目支出" items={diff.projects} href={(id) => projectHref(budgetId, id)} testId="diff-projects" />
      <Items title="绩效目标表" items={diff.forms} href={(id) => formHref(budgetId, id)} testId="diff-forms" />
      <Fields title="收入" fields={diff.income} testId="diff-income" />
      <Fields title="上年预算数" fields={diff.prior} testId="diff-prior" />
      <Fields title="说明文字" fields={diff.texts} testId="diff-texts" />
      <Fields title="其他" fields={diff.other} testId="diff-other" />
      <Cells cells={diff.cells} tableHref={tableHref ?? ((no) => previewTableHref(budgetId, no))} />
    </section>
  );
}


/**
 * A published correction's own account of itself, on the public page: why (the administrator's note) and what
 * changed against the version it replaced — every figure of the tables old → new, the texts and the forms.
 */
export function CorrectionChanges({
  note,
  replacedAt,
  cells,
  texts,
  forms,
}: {
  note: string | null;
  /** When the replaced version was published (formatted). */
  replacedAt: string;
  cells: CellChange[];
  texts: FieldChange[];
  forms: ItemChange[];
}) {
  const empty = !cells.length && !texts.length && !forms.length;
  return (
    <section aria-labelledby="correction-title" data-testid="correction-changes" className="mt-3 rounded border border-amber-200 bg-amber-50/40 p-3">
      <h2 id="correction-title" className="font-medium">
        本次更正的内容
      </h2>
      <p className="mt-1 text-stone-700">
        与{replacedAt}公开的版本相比。{note ? <>更正原因：{note}</> : null}
      </p>
      {empty ? <p className="mt-1 text-stone-500">公开表、说明文字和绩效目标表的内容没有变化（更正的是名称等其他内容）。</p> : null}
      <Cells cells={cells} tableHref={(no) => `#${tableAnchor(no)}`} />
      <Fields title="说明文字" fields={texts} testId="correction-texts" />
      <Items title="绩效目标表" items={forms} testId="correction-forms" />
    </section>
  );
}
