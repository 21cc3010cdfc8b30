'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useEffect } from 'react';

export const PASSWORD_PAGE = '/account/password';

/**
 * For a user who must change their password (a new account or a reset by the administrator): every page but the
 * change-password page sends them there. Rendered by the app layout around the page content.
 */
export function PasswordGate({ forced, children }: { forced: boolean; children: React.ReactNode }) {
  const pathname = usePathname();
  const router = useRouter();
  const blocked = forced && pathname !== PASSWORD_PAGE;
  useEffect(() => {
    if (blocked) router.replace(PASSWORD_PAGE);
  }, [blocked, router]);
  if (!blocked) return <>{children}</>;
  return (
    <p role="status" className="text-stone-600">
      请先修改密码，正在前往“修改密码”页面…
    </p>
  );
}
