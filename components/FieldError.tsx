/** A field's error, right next to it; referenced by the field's aria-describedby. */
export function FieldError({ id, message, className = '' }: { id?: string; message?: string | null; className?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className={`mt-1 whitespace-normal text-xs leading-snug text-red-700 ${className}`}>
      {message}
    </p>
  );
}
