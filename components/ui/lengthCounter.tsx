/**
 * How long a typed text is against its limit (lib/budget/edit/limits.ts): `37 / 100`, and when over, by how much and
 * that the save will be refused — the same figure the server's message names. The input does not cut the text.
 */
import { enteredLength } from '@/lib/budget/edit/limits';

export function LengthCounter({ id, value, max, className = '' }: { id: string; value: string; max: number; className?: string }) {
  const length = enteredLength(value);
  const over = length - max;
  return (
    <p id={id} className={`mt-0.5 text-right text-xs ${over > 0 ? 'text-red-700' : 'text-stone-600'} ${className}`}>
      {length} / {max}
      {/* announced once it goes over, not on every keystroke */}
      <span aria-live="polite">{over > 0 ? `，超出 ${over} 个字，请删减后保存（最多 ${max} 个字）` : ''}</span>
    </p>
  );
}

/** aria-describedby of a control with a counter: its error or hint (describedBy) and the counter. */
export function withCounter(describedBy: string | undefined, counterId: string): string {
  return describedBy ? `${describedBy} ${counterId}` : counterId;
}
