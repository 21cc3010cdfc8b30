'use client';

/**
 * A `<form action>` driven by useActionState over a `formAction` (lib/action.ts): what the last post's Result says
 * (the fields' errors, what was typed, the message for the whole form) and the submit button. An irreversible
 * submit asks first in a Dialog that states its consequence, then submits with its own name and value.
 */
import { useRef } from 'react';
import { useFormStatus } from 'react-dom';
import type { FieldErrors, Result } from '@/lib/result';
import { Button, type ButtonVariant } from './button';
import { ConfirmButton } from './dialog';

type LastPost = Result<{ message?: string }> | null;

/** The refused fields of the last post (none before the first or after a success). */
export function errorsOf(state: LastPost): FieldErrors {
  return state && !state.ok ? state.fieldErrors : {};
}

/** What the user typed in the refused post, to fill the form again (passwords and files are never sent back). */
export function valuesOf(state: LastPost): Record<string, string> {
  return state && !state.ok ? (state.values ?? {}) : {};
}

/** The form's outcome: the success message, or the refusal's message for the whole form. */
export function FormMessage({ state }: { state: LastPost }) {
  if (!state) return null;
  if (state.ok) {
    return state.message ? (
      <p role="status" className="rounded bg-green-50 px-3 py-2 text-sm text-green-800">
        {state.message}
      </p>
    ) : null;
  }
  const text = state.formError ?? (Object.keys(state.fieldErrors).length > 0 ? '请检查标红的输入项' : null);
  return text ? (
    <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">
      {text}
    </p>
  ) : null;
}

export interface Confirmation {
  /** The dialog's title (also its accessible name). */
  title: string;
  /** What happens, with the figures that matter ("将删除 12 条科目…"). */
  consequence: React.ReactNode;
  /** The dialog's confirm button, different from the trigger's text ("确定停用"). */
  confirmLabel: string;
  /** A destructive confirm button (red), whatever the trigger looks like. */
  danger?: boolean;
}

export function SubmitButton({
  children,
  pendingText,
  variant = 'primary',
  name,
  value,
  confirm,
  pending: pendingProp,
}: {
  children: React.ReactNode;
  pendingText?: string;
  variant?: ButtonVariant;
  name?: string;
  value?: string;
  /** Asks in a dialog before submitting. */
  confirm?: Confirmation;
  /** For forms submitted by hand (onSubmit + startTransition), where useFormStatus does not see the post. */
  pending?: boolean;
}) {
  const status = useFormStatus();
  const pending = pendingProp ?? status.pending;
  const submitter = useRef<HTMLButtonElement>(null);
  const label = pending ? (pendingText ?? '正在提交…') : children;
  if (!confirm) {
    return (
      <Button type="submit" variant={variant} name={name} value={value} disabled={pending}>
        {label}
      </Button>
    );
  }
  return (
    <>
      {/* the form is submitted through this button, so the post carries its name and value */}
      <button ref={submitter} type="submit" name={name} value={value} hidden tabIndex={-1} aria-hidden />
      <ConfirmButton
        variant={variant}
        danger={confirm.danger ?? (variant === 'danger' || variant === 'dangerSolid')}
        disabled={pending}
        title={confirm.title}
        consequence={confirm.consequence}
        confirmLabel={confirm.confirmLabel}
        onConfirm={() => submitter.current?.form?.requestSubmit(submitter.current)}
      >
        {label}
      </ConfirmButton>
    </>
  );
}
