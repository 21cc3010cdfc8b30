'use client';

/**
 * Nothing typed is lost by leaving the page: while `dirty`, closing or reloading the tab asks the browser's own
 * question (beforeunload), and following a link inside the app — which a client-side navigation does without any
 * unload — asks first in Chinese; declining keeps the page and everything typed in it.
 */
import { useEffect } from 'react';

const LEAVE_QUESTION = '本页有尚未保存的修改，离开后将丢失。确定离开吗？';

/** A click that would navigate this tab to another page of the site (not a new tab, a download or an anchor on this page). */
function leavingClick(e: MouseEvent): boolean {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return false;
  const a = (e.target as Element | null)?.closest?.('a[href]');
  if (!(a instanceof HTMLAnchorElement) || a.hasAttribute('download') || (a.target && a.target !== '_self')) return false;
  const to = new URL(a.href, window.location.href);
  if (to.origin !== window.location.origin) return false;
  return to.pathname !== window.location.pathname || to.search !== window.location.search;
}

export function useLeaveWarning(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const onUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    // the capture phase of window runs before React's listeners and Next's Link: a declined leave never starts
    const onClick = (e: MouseEvent) => {
      if (!leavingClick(e) || window.confirm(LEAVE_QUESTION)) return;
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener('beforeunload', onUnload);
    window.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onUnload);
      window.removeEventListener('click', onClick, true);
    };
  }, [dirty]);
}
