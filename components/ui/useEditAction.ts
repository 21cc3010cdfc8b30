'use client';

/**
 * The one way a client component calls a server action that returns a `Result`: pending state in a transition,
 * a network failure or crash turned into a Chinese form error (nothing the user typed is dropped: the caller keeps
 * its own input state), and the last refusal kept for the fields to show.
 */
import { useCallback, useState, useTransition } from 'react';
import type { Refusal, Result } from '@/lib/result';

export const NETWORK_ERROR = '保存失败：无法连接服务器，请检查网络后重试（输入的内容已保留）';

export function useEditAction<I, R extends Result>(run: (input: I) => Promise<R | Refusal<never>>) {
  const [pending, startTransition] = useTransition();
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const submit = useCallback(
    (input: I, onDone?: (r: R | Refusal) => void) => {
      startTransition(async () => {
        let r: R | Refusal;
        try {
          r = await run(input);
        } catch {
          r = { ok: false, reason: 'refused', fieldErrors: {}, formError: NETWORK_ERROR };
        }
        setRefusal(r.ok ? null : (r as Refusal));
        onDone?.(r);
      });
    },
    [run],
  );

  return {
    submit,
    pending,
    refusal,
    fieldErrors: refusal?.fieldErrors ?? {},
    formError: refusal?.formError ?? null,
    /** A stale refusal: the value that is there now. */
    current: refusal?.reason === 'stale' ? refusal.current : undefined,
    clear: () => setRefusal(null),
  };
}
