import Link from 'next/link';

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl p-10 text-center" role="alert">
      <h1 className="text-2xl font-bold text-brand">无权访问</h1>
      <p className="mt-4 text-stone-600">您没有查看该内容的权限。如需访问，请联系系统管理员。</p>
      <Link href="/" className="mt-6 inline-block text-brand underline">
        返回首页
      </Link>
    </main>
  );
}
