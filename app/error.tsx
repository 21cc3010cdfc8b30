'use client';

import { ErrorNotice } from '@/components/ErrorNotice';

/** An unexpected error in any page below the root layout, in Chinese (Next's own screen is English). */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorNotice digest={error.digest} retry={reset} />;
}
