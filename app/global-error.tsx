'use client';

import './globals.css';
import { ErrorNotice } from '@/components/ErrorNotice';

/** An error in the root layout itself: it replaces the whole document, so it brings its own html and body. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="zh-CN">
      <head>
        <title>页面出错了 · 部门预算编报与公开</title>
      </head>
      <body className="min-h-screen antialiased">
        <ErrorNotice digest={error.digest} retry={reset} />
      </body>
    </html>
  );
}
