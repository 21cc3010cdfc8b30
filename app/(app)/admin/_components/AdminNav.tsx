'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const ITEMS = [
  { href: '/admin', label: '概览' },
  { href: '/admin/years', label: '年度' },
  { href: '/admin/departments', label: '部门与单位' },
  { href: '/admin/users', label: '用户' },
  { href: '/admin/codes', label: '科目' },
  { href: '/admin/control-figures', label: '控制数' },
  { href: '/admin/texts', label: '地区文本' },
  { href: '/admin/publish', label: '公开与导出' },
  { href: '/admin/history', label: '管理记录' },
];

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="系统管理" className="no-print mb-6 flex flex-wrap gap-1 border-b border-stone-200 text-sm">
      {ITEMS.map((item) => {
        const active = item.href === '/admin' ? pathname === '/admin' : pathname.startsWith(item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? 'page' : undefined}
            className={`-mb-px border-b-2 px-3 py-2 ${
              active ? 'border-brand font-medium text-brand' : 'border-transparent text-stone-600 hover:text-brand'
            }`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
