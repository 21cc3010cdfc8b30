/**
 * The text controls' look, in one place: a bordered box that turns red when its value was refused. `controlClass`
 * is for controls that cannot use the components (a grid cell, a code picker).
 */
import type { InputHTMLAttributes, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

const BASE = 'rounded border px-2 py-1.5 text-sm focus:border-brand focus:outline-none disabled:bg-stone-100';
const OK = 'border-stone-300 bg-white';
const BAD = 'border-red-500 bg-red-50';

export function controlClass(invalid?: boolean | string | null, extra = 'w-full'): string {
  return `${BASE} ${invalid ? BAD : OK} ${extra}`.trim();
}

type Invalid = { invalid?: boolean | string | null };

export function Input({ invalid, className = 'w-full', ...props }: InputHTMLAttributes<HTMLInputElement> & Invalid) {
  return <input {...props} aria-invalid={invalid ? true : props['aria-invalid']} className={controlClass(invalid, className)} />;
}

export function Textarea({ invalid, className = 'w-full', ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & Invalid) {
  return <textarea {...props} aria-invalid={invalid ? true : props['aria-invalid']} className={controlClass(invalid, className)} />;
}

export function Select({ invalid, className = 'w-full', ...props }: SelectHTMLAttributes<HTMLSelectElement> & Invalid) {
  return <select {...props} aria-invalid={invalid ? true : props['aria-invalid']} className={controlClass(invalid, className)} />;
}
