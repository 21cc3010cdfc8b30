import Link from 'next/link';

/** Public pages: no sign-in, published disclosures only. */
export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-screen">
      <a href="#content" className="skip-link no-print">
        跳到正文
      </a>
      <header className="no-print border-b border-stone-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-3">
          <Link href="/public" className="font-bold text-brand">
            部门预算公开
          </Link>
          <span className="text-sm text-stone-500">已批复并公开的部门预算，任何人均可查阅和下载</span>
        </div>
      </header>
      <main id="content" tabIndex={-1} className="mx-auto max-w-6xl px-3 py-4 sm:px-4 sm:py-6">
        {children}
      </main>
    </div>
  );
}
