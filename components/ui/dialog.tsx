'use client';

/**
 * A modal dialog on the native <dialog> element: focus moves into it and back, Esc closes it, the page behind is
 * inert. `ConfirmButton` asks before an irreversible action and states its consequence in the dialog.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { Button, type ButtonVariant } from './button';

function Dialog({
  open,
  title,
  children,
  onClose,
}: {
  open: boolean;
  title: string;
  children: React.ReactNode;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-stone-200 p-0 shadow-xl backdrop:bg-black/40"
    >
      <div className="p-5">
        <h2 id={titleId} className="mb-3 text-lg font-bold">
          {title}
        </h2>
        {children}
      </div>
    </dialog>
  );
}

export function ConfirmButton({
  children,
  title,
  consequence,
  confirmLabel,
  variant = 'primary',
  danger = false,
  disabled,
  onConfirm,
}: {
  children: React.ReactNode;
  title: string;
  /** What happens, in words the user can weigh ("公开后所有人可见，之后只能发布更正"). */
  consequence: React.ReactNode;
  confirmLabel: string;
  variant?: ButtonVariant;
  danger?: boolean;
  disabled?: boolean;
  onConfirm: () => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant={variant} disabled={disabled} onClick={() => setOpen(true)}>
        {children}
      </Button>
      <Dialog open={open} title={title} onClose={() => setOpen(false)}>
        <div className="text-sm text-stone-700">{consequence}</div>
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)} autoFocus>
            取消
          </Button>
          <Button
            variant={danger ? 'dangerSolid' : 'primary'}
            onClick={() => {
              setOpen(false);
              onConfirm();
            }}
          >
            {confirmLabel}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
