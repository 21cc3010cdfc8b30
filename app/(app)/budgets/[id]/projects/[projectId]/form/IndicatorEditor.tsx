'use client';

/**
 * The 绩效指标 editor: rows of 一级 › 二级 › 三级 › 指标值 for 实施期 and 年度 side by side; add, remove, move
 * (buttons, keyboard accessible, focus follows the row), copy 实施期 → 年度. 二级 choices are those of the chosen
 * 一级 in the year's taxonomy; a 二级 that no longer fits (the 一级 was changed afterwards) stays visible and is
 * flagged (the server refuses it). Each 指标值 is read as it is typed, with the reason when it can't be read.
 */
import { Button, buttonClass } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/dialog';
import { FieldError } from '@/components/ui/field';
import { controlClass } from '@/components/ui/input';
import type { IndicatorPeriod } from '@/lib/performance/form';
import { parseIndicatorValue } from '@/lib/performance/value';
import type { Taxonomy } from '@/lib/rules/taxonomy';
import {
  INDICATOR_NAME_MAX,
  INDICATOR_VALUE_MAX,
  MAX_INDICATORS_PER_PERIOD,
  PERIOD_LABEL,
  type IndicatorValues,
} from '@/lib/performance/fields';
import type { FormFindingView } from './findings';
import { FindingNotes } from './notes';

interface IndicatorRow extends IndicatorValues {
  /** Client-side identity (React key, focus). */
  id: number;
}

export type IndicatorRows = Record<IndicatorPeriod, IndicatorRow[]>;

let nextRowId = 1;
export const newRowId = () => nextRowId++;

const PERIODS: readonly IndicatorPeriod[] = ['total', 'annual'];

/** Focus an element once React has re-rendered (after a move or a removal). */
function focusSoon(...ids: string[]) {
  requestAnimationFrame(() => {
    for (const id of ids) {
      const el = document.getElementById(id) as HTMLButtonElement | HTMLInputElement | null;
      if (el && !(el as HTMLButtonElement).disabled) {
        el.focus();
        return;
      }
    }
  });
}

export function IndicatorEditor({
  rows,
  onChange,
  taxonomy,
  fieldErrors,
  findings,
  disabled,
}: {
  rows: IndicatorRows;
  onChange: (next: IndicatorRows) => void;
  taxonomy: Taxonomy;
  fieldErrors: Record<string, string>;
  findings: FormFindingView[];
  disabled?: boolean;
}) {
  const setPeriod = (period: IndicatorPeriod, list: IndicatorRow[]) => onChange({ ...rows, [period]: list });
  const update = (period: IndicatorPeriod, index: number, patch: Partial<IndicatorValues>) =>
    setPeriod(
      period,
      rows[period].map((r, i) => (i === index ? { ...r, ...patch } : r)),
    );

  const add = (period: IndicatorPeriod) => {
    const last = rows[period][rows[period].length - 1];
    const level1 = last?.level1 ?? taxonomy.level1[0]?.name ?? '';
    const level2 = last?.level2 ?? taxonomy.level1[0]?.level2[0] ?? '';
    const row: IndicatorRow = { id: newRowId(), level1, level2, name: '', value: '' };
    setPeriod(period, [...rows[period], row]);
    focusSoon(`ind-${row.id}-name`);
  };

  const move = (period: IndicatorPeriod, index: number, delta: -1 | 1) => {
    const list = [...rows[period]];
    const to = index + delta;
    if (to < 0 || to >= list.length) return;
    [list[index], list[to]] = [list[to], list[index]];
    setPeriod(period, list);
    const id = list[to].id;
    focusSoon(`ind-${id}-${delta < 0 ? 'up' : 'down'}`, `ind-${id}-${delta < 0 ? 'down' : 'up'}`);
  };

  const remove = (period: IndicatorPeriod, index: number) => {
    const list = rows[period].filter((_, i) => i !== index);
    setPeriod(period, list);
    const neighbour = list[index] ?? list[index - 1];
    focusSoon(neighbour ? `ind-${neighbour.id}-remove` : `ind-add-${period}`);
  };

  const copyTotalToAnnual = () => onChange({ ...rows, annual: rows.total.map((r) => ({ ...r, id: newRowId() })) });
  const COPY = '复制实施期指标到年度 →';

  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
        {rows.annual.length > 0 ? (
          // replacing the year's indicators loses them: ask first, saying how many
          <ConfirmButton
            variant="secondary"
            disabled={disabled || rows.total.length === 0}
            title="复制实施期指标到年度"
            consequence={`年度已有 ${rows.annual.length} 条指标，复制后将被实施期的 ${rows.total.length} 条指标替换（保存后生效）。`}
            confirmLabel="确认复制"
            onConfirm={copyTotalToAnnual}
          >
            {COPY}
          </ConfirmButton>
        ) : (
          <Button variant="secondary" disabled={disabled || rows.total.length === 0} onClick={copyTotalToAnnual}>
            {COPY}
          </Button>
        )}
        <span className="text-stone-500">指标体系：{taxonomy.label}</span>
      </div>
      <FindingNotes findings={findings.filter((f) => f.target === 'indicators')} />
      <div className="grid gap-4 xl:grid-cols-2">
        {PERIODS.map((period) => (
          <PeriodTable
            key={period}
            period={period}
            rows={rows[period]}
            taxonomy={taxonomy}
            fieldErrors={fieldErrors}
            findings={findings}
            disabled={disabled}
            onUpdate={(i, patch) => update(period, i, patch)}
            onMove={(i, d) => move(period, i, d)}
            onRemove={(i) => remove(period, i)}
            onAdd={() => add(period)}
          />
        ))}
      </div>
    </div>
  );
}

function PeriodTable({
  period,
  rows,
  taxonomy,
  fieldErrors,
  findings,
  disabled,
  onUpdate,
  onMove,
  onRemove,
  onAdd,
}: {
  period: IndicatorPeriod;
  rows: IndicatorRow[];
  taxonomy: Taxonomy;
  fieldErrors: Record<string, string>;
  findings: FormFindingView[];
  disabled?: boolean;
  onUpdate: (index: number, patch: Partial<IndicatorValues>) => void;
  onMove: (index: number, delta: -1 | 1) => void;
  onRemove: (index: number) => void;
  onAdd: () => void;
}) {
  const label = PERIOD_LABEL[period];
  const full = rows.length >= MAX_INDICATORS_PER_PERIOD;
  const listError = fieldErrors[`indicators.${period}`];
  return (
    <section
      aria-labelledby={`ind-${period}-title`}
      id={`field-indicators.${period}`}
      className="rounded-lg border border-stone-200 bg-white p-3"
      data-testid={`indicators-${period}`}
    >
      <h3 id={`ind-${period}-title`} className="mb-2 font-medium">
        {label}绩效指标 <span className="text-sm font-normal text-stone-500">（{rows.length} 条）</span>
      </h3>
      <FieldError message={listError} id={`field-indicators.${period}-error`} />
      <FindingNotes findings={findings.filter((f) => f.target === `indicators.${period}`)} />
      {rows.length === 0 ? (
        <p className="py-3 text-sm text-stone-500">尚无{label}指标。</p>
      ) : (
        <ol className="space-y-2">
          {rows.map((r, i) => (
            <IndicatorRowEditor
              key={r.id}
              period={period}
              index={i}
              count={rows.length}
              row={r}
              taxonomy={taxonomy}
              fieldErrors={fieldErrors}
              findings={findings.filter((f) => f.target === `indicators.${period}.${i}`)}
              disabled={disabled}
              onUpdate={(patch) => onUpdate(i, patch)}
              onMove={(d) => onMove(i, d)}
              onRemove={() => onRemove(i)}
            />
          ))}
        </ol>
      )}
      <Button id={`ind-add-${period}`} variant="secondary" onClick={onAdd} disabled={disabled || full} className="mt-3 border-dashed">
        ＋ 添加{label}指标
      </Button>
      {full ? <span className="ml-2 text-sm text-stone-500">每期最多 {MAX_INDICATORS_PER_PERIOD} 条</span> : null}
    </section>
  );
}

const iconBtn = buttonClass('secondary', 'sm');

function IndicatorRowEditor({
  period,
  index,
  count,
  row,
  taxonomy,
  fieldErrors,
  findings,
  disabled,
  onUpdate,
  onMove,
  onRemove,
}: {
  period: IndicatorPeriod;
  index: number;
  count: number;
  row: IndicatorRow;
  taxonomy: Taxonomy;
  fieldErrors: Record<string, string>;
  findings: FormFindingView[];
  disabled?: boolean;
  onUpdate: (patch: Partial<IndicatorValues>) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const where = `${PERIOD_LABEL[period]}第${index + 1}行`;
  const base = `indicators.${period}.${index}`;
  const l1 = taxonomy.level1.find((l) => l.name === row.level1);
  const level2Options = l1 ? [...l1.level2] : [];
  const level2Foreign = row.level2 !== '' && !level2Options.includes(row.level2);
  const parsed = parseIndicatorValue(row.value);
  const errors = {
    level1: fieldErrors[`${base}.level1`],
    level2: fieldErrors[`${base}.level2`],
    name: fieldErrors[`${base}.name`],
    value: fieldErrors[`${base}.value`],
  };
  const local2 = level2Foreign ? `二级指标“${row.level2}”不属于一级指标“${row.level1}”，请重新选择` : undefined;
  const id = (f: string) => `ind-${row.id}-${f}`;
  return (
    <li
      id={`field-${base}`}
      data-testid={`indicator-${period}-${index}`}
      className={`rounded border p-2 ${findings.length > 0 ? 'border-amber-300 bg-amber-50/40' : 'border-stone-200'}`}
    >
      <div className="flex items-start gap-2">
        <span className="mt-1 w-6 shrink-0 text-right text-xs text-stone-500" aria-hidden>
          {index + 1}
        </span>
        <div className="grid min-w-0 flex-1 grid-cols-2 gap-2 md:grid-cols-[8rem_10rem_minmax(8rem,1fr)_8rem] xl:grid-cols-2">
          <select
            id={id('level1')}
            aria-label={`${where}一级指标`}
            value={row.level1}
            disabled={disabled}
            aria-invalid={!!errors.level1 || undefined}
            onChange={(e) => onUpdate({ level1: e.target.value })}
            className={controlClass(errors.level1)}
          >
            {!l1 ? <option value={row.level1}>{row.level1 === '' ? '请选择' : `${row.level1}（不在指标体系中）`}</option> : null}
            {taxonomy.level1.map((l) => (
              <option key={l.name} value={l.name}>
                {l.name}
              </option>
            ))}
          </select>
          <select
            id={id('level2')}
            aria-label={`${where}二级指标`}
            value={row.level2}
            disabled={disabled}
            aria-invalid={!!(errors.level2 || local2) || undefined}
            aria-describedby={errors.level2 || local2 ? id('level2-error') : undefined}
            onChange={(e) => onUpdate({ level2: e.target.value })}
            className={controlClass(errors.level2 || local2)}
          >
            {row.level2 === '' ? <option value="">请选择</option> : null}
            {level2Foreign ? <option value={row.level2}>{`${row.level2}（不属于${row.level1}）`}</option> : null}
            {level2Options.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          <input
            id={id('name')}
            aria-label={`${where}三级指标`}
            placeholder="三级指标"
            value={row.name}
            maxLength={INDICATOR_NAME_MAX + 20}
            disabled={disabled}
            aria-invalid={!!errors.name || undefined}
            onChange={(e) => onUpdate({ name: e.target.value })}
            className={controlClass(errors.name)}
          />
          <input
            id={id('value')}
            aria-label={`${where}指标值`}
            placeholder="如 ≥95%"
            value={row.value}
            maxLength={INDICATOR_VALUE_MAX + 20}
            disabled={disabled}
            aria-invalid={!!errors.value || parsed.kind === 'unreadable' || undefined}
            aria-describedby={parsed.kind === 'unreadable' ? id('value-hint') : undefined}
            onChange={(e) => onUpdate({ value: e.target.value })}
            className={controlClass(errors.value, parsed.kind === 'unreadable' ? 'w-full ring-1 ring-amber-500' : 'w-full')}
          />
        </div>
        <div className="flex shrink-0 gap-1" role="group" aria-label={`${where}操作`}>
          <button
            type="button"
            id={id('up')}
            className={iconBtn}
            disabled={disabled || index === 0}
            onClick={() => onMove(-1)}
            aria-label={`上移${where}`}
            title="上移"
          >
            ↑
          </button>
          <button
            type="button"
            id={id('down')}
            className={iconBtn}
            disabled={disabled || index === count - 1}
            onClick={() => onMove(1)}
            aria-label={`下移${where}`}
            title="下移"
          >
            ↓
          </button>
          <button
            type="button"
            id={id('remove')}
            className={buttonClass('danger', 'sm')}
            disabled={disabled}
            onClick={onRemove}
            aria-label={`删除${where}`}
            title="删除"
          >
            删除
          </button>
        </div>
      </div>
      <div className="ml-8 space-y-0.5">
        <FieldError message={errors.level1} />
        <FieldError message={errors.level2 ?? local2} id={id('level2-error')} />
        <FieldError message={errors.name} />
        <FieldError message={errors.value} />
        {parsed.kind === 'unreadable' ? (
          <p id={id('value-hint')} className="text-xs text-amber-800" data-testid="indicator-value-hint">
            指标值无法识别：{parsed.reason}
          </p>
        ) : null}
        <FindingNotes findings={findings} compact />
      </div>
    </li>
  );
}
