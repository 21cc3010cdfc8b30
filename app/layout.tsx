import type { Metadata } from 'next';
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './globals.css';

export const metadata: Metadata = {
  title: { default: '部门预算编报与公开', template: '%s · 部门预算编报与公开' },
  description: '部门预算编报、审核与公开平台',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen antialiased">{children}</body>
    </html>
  );
}
