'use client';

/**
 * A combobox for classification codes: type a code prefix or part of a name, pick with the arrow keys and Enter
 * (or the mouse). The text stays what the user typed until an option is picked, so a wrong code reaches the
 * server's validation and its message instead of being silently dropped.
 */
import { useId, useMemo, useState } from 'react';
import { filterCodeOptions, type CodeOption } from '@/lib/budget/edit/options';

export type CommitKey = 'enter' | 'tab' | 'shiftTab';

interface CodePickerProps {
  options: CodeOption[];
  value: string;
  onChange: (value: string) => void;
  /** Enter/Tab: the grid commits the edit (called with the picked code or the typed text). */
  onCommit?: (value: string, key: CommitKey) => void;
  /** Escape (grid: cancel the edit). */
  onCancel?: () => void;
  onBlur?: () => void;
  label: string;
  id?: string;
  name?: string;
  invalid?: boolean;
  describedBy?: string;
  autoFocus?: boolean;
  placeholder?: string;
  className?: string;
  disabled?: boolean;
  /** Select the text when focused (the grid: typing replaces the code, as in a spreadsheet). */
  selectOnFocus?: boolean;
}

export function CodePicker(props: CodePickerProps) {
  const { options, value, onChange, onCommit, onCancel, onBlur, label, invalid, describedBy, autoFocus, placeholder, disabled } = props;
  const autoId = useId();
  const id = props.id ?? `code-${autoId}`;
  const listId = `${id}-list`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [navigated, setNavigated] = useState(false);
  const matches = useMemo(() => filterCodeOptions(options, value, 50), [options, value]);
  const exact = options.find((o) => o.code === value.trim());
  const highlighted =
    open && matches.length && (navigated || value.trim() !== '') ? matches[Math.min(active, matches.length - 1)] : undefined;

  const pick = (o: CodeOption, key?: CommitKey) => {
    onChange(o.code);
    setOpen(false);
    if (key && onCommit) onCommit(o.code, key);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) setOpen(true);
        else if (!highlighted) setNavigated(true);
        else setActive((a) => Math.min(a + 1, Math.max(matches.length - 1, 0)));
        break;
      case 'ArrowUp':
        e.preventDefault();
        setNavigated(true);
        setActive((a) => Math.max(a - 1, 0));
        break;
      case 'Enter':
      case 'Tab': {
        const key: CommitKey = e.key === 'Enter' ? 'enter' : e.shiftKey ? 'shiftTab' : 'tab';
        const choice = exact ?? highlighted;
        if (choice) {
          if (e.key === 'Enter' || onCommit) e.preventDefault();
          pick(choice, onCommit ? key : undefined);
        } else if (onCommit) {
          e.preventDefault();
          setOpen(false);
          onCommit(value, key);
        }
        break;
      }
      case 'Escape':
        e.preventDefault();
        if (onCancel) onCancel();
        else setOpen(false);
        break;
    }
  };

  return (
    <div className={`relative ${props.className ?? ''}`}>
      <input
        id={id}
        name={props.name}
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={highlighted ? `${id}-opt-${highlighted.code}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        spellCheck={false}
        autoFocus={autoFocus}
        disabled={disabled}
        placeholder={placeholder ?? '编码或名称'}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
          setActive(0);
          setNavigated(false);
        }}
        onFocus={(e) => {
          setOpen(true);
          if (props.selectOnFocus) e.currentTarget.select();
        }}
        onBlur={() => {
          setOpen(false);
          onBlur?.();
        }}
        onKeyDown={onKeyDown}
        className={`w-full rounded border px-2 py-1 text-sm focus:outline-none ${invalid ? 'border-red-500 bg-red-50' : 'border-stone-300 focus:border-brand'}`}
      />
      {open && matches.length > 0 ? (
        <ul
          id={listId}
          role="listbox"
          aria-label={`${label}候选`}
          className="absolute left-0 top-full z-30 mt-1 max-h-64 w-96 max-w-[80vw] overflow-auto rounded border border-stone-300 bg-white py-1 text-sm shadow-lg"
        >
          {matches.map((o, i) => (
            <li
              key={o.code}
              id={`${id}-opt-${o.code}`}
              role="option"
              aria-selected={highlighted?.code === o.code}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => {
                setActive(i);
                setNavigated(true);
              }}
              onClick={() => pick(o, onCommit ? 'enter' : undefined)}
              className={`cursor-pointer px-2 py-1 ${highlighted?.code === o.code ? 'bg-brand text-white' : 'hover:bg-stone-100'}`}
            >
              <span className="font-mono">{o.code}</span> {o.name}
              {o.hint ? (
                <span className={`block truncate text-xs ${highlighted?.code === o.code ? 'text-white/80' : 'text-stone-500'}`}>{o.hint}</span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
