'use client';

/** The form's single fields: a text box with its length against FORM_TEXT_MAX, and a one-line field. */
import { describedBy, FieldError } from '@/components/ui/field';
import { Input, Textarea } from '@/components/ui/input';
import { FORM_TEXT_MAX } from '@/lib/performance/fields';
import type { FormFindingView } from './findings';
import { FindingNotes } from './notes';

export function TextBox({
  name,
  label,
  value,
  error,
  findings,
  onChange,
}: {
  name: string;
  label: string;
  value: string;
  error?: string;
  findings: FormFindingView[];
  onChange: (v: string) => void;
}) {
  const over = value.length > FORM_TEXT_MAX;
  return (
    <div id={`field-${name}`}>
      <div className="mb-1 flex items-baseline justify-between">
        <label htmlFor={name} className="text-sm font-medium">
          {label}
        </label>
        <span className={`text-xs ${over ? 'text-red-700' : 'text-stone-400'}`}>
          {value.length}/{FORM_TEXT_MAX}
        </span>
      </div>
      <Textarea id={name} value={value} rows={3} onChange={(e) => onChange(e.target.value)} invalid={error} {...describedBy(name, error)} />
      <FieldError id={`${name}-error`} message={error} />
      <FindingNotes findings={findings} compact />
    </div>
  );
}

export function LineField({
  name,
  label,
  value,
  max,
  error,
  type = 'text',
  onChange,
  children,
}: {
  name: string;
  label: string;
  value: string;
  max: number;
  error?: string;
  type?: string;
  onChange: (v: string) => void;
  /** Beside the input (e.g. a 今天 button). */
  children?: React.ReactNode;
}) {
  return (
    <div id={`field-${name}`}>
      <label htmlFor={name} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <div className="flex gap-2">
        <Input id={name} type={type} value={value} maxLength={max + 20} onChange={(e) => onChange(e.target.value)} invalid={error} {...describedBy(name, error)} />
        {children}
      </div>
      <FieldError id={`${name}-error`} message={error} />
    </div>
  );
}
