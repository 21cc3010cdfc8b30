'use client';

/**
 * A combobox for classification codes: type a code prefix, part of a name or the name's pinyin initials ("gz"), pick
 * with the arrow keys and Enter (or the mouse); the codes the department already uses come first
 * (lib/codebook/search.ts). The highlighted option is kept in view, "没有匹配的科目" says when nothing matches, and a
 * polite live region tells screen readers how many codes match. The text stays what the user typed until an option
 * is picked, so a wrong code reaches the server's validation and its message instead of being silently dropped.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { searchCodes, type PickerOption } from '@/lib/codebook/search';

/** How many options the list shows (the live region counts all the matches). */
const LIMIT = 50;

export type CommitKey = 'enter' | 'tab' | 'shiftTab';

interface CodePickerProps {
  /** With pinyin initials and the department's used codes marked when the page computed them (lib/codebook/pinyin.ts). */
  options: PickerOption[];
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
  const { matches, total } = useMemo(() => searchCodes(options, value, LIMIT), [options, value]);
  const exact = options.find((o) => o.code === value.trim());
  const highlighted =
    open && matches.length && (navigated || value.trim() !== '') ? matches[Math.min(active, matches.length - 1)] : undefined;
  const listRef = useRef<HTMLUListElement>(null);
  const highlightedId = highlighted ? `${id}-opt-${highlighted.code}` : undefined;
  // keep the highlighted option in view as ↓/↑ move it through the list
  useEffect(() => {
    if (!highlightedId) return;
    listRef.current?.querySelector(`[id="${highlightedId}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [highlightedId]);
  const searching = open && value.trim() !== '';
  const count = !searching ? '' : total === 0 ? '没有匹配的科目' : total > matches.length ? `${total} 个匹配，显示前 ${matches.length} 个` : `${total} 个匹配`;

  const pick = (o: PickerOption, key?: CommitKey) => {
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
        aria-expanded={open && matches.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={highlightedId}
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
          const el = e.currentTarget;
          if (props.selectOnFocus) el.select();
          else if (autoFocus) el.setSelectionRange(el.value.length, el.value.length); // the grid: typing goes on
        }}
        onBlur={() => {
          setOpen(false);
          onBlur?.();
        }}
        onKeyDown={onKeyDown}
        className={`w-full rounded border px-2 py-1 text-sm focus:outline-none ${invalid ? 'border-red-500 bg-red-50' : 'border-stone-300 focus:border-brand'}`}
      />
      <span role="status" className="sr-only">
        {count}
      </span>
      {open && matches.length === 0 && searching ? (
        <p className="absolute left-0 top-full z-30 mt-1 w-max max-w-[80vw] rounded border border-stone-300 bg-white px-2 py-1 text-sm text-stone-600 shadow-lg">
          没有匹配的科目
        </p>
      ) : null}
      {open && matches.length > 0 ? (
        <ul
          ref={listRef}
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
              {o.used ? <span className={`ml-2 text-xs ${highlighted?.code === o.code ? 'text-white/80' : 'text-stone-600'}`}>本部门已用</span> : null}
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
