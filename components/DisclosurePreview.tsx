'use client';

import { useCallback, useEffect, useState } from 'react';

type State = { kind: 'loading' } | { kind: 'error'; message: string; signedOut?: boolean } | { kind: 'ready'; html: string };

class FetchError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * The disclosure document on the preview page, fetched after the page itself (see the `disclosure/document` route:
 * the server's rendered-document cache, revalidated by entity tag). Shows that it is loading, says in Chinese when it
 * could not be loaded with a retry button (or a sign-in link when the session has ended), and scrolls to the anchor
 * of the address (a finding's table link) once the document is in place.
 */
export function DisclosurePreview({ src }: { src: string }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    // a signed-out browser is redirected to the sign-in page (proxy.ts): that is not the document
    fetch(src, { signal: abort.signal, redirect: 'manual' })
      .then(async (res) => {
        if (res.type === 'opaqueredirect') throw new FetchError('', 401);
        const body = await res.text();
        if (!res.ok) throw new FetchError(body.slice(0, 300) || `状态码 ${res.status}`, res.status);
        setState({ kind: 'ready', html: body });
      })
      .catch((e: unknown) => {
        if (abort.signal.aborted) return;
        if (e instanceof FetchError && e.status === 401) setState({ kind: 'error', message: '登录已过期，请重新登录', signedOut: true });
        else setState({ kind: 'error', message: e instanceof FetchError ? e.message : '网络连接失败，请检查网络后重试' });
      });
    return () => abort.abort();
  }, [src, attempt]);

  useEffect(() => {
    if (state.kind !== 'ready' || !location.hash) return;
    document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
  }, [state]);

  const retry = useCallback(() => {
    setState({ kind: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  if (state.kind === 'loading')
    return (
      <p role="status" aria-live="polite" className="py-16 text-center text-stone-500" data-testid="preview-loading">
        正在生成公开文本…
      </p>
    );
  if (state.kind === 'error')
    return (
      <div role="alert" className="py-12 text-center text-red-700">
        <p>公开文本载入失败：{state.message}</p>
        {state.signedOut ? (
          <a href={`/login?callbackUrl=${encodeURIComponent(location.pathname)}`} className="mt-3 inline-block text-brand underline">
            重新登录
          </a>
        ) : (
          <button type="button" onClick={retry} className="mt-3 rounded border border-stone-300 px-3 py-1 text-stone-800 hover:bg-stone-100">
            重试
          </button>
        )}
      </div>
    );
  // the fragment is React's own rendering of DisclosureDocumentView on the server, every text escaped
  return <div data-testid="preview-document" dangerouslySetInnerHTML={{ __html: state.html }} />;
}
