'use client';

/**
 * The editor of one cell while it is being edited: a code picker for the 功能/经济科目, a list for the unit and the
 * fund source, a text box for the amount. Enter and Tab commit (Tab moves on), Escape cancels, leaving the cell
 * commits.
 */
import { CodePicker, type CommitKey } from '@/components/CodePicker';
import { controlClass } from '@/components/ui/input';
import { FUND_SOURCE_LABEL, FUND_SOURCES, UNIT_TYPE_LABEL } from '@/lib/facts';
import { colLabel, type EditCol } from './cells';
import type { LinesGridData } from './types';

export function LineCellEditor({
  col,
  value,
  errorId,
  invalid,
  selectOnFocus,
  data,
  onChange,
  onCommit,
  onCancel,
}: {
  col: EditCol;
  value: string;
  errorId: string;
  invalid: boolean;
  selectOnFocus: boolean;
  data: Pick<LinesGridData, 'units' | 'functionItems' | 'economicItems'>;
  onChange: (value: string) => void;
  /** `value`: what the control holds at the commit (a code picked with Enter may not be in the draft yet). */
  onCommit: (how: CommitKey | 'blur', value?: string) => void;
  onCancel: () => void;
}) {
  const common = {
    autoFocus: true,
    'aria-label': colLabel(col),
    'aria-invalid': invalid || undefined,
    'aria-describedby': invalid ? errorId : undefined,
  };
  const keys = (e: React.KeyboardEvent<HTMLInputElement | HTMLSelectElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onCommit('enter', e.currentTarget.value);
    } else if (e.key === 'Tab') {
      e.preventDefault();
      onCommit(e.shiftKey ? 'shiftTab' : 'tab', e.currentTarget.value);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    }
  };
  if (col === 'functionCode' || col === 'economicCode') {
    return (
      <CodePicker
        autoFocus
        invalid={invalid}
        describedBy={invalid ? errorId : undefined}
        selectOnFocus={selectOnFocus}
        label={colLabel(col)}
        options={col === 'functionCode' ? data.functionItems : data.economicItems}
        value={value}
        onChange={onChange}
        onCommit={(v, how) => onCommit(how, v)}
        onCancel={onCancel}
        onBlur={() => onCommit('blur')}
        className="min-w-48"
      />
    );
  }
  if (col === 'unitId' || col === 'source') {
    return (
      <select
        {...common}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={keys}
        onBlur={() => onCommit('blur')}
        className={controlClass(invalid)}
      >
        {col === 'unitId'
          ? data.units.map((u) => (
              <option key={u.id} value={String(u.id)}>
                {u.name}（{UNIT_TYPE_LABEL[u.type]}）
              </option>
            ))
          : FUND_SOURCES.map((s) => (
              <option key={s} value={s}>
                {FUND_SOURCE_LABEL[s]}
              </option>
            ))}
      </select>
    );
  }
  return (
    <input
      {...common}
      inputMode="decimal"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={keys}
      onFocus={(e) => {
        // Enter/F2 select the figure (typing replaces it); an edit started by typing goes on after its first character
        const el = e.currentTarget;
        if (selectOnFocus) el.select();
        else el.setSelectionRange(el.value.length, el.value.length);
      }}
      onBlur={() => onCommit('blur')}
      className={controlClass(invalid, 'w-full text-right tabular-nums')}
    />
  );
}
