/** A label, a control and its error, wired for screen readers; the error sits right next to the field. */

/** A field's error, referenced by the field's aria-describedby. */
export function FieldError({ id, message, className = '' }: { id?: string; message?: string | null; className?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className={`mt-1 whitespace-normal text-xs leading-snug text-red-700 ${className}`}>
      {message}
    </p>
  );
}

/** Props for a control inside a Field: invalid state and what describes it (the error, else the hint). */
export function describedBy(id: string, error?: string | null, hint?: string | null) {
  return {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  } as const;
}

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
  error?: string | null;
  hint?: string | null;
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
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
