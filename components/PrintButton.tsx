'use client';

export function PrintButton({ label = '打印' }: { label?: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="no-print mb-4 rounded border border-stone-300 px-3 py-1.5 text-sm hover:bg-stone-100"
    >
      {label}
    </button>
  );
}
