'use client';

import { useFormStatus } from 'react-dom';
import type { FormState } from '../_lib/form';

export const inputClass =
  'mt-1 w-full rounded border border-stone-300 bg-white px-2 py-1.5 text-sm focus:border-brand focus:outline-none aria-[invalid=true]:border-red-500';

export function errorsOf(state: FormState | null) {
  return state && !state.ok ? state.fieldErrors : {};
}
export function valuesOf(state: FormState | null) {
  return state && !state.ok ? state.values : {};
}

/** A label, a control and its error, wired for screen readers. */
export function Field({
  id,
  label,
  error,
  hint,
  children,
  className,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-stone-700">
        {label}
      </label>
      {children}
      {hint && !error ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-stone-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Props for an input inside a Field: error wiring. */
export function describedBy(id: string, error?: string, hint?: string) {
  return {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  } as const;
}

export function FormMessage({ state }: { state: FormState | null }) {
  if (!state) return null;
  if (state.ok) {
    return state.message ? (
      <p role="status" className="rounded bg-green-50 px-3 py-2 text-sm text-green-800">
        {state.message}
      </p>
    ) : null;
  }
  const count = Object.keys(state.fieldErrors).length;
  const text = state.formError ?? (count > 0 ? '请检查标红的输入项' : null);
  return text ? (
    <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">
      {text}
    </p>
  ) : null;
}

export function SubmitButton({
  children,
  pendingText,
  variant = 'primary',
  name,
  value,
  confirmText,
}: {
  children: React.ReactNode;
  pendingText?: string;
  variant?: 'primary' | 'secondary' | 'danger';
  name?: string;
  value?: string;
  /** Asks before submitting. */
  confirmText?: string;
}) {
  const { pending } = useFormStatus();
  const cls =
    variant === 'primary'
      ? 'bg-brand text-white hover:bg-brand-dark'
      : variant === 'danger'
        ? 'border border-red-300 bg-white text-red-700 hover:bg-red-50'
        : 'border border-stone-300 bg-white text-stone-800 hover:bg-stone-100';
  return (
    <button
      type="submit"
      name={name}
      value={value}
      disabled={pending}
      onClick={(e) => {
        if (confirmText && !window.confirm(confirmText)) e.preventDefault();
      }}
      className={`rounded px-3 py-1.5 text-sm font-medium disabled:opacity-60 ${cls}`}
    >
      {pending ? (pendingText ?? '正在提交…') : children}
    </button>
  );
}
